package cn.jiaoliu.app.statistics;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A district of its own for the statistics tests ('ST', 统计测试区), so that demo data and other
 * tests sharing the database never change its numbers; and an empty second district ('SX').
 *
 * <pre>
 * schools  ST-U1 城区一小, ST-U2 城区二中 (urban); ST-R1 甲镇中心小学 (township), ST-R2 乙村小学 (village),
 *          ST-R3 丙镇中学 (township): 3 rural schools
 * batches  B1 '统计测试2026批' (period from 2026-09-01), B2 '统计测试2027批' (from 2027-09-01)
 *
 * assignments         direction       batch  starts on    school year  subject
 *   A1 U1 → R1        URBAN_TO_RURAL  B1     2026-09-01   2026-2027    数学
 *   A2 U1 → R1        URBAN_TO_RURAL  B1     2026-09-01   2026-2027    语文
 *   A3 U2 → R2        URBAN_TO_RURAL  B1     2027-02-01   2026-2027    数学
 *   A4 R1 → U1        RURAL_TO_URBAN  B1     2026-10-01   2026-2027    英语
 *   A5 U2 → R1        URBAN_TO_RURAL  B2     2027-09-01   2027-2028    数学
 *   A6 R2 → U2        RURAL_TO_URBAN  B2     2027-08-31   2026-2027    音乐   (last day of the school year)
 *
 * open tasks of the rotation application (applications P1..P4 in B2, period from 2027-09-01)
 *   P1 U1 → R1  Task_SignOpinion         1 day old      (also a cancelled and a completed task: not open)
 *   P2 U2 → R2  Task_SignOpinion         5 days old
 *   P3 U1 → R3  Task_AcceptTeacher      10 days old
 *   P4 R1 → U1  Task_ApproveApplication  8 days old
 *
 * completed tasks (created → closed)
 *   application of A1: Task_SignOpinion 10 h, Task_AcceptTeacher 20 h, Task_ApproveApplication 48 h
 *   application of A3: Task_SignOpinion 30 h, Task_ApproveApplication 24 h
 *   assessment AS1:    Task_WriteSelfEvaluation 72 h, Task_AssessTeacher 12 h
 *   assessment AS2:    Task_WriteSelfEvaluation 24 h
 *
 * flows of teachers (dispatching → receiving school: person-times), the largest first, then by codes
 *   U1 → R1 2 (A1, A2)   R1 → U1 1 (A4)   R2 → U2 1 (A6)   U2 → R1 1 (A5)   U2 → R2 1 (A3)
 *   principal of U1: U1 → R1 2, R1 → U1 1;  school year 2027-2028: U2 → R1 1
 *
 * trend over the school years (支教 / 跟岗; the school year filter does not apply)
 *   2026-2027 3 / 2 (A1, A2, A3 / A4, A6)   2027-2028 1 / 0 (A5)
 *   batch B2: 2026-2027 0 / 1 (A6), 2027-2028 1 / 0 (A5);  principal of U1: 2026-2027 2 / 1 (A1, A2 / A4)
 *
 * assessments  AS1 (A1) 2026-2027 ARCHIVED EXCELLENT     AS2 (A3) 2026-2027 ARCHIVED QUALIFIED
 *              AS3 (A4) 2026-2027 ARCHIVED QUALIFIED     AS4 (A2) 2026-2027 IN_PROGRESS
 *              AS5 (A5) 2027-2028 ARCHIVED BASICALLY_QUALIFIED
 * </pre>
 */
final class StatisticsDataSet {

  static final String DISTRICT = "ST";
  static final String EMPTY_DISTRICT = "SX";
  static final String BATCH_1 = "统计测试2026批";
  static final String BATCH_2 = "统计测试2027批";

  private static final AtomicLong JOB_KEYS = new AtomicLong(System.nanoTime());

  private final JdbcClient jdbc;

