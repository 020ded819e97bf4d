package cn.jiaoliu.app.notification;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jiaoliu.app.security.CandidateKey;
import cn.jiaoliu.processes.CandidateGroups;
import cn.jiaoliu.processes.ProcessIds;
import cn.jiaoliu.processes.assessment.AssessmentProcess;
import cn.jiaoliu.testsupport.TestDatabase;
import cn.jiaoliu.workers.application.ApplicationSteps;
import cn.jiaoliu.workers.assessment.AssessmentSteps;
import cn.jiaoliu.workers.tasks.StepDeadlines;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * Several cases that share their recipients: every event of every case reaches every recipient
 * once, in the app and by mail (a real SMTP peer), however often the engine delivers the job. The
 * notification keys once left the case out, so a principal's second case's reminder, the office's
 * second escalation and everyone's second "approved" were dropped as repeats of the first.
 */
@SpringBootTest
@ActiveProfiles("test")
@ContextConfiguration(initializers = TestDatabase.class)
class NotificationsPerCaseTest {

  @Autowired ApplicationSteps steps;
  @Autowired StepDeadlines deadlines;
  @Autowired AssessmentSteps assessmentSteps;
  @Autowired JdbcClient jdbc;
  @Autowired MessageSource messages;
  @Autowired ObjectMapper json;

