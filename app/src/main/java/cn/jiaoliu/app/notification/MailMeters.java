package cn.jiaoliu.app.notification;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Mail for operations: notifications waiting to be mailed to someone with an address
 * ({@code jiaoliu_pending_mails}; it only grows while no relay is set, {@code SPRING_MAIL_HOST}) and
 * mails given up after their attempts ({@code jiaoliu_failed_mails}). One query every
 * {@code jiaoliu.metrics.refresh} (30 s), not per scrape.
 */
@Component
class MailMeters {

  private final JdbcClient jdbc;
  private final AtomicLong pending = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();

  MailMeters(JdbcClient jdbc, MeterRegistry registry) {
    this.jdbc = jdbc;
    Gauge.builder("jiaoliu.pending", pending, AtomicLong::get).baseUnit("mails")
        .description("Notifications waiting to be mailed").register(registry);
    Gauge.builder("jiaoliu.failed", failed, AtomicLong::get).baseUnit("mails")
        .description("Mails given up after their attempts").register(registry);
  }

  @Scheduled(fixedDelayString = "${jiaoliu.metrics.refresh:PT30S}")
  void refresh() {
    jdbc.sql("""
            select coalesce(sum(case when n.mail_failed_at is null and u.email is not null then 1 else 0 end), 0),
                   coalesce(sum(case when n.mail_failed_at is not null then 1 else 0 end), 0)
            from notification n left join user_name_view u on u.username = n.recipient
            where n.mailed_at is null""")
        .query((rs, n) -> {
          pending.set(rs.getLong(1));
          failed.set(rs.getLong(2));
          return n;
        }).single();
  }
}