  private StatisticsDataSet(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Builds the data set once per database. */
  static synchronized void ensure(JdbcClient jdbc) {
    if (jdbc.sql("select count(*) from district where code = 'ST'").query(Long.class).single() == 0) {
      new StatisticsDataSet(jdbc).build();
    }
  }

  static long batchId(JdbcClient jdbc, String name) {
    return jdbc.sql("select id from rotation_batch where name = :n").param("n", name).query(Long.class).single();
  }

  private void build() {
    jdbc.sql("insert into district (code, name) values ('ST', '统计测试区'), ('SX', '空白测试区')").update();
    // two cases of a process modelled and deployed through the upload: one running, one ended
    jdbc.sql("""
        insert into process_case (bpmn_process_id, process_definition_key, title, starter, starter_name, school_code,
          district_code, status, start_variables, started_at) values
          ('st-visit', 1, 'visit 1', 'st.teacher', 'st', 'ST-U1', 'ST', 'RUNNING', '{}', current_timestamp),
          ('st-visit', 1, 'visit 2', 'st.teacher', 'st', 'ST-U1', 'ST', 'ENDED', '{}', current_timestamp)""").update();
    jdbc.sql("""
        insert into school (code, name, district_code, area_type, remoteness_tier, pupils) values
          ('ST-U1', '城区一小', 'ST', 'URBAN', 0, 2000),
          ('ST-U2', '城区二中', 'ST', 'URBAN', 0, 1800),
          ('ST-R1', '甲镇中心小学', 'ST', 'TOWNSHIP', 1, 500),
          ('ST-R2', '乙村小学', 'ST', 'VILLAGE', 3, 80),
          ('ST-R3', '丙镇中学', 'ST', 'TOWNSHIP', 2, 400),
          ('SX-U1', '空白城区小学', 'SX', 'URBAN', 0, 1000),
          ('SX-R1', '空白镇小学', 'SX', 'TOWNSHIP', 1, 300)""").update();
    long b1 = batch(BATCH_1, "2026-09-01", "2027-07-31");
    long b2 = batch(BATCH_2, "2027-09-01", "2028-07-31");

    long a1 = assignment("ST-U1", "ST-R1", b1, "URBAN_TO_RURAL", "2026-09-01", "数学");
    long a2 = assignment("ST-U1", "ST-R1", b1, "URBAN_TO_RURAL", "2026-09-01", "语文");
    long a3 = assignment("ST-U2", "ST-R2", b1, "URBAN_TO_RURAL", "2027-02-01", "数学");
    long a4 = assignment("ST-R1", "ST-U1", b1, "RURAL_TO_URBAN", "2026-10-01", "英语");
    long a5 = assignment("ST-U2", "ST-R1", b2, "URBAN_TO_RURAL", "2027-09-01", "数学");
    assignment("ST-R2", "ST-U2", b2, "RURAL_TO_URBAN", "2027-08-31", "音乐");

    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    long p1 = application("ST-U1", "ST-R1", b2, "URBAN_TO_RURAL", "2027-09-01", "物理", "AWAITING_OPINION");
    task("rotation-application", "Task_SignOpinion", "APPLICATION", p1, "OPEN", now.minusDays(1), null);
    task("rotation-application", "Task_SignOpinion", "APPLICATION", p1, "CANCELLED", now.minusDays(20), now.minusDays(19));
    task("rotation-application", "Task_ReviseApplication", "APPLICATION", p1, "COMPLETING", now.minusDays(9), null);
    long p2 = application("ST-U2", "ST-R2", b2, "URBAN_TO_RURAL", "2027-09-01", "化学", "AWAITING_OPINION");
    task("rotation-application", "Task_SignOpinion", "APPLICATION", p2, "OPEN", now.minusDays(5), null);
    long p3 = application("ST-U1", "ST-R3", b2, "URBAN_TO_RURAL", "2027-09-01", "生物", "AWAITING_ACCEPTANCE");
    task("rotation-application", "Task_AcceptTeacher", "APPLICATION", p3, "OPEN", now.minusDays(10), null);
    long p4 = application("ST-R1", "ST-U1", b2, "RURAL_TO_URBAN", "2027-09-01", "历史", "AWAITING_APPROVAL");
    task("rotation-application", "Task_ApproveApplication", "APPLICATION", p4, "OPEN", now.minusDays(8), null);

    OffsetDateTime t0 = OffsetDateTime.parse("2026-06-01T08:00:00+08:00");
    long app1 = applicationOf(a1);
    completed("rotation-application", "Task_SignOpinion", "APPLICATION", app1, t0, 10);
    completed("rotation-application", "Task_AcceptTeacher", "APPLICATION", app1, t0.plusDays(1), 20);
    completed("rotation-application", "Task_ApproveApplication", "APPLICATION", app1, t0.plusDays(2), 48);
    long app3 = applicationOf(a3);
    completed("rotation-application", "Task_SignOpinion", "APPLICATION", app3, t0, 30);
    completed("rotation-application", "Task_ApproveApplication", "APPLICATION", app3, t0.plusDays(3), 24);

    long round1 = round("2026-2027");
    long round2 = round("2027-2028");
    long as1 = assessment(round1, a1, "2026-2027", "ARCHIVED", "EXCELLENT");
    long as2 = assessment(round1, a3, "2026-2027", "ARCHIVED", "QUALIFIED");
    assessment(round1, a4, "2026-2027", "ARCHIVED", "QUALIFIED");
    assessment(round1, a2, "2026-2027", "IN_PROGRESS", null);
    assessment(round2, a5, "2027-2028", "ARCHIVED", "BASICALLY_QUALIFIED");
    OffsetDateTime t1 = OffsetDateTime.parse("2027-06-20T08:00:00+08:00");
    completed("annual-assessment", "Task_WriteSelfEvaluation", "ASSESSMENT", as1, t1, 72);
    completed("annual-assessment", "Task_AssessTeacher", "ASSESSMENT", as1, t1.plusDays(3), 12);
    completed("annual-assessment", "Task_WriteSelfEvaluation", "ASSESSMENT", as2, t1, 24);
  }

  private long batch(String name, String starts, String ends) {
    jdbc.sql("""
        insert into rotation_batch (district_code, name, opens_on, closes_on, period_starts, period_ends, status)
        values ('ST', :name, :opens, :closes, :starts, :ends, 'CLOSED')""")
        .param("name", name).param("opens", LocalDate.parse(starts).minusMonths(6))
        .param("closes", LocalDate.parse(starts).minusMonths(2)).param("starts", LocalDate.parse(starts))
        .param("ends", LocalDate.parse(ends)).update();
    return batchId(jdbc, name);
  }

  private long application(String home, String target, long batch, String direction, String starts, String subject,
      String status) {
    String token = "statistics-" + JOB_KEYS.incrementAndGet();
    LocalDate start = LocalDate.parse(starts);
    jdbc.sql("""
        insert into rotation_application (teacher_username, teacher_name, home_school_code, target_school_code,
          district_code, batch_id, direction, post, subject, period_start, period_end, years_of_service, reasons,
          status, request_token, created_at, updated_at, version)
        values (:t, '统计教师', :home, :target, 'ST', :batch, :direction, 'TEACHER', :subject, :starts, :ends, 6,
          '交流', :status, :token, current_timestamp, current_timestamp, 0)""")
        .param("t", token).param("home", home).param("target", target).param("batch", batch)
        .param("direction", direction).param("subject", subject).param("starts", start)
        .param("ends", start.plusMonths(10)).param("status", status).param("token", token).update();
    return jdbc.sql("select id from rotation_application where request_token = :token").param("token", token)
        .query(Long.class).single();
  }

  private long assignment(String dispatching, String receiving, long batch, String direction, String starts,
      String subject) {
    long application = application(dispatching, receiving, batch, direction, starts, subject, "APPROVED");
    LocalDate start = LocalDate.parse(starts);
    jdbc.sql("""
        insert into assignment (application_id, teacher_username, teacher_name, dispatching_school_code,
          receiving_school_code, batch_id, direction, post, starts_on, ends_on, monthly_subsidy, created_at)
        select id, teacher_username, teacher_name, :d, :r, :batch, :direction, 'TEACHER', :starts, :ends, 400,
          current_timestamp from rotation_application where id = :app""")
        .param("d", dispatching).param("r", receiving).param("batch", batch).param("direction", direction)
        .param("starts", start).param("ends", start.plusMonths(10)).param("app", application).update();
    return jdbc.sql("select id from assignment where application_id = :app").param("app", application)
        .query(Long.class).single();
  }

  private long applicationOf(long assignment) {
    return jdbc.sql("select application_id from assignment where id = :a").param("a", assignment)
        .query(Long.class).single();
  }

  private long round(String year) {
    jdbc.sql("""
        insert into assessment_round (district_code, school_year, opened_at, opened_by)
        values ('ST', :y, current_timestamp, 'office.st')""").param("y", year).update();
    return jdbc.sql("select id from assessment_round where district_code = 'ST' and school_year = :y").param("y", year)
        .query(Long.class).single();
  }

  private long assessment(long round, long assignment, String year, String status, String grade) {
    jdbc.sql("""
        insert into annual_assessment (round_id, assignment_id, teacher_username, teacher_name, dispatching_school_code,
          receiving_school_code, district_code, school_year, status, grade, created_at, updated_at, version)
        select :round, a.id, a.teacher_username, a.teacher_name, a.dispatching_school_code, a.receiving_school_code,
          'ST', :y, :status, :grade, current_timestamp, current_timestamp, 0 from assignment a where a.id = :a""")
        .param("round", round).param("y", year).param("status", status).param("grade", grade).param("a", assignment)
        .update();
    return jdbc.sql("select id from annual_assessment where assignment_id = :a and school_year = :y")
        .param("a", assignment).param("y", year).query(Long.class).single();
  }

  private void completed(String process, String element, String subjectType, long subjectId, OffsetDateTime created,
      int hours) {
    task(process, element, subjectType, subjectId, "COMPLETED", created, created.plus(Duration.ofHours(hours)));
  }

  private void task(String process, String element, String subjectType, long subjectId, String status,
      OffsetDateTime created, OffsetDateTime closed) {
    long key = JOB_KEYS.incrementAndGet();
    jdbc.sql("""
        insert into inbox_task (job_key, process_instance_key, element_instance_key, bpmn_process_id, element_id,
          variables, status, created_at, checked_at, closed_at, version, subject_type, subject_id)
        values (:key, :key, :key, :process, :element, '{}', :status, :created, :created, :closed, 0, :type, :id)""")
        .param("key", key).param("process", process).param("element", element).param("status", status)
        .param("created", created).param("closed", closed).param("type", subjectType).param("id", subjectId).update();
  }
}
