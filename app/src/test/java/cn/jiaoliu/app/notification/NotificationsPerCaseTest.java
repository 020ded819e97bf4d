package cn.jiaoliu.app.notification;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jiaoliu.testsupport.TestDatabase;
import cn.jiaoliu.workers.application.ApplicationSteps;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import com.fasterxml.jackson.databind.ObjectMapper;
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
  @Autowired JdbcClient jdbc;
  @Autowired MessageSource messages;
  @Autowired ObjectMapper json;

  @Test
  void everyEventOfEveryCaseReachesEachOfItsRecipientsOnce() throws Exception {
    GreenMail smtp = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    try {
      String n = Long.toString(System.nanoTime(), 36);
      String district = "N" + n;
      String home = district + "-U";
      String target = district + "-R";
      jdbc.sql("insert into district (code, name) values (:d, '通知区')").param("d", district).update();
      school(home, district, "URBAN", 0);
      school(target, district, "TOWNSHIP", 1);
      jdbc.sql("""
          insert into rotation_batch (district_code, name, opens_on, closes_on, period_starts, period_ends, status)
          values (:d, '通知批次', date '2026-01-01', date '2026-12-31', date '2027-09-01', date '2028-07-31', 'OPEN')""")
          .param("d", district).update();
      long batch = jdbc.sql("select id from rotation_batch where district_code = :d").param("d", district)
          .query(Long.class).single();
      String teacher = user("t" + n, "teacher", home, district);
      String dispatching = user("pu" + n, "principal", home, district);
      String receiving = user("pr" + n, "principal", target, district);
      String office1 = user("o1" + n, "teaching-office", null, district);
      String office2 = user("o2" + n, "teaching-office", null, district);

      List<Long> cases = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        cases.add(application(teacher, home, target, district, batch, n + i));
      }
      // every job delivered twice, as the engine may
      for (int delivery = 0; delivery < 2; delivery++) {
        for (long id : cases) {
          steps.remind(id, "Task_SignOpinion");
          steps.remind(id, "Task_AcceptTeacher");
          steps.escalate(id, "Task_ApproveApplication");
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
      Map<String, Integer> stored = new TreeMap<>();
      for (String user : expected.keySet()) {
        stored.put(user, jdbc.sql("select count(*) from notification where recipient = :u").param("u", user)
            .query(Integer.class).single());
      }
      assertThat(stored).as("notifications per recipient").isEqualTo(expected);
      JavaMailSenderImpl sender = new JavaMailSenderImpl();
      sender.setHost("127.0.0.1");
      sender.setPort(smtp.getSmtp().getPort());
      NotificationMailer mailer = new NotificationMailer(jdbc, sender, messages, json, Clock.systemUTC(),
          "jiaoliu@localhost", Duration.ofMinutes(5), Duration.ofMinutes(1));
      for (int round = 0; round < 20 && unmailed(expected.keySet()) > 0; round++) {
        mailer.sendPending();
      }
      Map<String, Integer> mailed = new TreeMap<>();
      for (MimeMessage mail : smtp.getReceivedMessagesForDomain(district.toLowerCase() + ".example.invalid")) {
        mailed.merge(recipient(mail).substring(0, recipient(mail).indexOf('@')), 1, Integer::sum);
      }
      assertThat(mailed).as("mails per recipient").isEqualTo(expected);
    } finally {
      smtp.stop();
    }
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
