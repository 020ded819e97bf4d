package cn.jiaoliu.app.operations;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Failing automated steps for operations ({@code jiaoliu_failing_steps}): the steps the 运行监控 page
 * lists as failing (open or being retried), by process and step, {@code incident="true"} for those
 * out of retries. One grouped query every {@code jiaoliu.metrics.refresh} (30 s), not per scrape.
 */
@Component
class FailureMeters {

  private final JdbcClient jdbc;
  private final MultiGauge failing;

  FailureMeters(JdbcClient jdbc, MeterRegistry registry) {
    this.jdbc = jdbc;
    this.failing = MultiGauge.builder("jiaoliu.failing").baseUnit("steps")
        .description("Automated steps failing (incident: out of retries), by process and step").register(registry);
  }

  @Scheduled(fixedDelayString = "${jiaoliu.metrics.refresh:PT30S}")
  void refresh() {
    failing.register(jdbc.sql("""
            select bpmn_process_id, element_id, incident, count(*) from (
              select bpmn_process_id, element_id,
                     case when status = 'OPEN' and retries_left <= 0 then 'true' else 'false' end as incident
              from job_failure where status in ('OPEN', 'RETRYING')) f
            group by bpmn_process_id, element_id, incident""")
        .query((rs, n) -> MultiGauge.Row.of(Tags.of("process", rs.getString(1), "element", rs.getString(2),
            "incident", rs.getString(3)), rs.getLong(4)))
        .list(), true);
  }
}
