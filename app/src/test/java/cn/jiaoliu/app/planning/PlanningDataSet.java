package cn.jiaoliu.app.planning;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A district of its own for the planning tests ('PL', 规划测试区), so demo data and other tests never
 * change its answers. Rules: 6 years at one school, principals and vice-principals 5, retirement at
 * 60 unless the roster says, not due within 3 years of it, 10% (backbone 20%), rounded up.
 *
 * <pre>
 * schools  PL-U01 规划一小, PL-U02 规划二中 (urban); PL-R01 规划镇小 (township)
 * batch    '规划测试批' OPEN, rotation from 2027-09-01: the rules are applied on that day
 *
 * PL-U01   joined       other                                         standing    application
 *   T01    2021-09-01   市级骨干                                       DUE (6 years that day)  APPROVED
 *   T02    2021-09-02                                                 NOT_YET (one day short)
 *   T03    2010-09-01   born 1968-03-01 (retires 2028-03-01)          NEAR_RETIREMENT
 *   T04    2012-01-01   born 1968-09-02, roster retires 2031-09-02    DUE (the roster's date counts)
 *   T05    2015-09-01   孕期哺乳期 2026-03-01..2027-06-30 (expired)    DUE          AWAITING_OPINION
 *   T06    2015-09-01   重大疾病 2027-01-01..2028-08-31                EXEMPT
 *   T07    2015-09-01   其他 2027-01-01..2028-08-31, ended early       DUE
 *   T08    2022-09-01   副校长 (5 years)                              DUE
 *   T09    —                                                          UNKNOWN
 *   T10    2015-09-01   rotating 2027-02-01..2027-12-31               SERVING
 *   T11    2019-09-01   区级骨干                                       DUE          WITHDRAWN
 *   T12    2019-09-01                                                 DUE          APPROVED
 *   T13..T16 2019-09-01                                               DUE
 *   T17    2015-09-01   rotated 2022-09-01..2023-07-15: counts from 2023-07-16   NOT_YET
 *   → 11 due: target ⌈1.1⌉ = 2, backbone ⌈0.4⌉ = 1; applied 3 (T01, T05, T12), approved 2, backbone 1 (50%): met
 * PL-U02
 *   V01..V03 2020-09-01 (V01 approved, not backbone)                  DUE
 *   → 3 due: target ⌈0.3⌉ = 1, backbone ⌈0.2⌉ = 1; applied 1, approved 1, backbone 0: not met
 * PL-R01
 *   R01    2018-09-01                                                 DUE (listed; rural schools get no target)
 * district: due 14, target 3, backbone target 2, applied 4, approved 3, backbone 1 (33%), 1 of 2 schools met
 *
 * pairings  PL-U01 ⇄ PL-R01 and PL-U02 ⇄ PL-R01 from 2026-09-01 for three years; PL-U02 ⇄ PL-R01 ended 2025-08-31 too
 * demonstration classes the office recorded (Task_RecordActivity completed), minimum 2 joint research a semester
 *   2026-10-15 U01 → R01  joint research         2026-11-20 R01 → U01  joint research (sent the other way)
 *   2026-12-01 U01 → R01  送教                    2026-12-02 U01 → R01  joint research, but not recorded
 *   2027-03-10 U01 → R01  joint research (second semester)
 *   2026-10-10 U02 → R01  joint research         2026-10-12 U01 → R01 joint research, in district PX's inbox
 *   → 2026-2027-1: U01 ⇄ R01 2 research + 1 送教, met; U02 ⇄ R01 1, not met
 *     2026-2027-2: U01 ⇄ R01 1, not met; U02 ⇄ R01 0, not met
 * </pre>
 */
final class PlanningDataSet {

  static final String DISTRICT = "PL";
  static final String BATCH = "规划测试批";
  static final LocalDate DAY = LocalDate.of(2027, 9, 1);

  private static final AtomicLong KEYS = new AtomicLong(System.nanoTime());

  private final JdbcClient jdbc;

  private PlanningDataSet(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  static synchronized long ensure(JdbcClient jdbc) {
    if (jdbc.sql("select count(*) from district where code = 'PL'").query(Long.class).single() == 0) {
      new PlanningDataSet(jdbc).build();
    }
    return batchId(jdbc);
  }

  static long batchId(JdbcClient jdbc) {
    return jdbc.sql("select id from rotation_batch where name = :n").param("n", BATCH).query(Long.class).single();
  }

  private void build() {
    jdbc.sql("insert into district (code, name) values ('PL', '规划测试区'), ('PX', '规划另一区')").update();
    jdbc.sql("""
        insert into school (code, name, district_code, area_type, remoteness_tier, pupils) values
          ('PL-U01', '规划一小', 'PL', 'URBAN', 0, 2000), ('PL-U02', '规划二中', 'PL', 'URBAN', 0, 1500),
          ('PL-R01', '规划镇小', 'PL', 'TOWNSHIP', 2, 300), ('PX-U01', '另一区一小', 'PX', 'URBAN', 0, 900)""").update();
    jdbc.sql("""
        insert into rotation_rule (district_code, years_at_school, leader_years, retirement_age, retirement_window_years,
          target_percent, backbone_percent, rounding, joint_research_per_term, updated_by, updated_at)
        values ('PL', 6, 5, 60, 3, 10, 20, 'UP', 2, 'test', current_timestamp)""").update();
    jdbc.sql("""
        insert into rotation_batch (district_code, name, opens_on, closes_on, period_starts, period_ends, status)
        values ('PL', '规划测试批', date '2027-03-01', date '2027-06-30', date '2027-09-01', date '2028-07-31', 'OPEN')""")
        .update();
    jdbc.sql("""
        insert into rotation_batch (district_code, name, opens_on, closes_on, period_starts, period_ends, status)
        values ('PL', '规划往年批', date '2026-11-01', date '2026-12-31', date '2027-02-01', date '2027-12-31', 'CLOSED')""")
        .update();
    teacher("T01", "PL-U01", "2021-09-01", "CITY", null, null, null);
    teacher("T02", "PL-U01", "2021-09-02", null, null, null, null);
    teacher("T03", "PL-U01", "2010-09-01", null, null, "1968-03-01", null);
    teacher("T04", "PL-U01", "2012-01-01", null, null, "1968-09-02", "2031-09-02");
    teacher("T05", "PL-U01", "2015-09-01", null, null, null, null);
    teacher("T06", "PL-U01", "2015-09-01", null, null, null, null);
    teacher("T07", "PL-U01", "2015-09-01", null, null, null, null);
    teacher("T08", "PL-U01", "2022-09-01", null, "VICE_PRINCIPAL", null, null);
    teacher("T09", "PL-U01", null, null, null, null, null);
    teacher("T10", "PL-U01", "2015-09-01", null, null, null, null);
    teacher("T11", "PL-U01", "2019-09-01", "DISTRICT", null, null, null);
    for (String t : new String[] {"T12", "T13", "T14", "T15", "T16"}) {
      teacher(t, "PL-U01", "2019-09-01", null, null, null, null);
    }
    for (String t : new String[] {"V01", "V02", "V03"}) {
      teacher(t, "PL-U02", "2020-09-01", null, null, null, null);
    }
    teacher("T17", "PL-U01", "2015-09-01", null, null, null, null);
    teacher("R01", "PL-R01", "2018-09-01", null, null, null, null);
    exemption("T05", "PREGNANCY_NURSING", "2026-03-01", "2027-06-30", false);
    exemption("T06", "SERIOUS_ILLNESS", "2027-01-01", "2028-08-31", false);
    exemption("T07", "OTHER", "2027-01-01", "2028-08-31", true);
    long past = jdbc.sql("select id from rotation_batch where name = '规划往年批'").query(Long.class).single();
    long serving = application("T10", "PL-U01", past, "APPROVED");
    jdbc.sql("""
        insert into assignment (application_id, teacher_username, teacher_name, dispatching_school_code,
          receiving_school_code, batch_id, direction, post, starts_on, ends_on, monthly_subsidy, created_at)
        values (:app, 'pl.t10', '教师T10', 'PL-U01', 'PL-R01', :b, 'URBAN_TO_RURAL', 'TEACHER', date '2027-02-01',
          date '2027-12-31', 450, current_timestamp)""").param("app", serving).param("b", past).update();
    long back = application("T17", "PL-U01", past, "APPROVED");
    jdbc.sql("""
        insert into assignment (application_id, teacher_username, teacher_name, dispatching_school_code,
          receiving_school_code, batch_id, direction, post, starts_on, ends_on, monthly_subsidy, created_at)
        values (:app, 'pl.t17', '教师T17', 'PL-U01', 'PL-R01', :b, 'URBAN_TO_RURAL', 'TEACHER', date '2022-09-01',
          date '2023-07-15', 450, current_timestamp)""").param("app", back).param("b", past).update();
    long batch = batchId(jdbc);
    application("T01", "PL-U01", batch, "APPROVED");
    application("T05", "PL-U01", batch, "AWAITING_OPINION");
    application("T11", "PL-U01", batch, "WITHDRAWN");
    application("T12", "PL-U01", batch, "APPROVED");
    application("V01", "PL-U02", batch, "APPROVED");
    jdbc.sql("""
        insert into pairing (urban_school_code, rural_school_code, starts_on, ends_on, help_kinds) values
          ('PL-U01', 'PL-R01', date '2026-09-01', date '2029-08-31', 'TEACHERS,TEACHING_RESEARCH'),
          ('PL-U02', 'PL-R01', date '2026-09-01', date '2029-08-31', 'TEACHING_RESEARCH'),
          ('PL-U02', 'PL-R01', date '2022-09-01', date '2025-08-31', 'TEACHING_RESEARCH')""").update();
    recorded("PL", "PL-U01", "PL-R01", "2026-10-15", true, true);
    recorded("PL", "PL-R01", "PL-U01", "2026-11-20", true, true);
    recorded("PL", "PL-U01", "PL-R01", "2026-12-01", false, true);
    recorded("PL", "PL-U01", "PL-R01", "2026-12-02", true, false);
    recorded("PL", "PL-U01", "PL-R01", "2027-03-10", true, true);
    recorded("PL", "PL-U02", "PL-R01", "2026-10-10", true, true);
    recorded("PX", "PL-U01", "PL-R01", "2026-10-12", true, true);
  }

  /** A demonstration class the office recorded (or looked at without recording). */
  private void recorded(String district, String from, String to, String day, boolean research, boolean recorded) {
    long key = KEYS.incrementAndGet();
    String variables = """
        {"starterSchoolCode":"%s","receivingSchoolCode":"%s","classDate":"%s","topic":"课题 %s",
         "pairing":"%s→%s","activity":{"countsAsResearch":%s,"activityKind":"%s"}}"""
        .formatted(from, to, day, day, from, to, research, research ? "joint" : "sending");
    jdbc.sql("""
            insert into inbox_task (job_key, process_instance_key, element_instance_key, bpmn_process_id, element_id,
              form_key, variables, status, created_at, checked_at, closed_at, completed_by, submission, district_code,
              version)
            values (:key, :key, :key, 'demonstration-class', 'Task_RecordActivity', 'demonstration-class-record',
              :variables, 'COMPLETED', current_timestamp, current_timestamp, current_timestamp, 'office.pl',
              :submission, :district, 0)""")
        .param("key", key).param("variables", variables)
        .param("submission", "{\"recorded\":" + recorded + ",\"recordNote\":\"\"}").param("district", district)
        .update();
  }

  private void teacher(String code, String school, String joined, String backbone, String post, String birth,
      String retires) {
    jdbc.sql("""
            insert into teacher (staff_number, name, school_code, username, joined_school_on, backbone_level, post,
              birth_date, retires_on, updated_at)
            values (:s, :name, :school, :u, :joined, :backbone, :post, :birth, :retires, current_timestamp)""")
        .param("s", "PL-" + code).param("name", "教师" + code).param("school", school)
        .param("u", "pl." + code.toLowerCase()).param("joined", joined == null ? null : LocalDate.parse(joined))
        .param("backbone", backbone).param("post", post).param("birth", birth == null ? null : LocalDate.parse(birth))
        .param("retires", retires == null ? null : LocalDate.parse(retires)).update();
  }

  private void exemption(String code, String reason, String from, String until, boolean revoked) {
    OffsetDateTime at = OffsetDateTime.of(2026, 12, 1, 9, 0, 0, 0, ZoneOffset.ofHours(8));
    jdbc.sql("""
            insert into rotation_exemption (district_code, staff_number, reason, note, valid_from, valid_until,
              approved_by, approved_at, revoked_by, revoked_at)
            values ('PL', :s, :reason, :note, :from, :until, 'office.pl', :at, :rb, :ra)""")
        .param("s", "PL-" + code).param("reason", reason).param("note", "OTHER".equals(reason) ? "借调" : null)
        .param("from", LocalDate.parse(from)).param("until", LocalDate.parse(until)).param("at", at)
        .param("rb", revoked ? "office.pl" : null).param("ra", revoked ? at.plusDays(3) : null).update();
  }

  private long application(String code, String home, long batch, String status) {
    String token = "pl-" + code + "-" + batch;
    jdbc.sql("""
            insert into rotation_application (teacher_username, teacher_name, home_school_code, target_school_code,
              district_code, batch_id, direction, post, subject, period_start, period_end, years_of_service, reasons,
              status, request_token, created_at, updated_at, version)
            values (:t, :name, :home, 'PL-R01', 'PL', :batch, 'URBAN_TO_RURAL', 'TEACHER', '数学', date '2027-09-01',
              date '2028-07-31', 8, '交流', :status, :token, current_timestamp, current_timestamp, 0)""")
        .param("t", "pl." + code.toLowerCase()).param("name", "教师" + code).param("home", home).param("batch", batch)
        .param("status", status).param("token", token).update();
    return jdbc.sql("select id from rotation_application where request_token = :token").param("token", token)
        .query(Long.class).single();
  }
}