  @Test
  void everyEventOfEveryCaseReachesEachOfItsRecipientsOnce() throws Exception {
    GreenMail smtp = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    try {
      String n = Long.toString(System.nanoTime(), 36);
      District d = district("N" + n, "2026-01-01", "2026-12-31", "2027-09-01", "2028-07-31", "OPEN");
      String district = d.code();
      String home = d.urban();
      String target = d.rural();
      long batch = d.batch();
      String teacher = user("t" + n, "teacher", home, district);
      String dispatching = user("pu" + n, "principal", home, district);
      String receiving = user("pr" + n, "principal", target, district);
      String office1 = user("o1" + n, "teaching-office", null, district);
      String office2 = user("o2" + n, "teaching-office", null, district);

      List<Long> cases = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        cases.add(application(teacher, home, target, district, batch, n + i));
      }
      // each case's steps in the inbox, as the intake files them
      for (long id : cases) {
        long instance = instanceOf(id);
        openTask(instance, ProcessIds.ROTATION_APPLICATION, "Task_SignOpinion", "APPLICATION", id, district,
            CandidateKey.group(CandidateGroups.principalOf(home)));
        openTask(instance, ProcessIds.ROTATION_APPLICATION, "Task_AcceptTeacher", "APPLICATION", id, district,
            CandidateKey.group(CandidateGroups.principalOf(target)));
        openTask(instance, ProcessIds.ROTATION_APPLICATION, "Task_ApproveApplication", "APPLICATION", id, district,
            CandidateKey.group(CandidateGroups.teachingOfficeOf(district)));
      }
      // every job delivered twice, as the engine may
      for (int delivery = 0; delivery < 2; delivery++) {
        for (long id : cases) {
          deadlines.remind(instanceOf(id), "Task_SignOpinion");
          deadlines.remind(instanceOf(id), "Task_AcceptTeacher");
          deadlines.escalate(instanceOf(id), "Task_ApproveApplication");
        }
        steps.notifyApproval(cases.get(0));
        steps.notifyApproval(cases.get(1));
        steps.recordOutcome(cases.get(2), "REJECTED_BY_TEACHING_OFFICE", List.of());
      }

      Map<String, Integer> expected = new TreeMap<>(Map.of(
          // reminders of 3 cases, 2 approvals, 1 outcome
          teacher, 2 + 1,
          dispatching, 3 + 2,
          receiving, 3 + 2,
          office1, 3 + 2,
          office2, 3 + 2));
      assertThat(storedFor(expected.keySet())).as("notifications per recipient").isEqualTo(expected);
      assertThat(mailedThrough(smtp, district, expected.keySet())).as("mails per recipient").isEqualTo(expected);
    } finally {
      smtp.stop();
    }
  }

  /**
   * Two assessments of one round share their principals and teaching office, and the office
   * returns a step of each, so that it comes due and overdue a second time: each time reaches
   * its recipients once, however often the engine delivers the job. The assessment's keys named
   * the step but not the time it came due, so the second time was dropped as a repeat.
   */
  @Test
  void everyTimeAnAssessmentStepComesDueReachesItsRecipientsOnce() throws Exception {
    GreenMail smtp = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    try {
      String n = Long.toString(System.nanoTime(), 36);
      District d = district("A" + n, "2025-01-01", "2025-12-31", "2025-09-01", "2027-07-31", "CLOSED");
      String district = d.code();
      String dispatchingSchool = d.urban();
      String receivingSchool = d.rural();
      long batch = d.batch();
      jdbc.sql("""
          insert into assessment_round (district_code, school_year, opened_at, opened_by)
          values (:d, '2025-2026', current_timestamp, 'office')""").param("d", district).update();
      long round = jdbc.sql("select id from assessment_round where district_code = :d").param("d", district)
          .query(Long.class).single();
      String teacher1 = user("t1" + n, "teacher", dispatchingSchool, district);
      String teacher2 = user("t2" + n, "teacher", dispatchingSchool, district);
      String dispatching = user("pu" + n, "principal", dispatchingSchool, district);
      String receiving = user("pr" + n, "principal", receivingSchool, district);
      String office1 = user("o1" + n, "teaching-office", null, district);
      String office2 = user("o2" + n, "teaching-office", null, district);
      List<Long> assessments = new ArrayList<>();
      for (String teacher : List.of(teacher1, teacher2)) {
        long application = application(teacher, dispatchingSchool, receivingSchool, district, batch, n + teacher);
        assessments.add(assessment(application, round, teacher, dispatchingSchool, receivingSchool, district));
      }

      // every job delivered twice, as the engine may; each time a step comes due it is a task of its own
      String receivingPrincipals = CandidateKey.group(CandidateGroups.principalOf(receivingSchool));
      Map<Long, Long> firstTimes = new TreeMap<>();
      for (long id : assessments) {
        firstTimes.put(id, openTask(instanceOf(id), ProcessIds.ANNUAL_ASSESSMENT, AssessmentProcess.TASK_ASSESS_TEACHER,
            "ASSESSMENT", id, district, receivingPrincipals));
      }
      for (int delivery = 0; delivery < 2; delivery++) {
        for (long id : assessments) {
          deadlines.remind(instanceOf(id), AssessmentProcess.TASK_ASSESS_TEACHER);
          deadlines.escalate(instanceOf(id), AssessmentProcess.TASK_ASSESS_TEACHER);
        }
      }
      // the office returned the step to the receiving school: due and overdue again
      for (long id : assessments) {
        close(firstTimes.get(id));
        openTask(instanceOf(id), ProcessIds.ANNUAL_ASSESSMENT, AssessmentProcess.TASK_ASSESS_TEACHER, "ASSESSMENT", id,
            district, receivingPrincipals);
        openTask(instanceOf(id), ProcessIds.ANNUAL_ASSESSMENT, AssessmentProcess.TASK_SIGN_DISPATCHING_OPINION,
            "ASSESSMENT", id, district, CandidateKey.group(CandidateGroups.principalOf(dispatchingSchool)));
      }
      for (int delivery = 0; delivery < 2; delivery++) {
        for (long id : assessments) {
          deadlines.remind(instanceOf(id), AssessmentProcess.TASK_ASSESS_TEACHER);
          deadlines.escalate(instanceOf(id), AssessmentProcess.TASK_ASSESS_TEACHER);
          deadlines.remind(instanceOf(id), AssessmentProcess.TASK_SIGN_DISPATCHING_OPINION);
          assessmentSteps.archive(id, "EXCELLENT");
        }
      }

      Map<String, Integer> expected = new TreeMap<>(Map.of(
          teacher1, 1,
          teacher2, 1,
          receiving, 2 * 2,
          dispatching, 2,
          office1, 2 * 2,
          office2, 2 * 2));
      assertThat(storedFor(expected.keySet())).as("notifications per recipient").isEqualTo(expected);
      assertThat(mailedThrough(smtp, district, expected.keySet())).as("mails per recipient").isEqualTo(expected);
    } finally {
      smtp.stop();
    }
  }

  /** A case's process instance (one per case; the subject id keeps the two kinds apart). */
  private static long instanceOf(long subjectId) {
    return 7_000_000_000L + subjectId;
  }

  /** An open task of a step in the inbox, filed under its case and district, with one candidate. */
  private long openTask(long instance, String process, String step, String subjectType, long subjectId,
      String district, String candidate) {
    long job = System.nanoTime();
    jdbc.sql("""
        insert into inbox_task (job_key, process_instance_key, element_instance_key, bpmn_process_id, element_id,
          form_key, variables, status, created_at, checked_at, version, subject_type, subject_id, district_code)
        values (:job, :instance, :job, :process, :step, 'form', '{}', 'OPEN', current_timestamp, current_timestamp,
          0, :type, :id, :district)""")
        .param("job", job).param("instance", instance).param("process", process).param("step", step)
        .param("type", subjectType).param("id", subjectId).param("district", district).update();
    long task = jdbc.sql("select id from inbox_task where job_key = :job").param("job", job).query(Long.class).single();
    jdbc.sql("insert into inbox_task_candidate (task_id, candidate, task_open) values (:t, :c, true)")
        .param("t", task).param("c", candidate).update();
    return task;
  }

  private void close(long task) {
    jdbc.sql("update inbox_task set status = 'COMPLETED', closed_at = current_timestamp where id = :t")
        .param("t", task).update();
  }

  /** A district of its own with an urban and a rural school and one batch (dates as SQL date literals). */
  private District district(String code, String opens, String closes, String starts, String ends, String status) {
    jdbc.sql("insert into district (code, name) values (:d, '通知区')").param("d", code).update();
    school(code + "-U", code, "URBAN", 0);
    school(code + "-R", code, "TOWNSHIP", 1);
    jdbc.sql("""
        insert into rotation_batch (district_code, name, opens_on, closes_on, period_starts, period_ends, status)
        values (:d, '通知批次', cast(:opens as date), cast(:closes as date), cast(:starts as date), cast(:ends as date),
          :status)""")
        .param("d", code).param("opens", opens).param("closes", closes).param("starts", starts).param("ends", ends)
        .param("status", status).update();
    long batch = jdbc.sql("select id from rotation_batch where district_code = :d").param("d", code)
        .query(Long.class).single();
    return new District(code, code + "-U", code + "-R", batch);
  }

  record District(String code, String urban, String rural, long batch) {}

  /** The notifications stored for each of the users. */
  private Map<String, Integer> storedFor(java.util.Collection<String> users) {
    Map<String, Integer> stored = new TreeMap<>();
    for (String user : users) {
      stored.put(user, jdbc.sql("select count(*) from notification where recipient = :u").param("u", user)
          .query(Integer.class).single());
    }
    return stored;
  }

  /** Mails the users' notifications through the SMTP peer; the mails it received, per recipient. */
  private Map<String, Integer> mailedThrough(GreenMail smtp, String district, java.util.Collection<String> users) {
    JavaMailSenderImpl sender = new JavaMailSenderImpl();
    sender.setHost("127.0.0.1");
    sender.setPort(smtp.getSmtp().getPort());
    NotificationMailer mailer = new NotificationMailer(jdbc, sender, messages, json, Clock.systemUTC(),
        "jiaoliu@localhost", Duration.ofMinutes(5), Duration.ofMinutes(1), "https://jiaoliu.example.gov.cn");
    for (int round = 0; round < 20 && unmailed(users) > 0; round++) {
      mailer.sendPending();
    }
    Map<String, Integer> mailed = new TreeMap<>();
    for (MimeMessage mail : smtp.getReceivedMessagesForDomain(district.toLowerCase() + ".example.invalid")) {
      mailed.merge(recipient(mail).substring(0, recipient(mail).indexOf('@')), 1, Integer::sum);
    }
    return mailed;
  }

  private long assessment(long application, long round, String teacher, String dispatchingSchool, String receivingSchool,
      String district) {
    jdbc.sql("""
        insert into assignment (application_id, teacher_username, teacher_name, dispatching_school_code,
          receiving_school_code, batch_id, direction, post, starts_on, ends_on, monthly_subsidy, created_at)
        select id, teacher_username, teacher_name, home_school_code, target_school_code, batch_id, direction, post,
          date '2025-09-01', date '2027-07-31', 400, current_timestamp from rotation_application where id = :a""")
        .param("a", application).update();
    long assignment = jdbc.sql("select id from assignment where application_id = :a").param("a", application)
        .query(Long.class).single();
    jdbc.sql("""
        insert into annual_assessment (round_id, assignment_id, teacher_username, teacher_name, dispatching_school_code,
          receiving_school_code, district_code, school_year, status, current_step, created_at, updated_at, version)
        values (:r, :a, :t, '考核教师', :ds, :rs, :d, '2025-2026', 'IN_PROGRESS', :step, current_timestamp,
          current_timestamp, 0)""")
        .param("r", round).param("a", assignment).param("t", teacher).param("ds", dispatchingSchool)
        .param("rs", receivingSchool).param("d", district).param("step", AssessmentProcess.TASK_ASSESS_TEACHER).update();
    return jdbc.sql("select id from annual_assessment where assignment_id = :a").param("a", assignment)
        .query(Long.class).single();
  }

  private long unmailed(java.util.Collection<String> users) {
    return jdbc.sql("select count(*) from notification where recipient in (:u) and mailed_at is null")
        .param("u", users).query(Long.class).single();
  }

  private static String recipient(MimeMessage mail) {
    try {
      Address[] to = mail.getAllRecipients();
      return to[0].toString();
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private void school(String code, String district, String area, int tier) {
    jdbc.sql("""
        insert into school (code, name, district_code, area_type, remoteness_tier) values (:c, :c, :d, :a, :t)""")
        .param("c", code).param("d", district).param("a", area).param("t", tier).update();
  }

  private String user(String username, String role, String school, String district) {
    jdbc.sql("""
        insert into app_user (username, display_name, email, roles, school_code, district_code, last_seen_at)
        values (:u, :u, :email, :role, :school, :district, current_timestamp)""")
        .param("u", username).param("email", username + "@" + district.toLowerCase() + ".example.invalid")
        .param("role", role).param("school", school).param("district", district).update();
    return username;
  }

  private long application(String teacher, String home, String target, String district, long batch, String token) {
    jdbc.sql("""
        insert into rotation_application (teacher_username, teacher_name, home_school_code, target_school_code,
          district_code, batch_id, direction, post, subject, period_start, period_end, years_of_service, reasons,
          status, current_step, request_token, created_at, updated_at, version)
        values (:teacher, '通知教师', :home, :target, :district, :batch, 'URBAN_TO_RURAL', 'TEACHER', '数学',
          date '2027-09-01', date '2028-07-31', 8, '支教', 'AWAITING_APPROVAL', 'Task_ApproveApplication', :token,
          current_timestamp, current_timestamp, 0)""")
        .param("teacher", teacher).param("home", home).param("target", target).param("district", district)
        .param("batch", batch).param("token", token).update();
    return jdbc.sql("select id from rotation_application where request_token = :t").param("t", token)
        .query(Long.class).single();
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
