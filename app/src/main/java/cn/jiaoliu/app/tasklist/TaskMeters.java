package cn.jiaoliu.app.tasklist;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The inbox for operations (Prometheus, {@code /actuator/prometheus} on the management port): open
 * human steps by process, step and time since they arrived ({@code jiaoliu_open_tasks}, age
 * {@code lt_1d}, {@code 1d_3d}, {@code 3d_7d}, {@code gt_7d}) and those past their due date
 * ({@code jiaoliu_overdue_tasks}). One grouped query each, run every {@code jiaoliu.metrics.refresh}
 * (30 s), never per scrape: a scrape reads the figures last counted. The figures are the database's,
 * so every instance reports the same ones.
 */
@Component
class TaskMeters {

  private final JdbcClient jdbc;
  private final Clock clock;
  private final MultiGauge open;
  private final MultiGauge overdue;

  TaskMeters(JdbcClient jdbc, Clock clock, MeterRegistry registry) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.open = MultiGauge.builder("jiaoliu.open").baseUnit("tasks")
        .description("Open human steps by process, step and time since they arrived").register(registry);
    this.overdue = MultiGauge.builder("jiaoliu.overdue").baseUnit("tasks")
        .description("Open human steps past their due date, by process and step").register(registry);
  }

  @Scheduled(fixedDelayString = "${jiaoliu.metrics.refresh:PT30S}")
  void refresh() {
    OffsetDateTime now = OffsetDateTime.now(clock);
    open.register(jdbc.sql("""
            select bpmn_process_id, element_id, age, count(*) as tasks from (
              select bpmn_process_id, element_id,
                     case when created_at > :day then 'lt_1d' when created_at > :days3 then '1d_3d'
                          when created_at > :days7 then '3d_7d' else 'gt_7d' end as age
              from inbox_task where status = 'OPEN') t
            group by bpmn_process_id, element_id, age""")
        .param("day", now.minus(Duration.ofDays(1))).param("days3", now.minus(Duration.ofDays(3)))
        .param("days7", now.minus(Duration.ofDays(7)))
        .query((rs, n) -> MultiGauge.Row.of(Tags.of("process", rs.getString(1), "element", rs.getString(2), "age",
            rs.getString(3)), rs.getLong(4)))
        .list(), true);
    overdue.register(jdbc.sql("""
            select bpmn_process_id, element_id, count(*) from inbox_task where status = 'OPEN' and due_at < :now
            group by bpmn_process_id, element_id""")
        .param("now", now)
        .query((rs, n) -> MultiGauge.Row.of(Tags.of("process", rs.getString(1), "element", rs.getString(2)),
            rs.getLong(3)))
        .list(), true);
  }
}
