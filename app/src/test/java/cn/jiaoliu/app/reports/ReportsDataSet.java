package cn.jiaoliu.app.reports;

import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two districts of their own for the reports' tests, so that other tests sharing the database never
 * change their numbers: 'RP' (报表测试区) and 'RX' (报表另一区), whose rotation must never show in RP's
 * reports.
 *
 * <pre>
 * schools  RP-U1 报表城区一小, RP-U2 报表城区二中 (urban, tier 0); RP-R1 报表甲镇小学 (township, tier 3),
 *          RP-R2 报表乙村小学 (village, tier 2); RX-U1 另区城区小学 (urban), RX-R1 另区镇小学 (township, tier 3)
 * roster   rp.li 李明 RP-T001 at RP-U1 since 2015-09-01; rp.wang 王芳 RP-T002 at RP-U1 (no date);
 *          rp.zhao 赵强 RP-T003 at RP-R2 since 2018-03-01; rp.zhou 周伟 RP-T005 at RP-U2 since 2012-09-01;
 *          rp.sun 孙丽 is not on the roster
 *
 * assignments   teacher  from → to       direction       post            period                  yuan/month
 *   A1          李明     RP-U1 → RP-R1   URBAN_TO_RURAL  TEACHER         2026-09-01 – 2027-07-15  600
 *   A2          王芳     RP-U1 → RP-R2   URBAN_TO_RURAL  TEACHER         2026-11-16 – 2027-08-31  450
 *   A3          赵强     RP-R2 → RP-U2   RURAL_TO_URBAN  TEACHER         2026-09-01 – 2027-01-31    0
 *   A4          孙丽     RP-U2 → RP-R2   URBAN_TO_RURAL  TEACHER         2027-02-22 – 2027-06-30  450
 *   A5          周伟     RP-U2 → RP-R1   URBAN_TO_RURAL  VICE_PRINCIPAL  2025-09-01 – 2026-07-31  600
 *   X1          钱多     RX-U1 → RX-R1   URBAN_TO_RURAL  TEACHER         2026-09-01 – 2027-07-31  600
 * </pre>
 */
final class ReportsDataSet {

  private static final AtomicLong TOKENS = new AtomicLong(System.nanoTime());

  private final JdbcClient jdbc;

  private ReportsDataSet(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  static synchronized void ensure(JdbcClient jdbc) {
    if (jdbc.sql("select count(*) from district where code = 'RP'").query(Long.class).single() == 0) {
      new ReportsDataSet(jdbc).build();
    }
  }

  private void build() {
    jdbc.sql("insert into district (code, name) values ('RP', '报表测试区'), ('RX', '报表另一区')").update();
    jdbc.sql("""
        insert into school (code, name, district_code, area_type, remoteness_tier, pupils) values
          ('RP-U1', '报表城区一小', 'RP', 'URBAN', 0, 2000),
          ('RP-U2', '报表城区二中', 'RP', 'URBAN', 0, 1800),
          ('RP-R1', '报表甲镇小学', 'RP', 'TOWNSHIP', 3, 300),
          ('RP-R2', '报表乙村小学', 'RP', 'VILLAGE', 2, 80),
          ('RX-U1', '另区城区小学', 'RX', 'URBAN', 0, 1000),
          ('RX-R1', '另区镇小学', 'RX', 'TOWNSHIP', 3, 200)""").update();
    teacher("RP-T001", "李明", "RP-U1", "rp.li", "2015-09-01");
    teacher("RP-T002", "王芳", "RP-U1", "rp.wang", null);
    teacher("RP-T003", "赵强", "RP-R2", "rp.zhao", "2018-03-01");
    teacher("RP-T005", "周伟", "RP-U2", "rp.zhou", "2012-09-01");
    long rp = batch("RP", "报表测试批");
    long rx = batch("RX", "报表另一区批");
    assignment(rp, "RP", "rp.li", "李明", "RP-U1", "RP-R1", "URBAN_TO_RURAL", "TEACHER", "2026-09-01", "2027-07-15", 600);
    assignment(rp, "RP", "rp.wang", "王芳", "RP-U1", "RP-R2", "URBAN_TO_RURAL", "TEACHER", "2026-11-16", "2027-08-31", 450);
    assignment(rp, "RP", "rp.zhao", "赵强", "RP-R2", "RP-U2", "RURAL_TO_URBAN", "TEACHER", "2026-09-01", "2027-01-31", 0);
    assignment(rp, "RP", "rp.sun", "孙丽", "RP-U2", "RP-R2", "URBAN_TO_RURAL", "TEACHER", "2027-02-22", "2027-06-30", 450);
    assignment(rp, "RP", "rp.zhou", "周伟", "RP-U2", "RP-R1", "URBAN_TO_RURAL", "VICE_PRINCIPAL", "2025-09-01",
        "2026-07-31", 600);
    assignment(rx, "RX", "rx.qian", "钱多", "RX-U1", "RX-R1", "URBAN_TO_RURAL", "TEACHER", "2026-09-01", "2027-07-31", 600);
  }

  private void teacher(String staffNumber, String name, String school, String username, String joined) {
    jdbc.sql("""
        insert into teacher (staff_number, name, school_code, username, joined_school_on, updated_at)
        values (:n, :name, :school, :u, :joined, current_timestamp)""")
        .param("n", staffNumber).param("name", name).param("school", school).param("u", username)
        .param("joined", joined == null ? null : LocalDate.parse(joined)).update();
  }

  private long batch(String district, String name) {
    jdbc.sql("""
        insert into rotation_batch (district_code, name, opens_on, closes_on, period_starts, period_ends, status)
        values (:d, :name, date '2025-03-01', date '2025-06-30', date '2025-09-01', date '2027-08-31', 'CLOSED')""")
        .param("d", district).param("name", name).update();
    return jdbc.sql("select id from rotation_batch where name = :n").param("n", name).query(Long.class).single();
  }

  private void assignment(long batch, String district, String username, String name, String from, String to,
      String direction, String post, String starts, String ends, int subsidy) {
    String token = "reports-" + TOKENS.incrementAndGet();
    jdbc.sql("""
        insert into rotation_application (teacher_username, teacher_name, home_school_code, target_school_code,
          district_code, batch_id, direction, post, subject, period_start, period_end, years_of_service, reasons,
          status, request_token, created_at, updated_at, version)
        values (:u, :name, :from, :to, :d, :batch, :direction, :post, '数学', :starts, :ends, 8, '交流', 'APPROVED',
          :token, current_timestamp, current_timestamp, 0)""")
        .param("u", username).param("name", name).param("from", from).param("to", to).param("d", district)
        .param("batch", batch).param("direction", direction).param("post", post)
        .param("starts", LocalDate.parse(starts)).param("ends", LocalDate.parse(ends)).param("token", token).update();
    jdbc.sql("""
        insert into assignment (application_id, teacher_username, teacher_name, dispatching_school_code,
          receiving_school_code, batch_id, direction, post, starts_on, ends_on, monthly_subsidy, created_at)
        select id, teacher_username, teacher_name, home_school_code, target_school_code, batch_id, direction, post,
          period_start, period_end, :subsidy, current_timestamp from rotation_application where request_token = :token""")
        .param("subsidy", subsidy).param("token", token).update();
  }
}
