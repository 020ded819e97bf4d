package cn.jiaoliu.app.notification;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jiaoliu.testsupport.TestDatabase;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * Two app instances mail the notifications of one database at the same moment (each its own
 * mailer, a real SMTP peer that answers slowly enough for their rounds to overlap): every
 * notification is mailed exactly once.
 */
@SpringBootTest
@ActiveProfiles("test")
@ContextConfiguration(initializers = TestDatabase.class)
class NotificationMailerTest {

  static final int NOTIFICATIONS = 12;

  @Autowired JdbcClient jdbc;
  @Autowired MessageSource messages;
  @Autowired ObjectMapper json;
  @Autowired NotificationService notifications;
  GreenMail smtp;

  @BeforeEach
  void smtpPeer() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
  }

  @AfterEach
  void stop() {
    smtp.stop();
  }

  /** One instance's mail sender: the real SMTP peer, a little slow, as over a network. */
  private JavaMailSenderImpl sender() {
    JavaMailSenderImpl sender = new JavaMailSenderImpl() {
      @Override
      public void send(MimeMessage message) {
        try {
          Thread.sleep(30);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        super.send(message);
      }
    };
    sender.setHost("127.0.0.1");
    sender.setPort(smtp.getSmtp().getPort());
    return sender;
  }

  /** A new user with an address at example.invalid (the SMTP peer takes every domain). */
  private String userWithMail(String prefix) {
    String user = prefix + System.nanoTime();
    jdbc.sql("""
        insert into app_user (username, display_name, email, roles, last_seen_at)
        values (:u, '测试', :email, 'teacher', current_timestamp)""").param("u", user).param("email", user + "@example.invalid")
        .update();
    return user;
  }

  @Test
  void twoInstancesMailingAtOnceSendEachNotificationOnce() throws Exception {
    String user = userWithMail("mail.twice.");
    for (int i = 0; i < NOTIFICATIONS; i++) {
      notifications.notify(List.of(user), NotificationEvent.ofAssessment(i, "mail-test"), "notification.assessmentArchived", "2026-2027");
    }
    List<NotificationMailer> instances = List.of(
        new NotificationMailer(jdbc, sender(), messages, json, Clock.systemUTC(), "jiaoliu@localhost",
            java.time.Duration.ofMinutes(5), java.time.Duration.ofMinutes(1), "https://jiaoliu.example.gov.cn"),
        new NotificationMailer(jdbc, sender(), messages, json, Clock.systemUTC(), "jiaoliu@localhost",
            java.time.Duration.ofMinutes(5), java.time.Duration.ofMinutes(1), "https://jiaoliu.example.gov.cn"));

    ExecutorService pool = Executors.newFixedThreadPool(2);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Object>> rounds = instances.stream().map(m -> pool.submit(() -> {
      go.await();
      m.sendPending();
      return (Object) "done";
    })).toList();
    go.countDown();
    for (Future<Object> round : rounds) {
      round.get();
    }
    pool.shutdown();

    assertThat(smtp.getReceivedMessagesForDomain("example.invalid")).as("mails sent").hasSize(NOTIFICATIONS);
    assertThat(jdbc.sql("select count(*) from notification where recipient = :u and mailed_at is not null")
        .param("u", user).query(Long.class).single()).isEqualTo(NOTIFICATIONS);
  }

  /** What the recipient's mail program shows: the bureau's name, the subject, the text, all in Chinese. */
  @Test
  void aMailReadsInChineseFromTheBureau() throws Exception {
    String user = userWithMail("mail.reads.");
    notifications.notify(List.of(user), NotificationEvent.ofApplication(42L, "mail-reads"), "notification.approved", 42, "张伟");
    NotificationMailer mailer = new NotificationMailer(jdbc, sender(), messages, json, Clock.systemUTC(),
        "教育局 <jiaoliu@bureau.example>", java.time.Duration.ofMinutes(5), java.time.Duration.ofMinutes(1), "https://jiaoliu.example.gov.cn");

    mailer.sendPending();

    MimeMessage mail = java.util.Arrays.stream(smtp.getReceivedMessagesForDomain("example.invalid"))
        .filter(m -> {
          try {
            return m.getAllRecipients()[0].toString().startsWith(user);
          } catch (jakarta.mail.MessagingException e) {
            return false;
          }
        }).findFirst().orElseThrow();
    jakarta.mail.internet.InternetAddress from = (jakarta.mail.internet.InternetAddress) mail.getFrom()[0];
    assertThat(from.getPersonal()).isEqualTo("教育局");
    assertThat(from.getAddress()).isEqualTo("jiaoliu@bureau.example");
    assertThat(mail.getSubject()).isEqualTo("【交流】城乡教师交流轮岗通知");
    assertThat(mail.getContentType()).containsIgnoringCase("text/plain").containsIgnoringCase("utf-8");
    assertThat(((String) mail.getContent()).strip())
        .startsWith("交流申请 #42（张伟）已获批准。")
        .endsWith("此邮件由系统自动发送，请登录交流系统查看详情。");
  }

  /**
   * The SMTP peer took the mail but the app never marked it mailed (killed in between, or the
   * answer lost): it is mailed again, under the same Message-ID, so the mailbox knows the copy.
   */
  @Test
  void aMailSentAgainKeepsItsMessageId() throws Exception {
    String user = userWithMail("mail.again.");
    notifications.notify(List.of(user), NotificationEvent.ofAssessment(1, "mail-again"), "notification.assessmentArchived", "2026-2027");
    long id = jdbc.sql("select id from notification where recipient = :u").param("u", user).query(Long.class).single();
    java.util.concurrent.atomic.AtomicBoolean answerLost = new java.util.concurrent.atomic.AtomicBoolean(true);
    JavaMailSenderImpl sender = new JavaMailSenderImpl() {
      @Override
      public void send(MimeMessage message) {
        super.send(message);
        if (answerLost.getAndSet(false)) {
          throw new org.springframework.mail.MailSendException("connection reset after the mail was taken");
        }
      }
    };
    sender.setHost("127.0.0.1");
    sender.setPort(smtp.getSmtp().getPort());
    NotificationMailer mailer = new NotificationMailer(jdbc, sender, messages, json, Clock.systemUTC(),
        "教育局 <jiaoliu@bureau.example>", java.time.Duration.ofMinutes(5), java.time.Duration.ZERO, "https://jiaoliu.example.gov.cn");

    mailer.sendPending();
    mailer.sendPending();

    MimeMessage[] received = smtp.getReceivedMessagesForDomain("example.invalid");
    assertThat(received).hasSize(2);
    assertThat(received).extracting(m -> m.getHeader("Message-ID")[0])
        .containsOnly("<jiaoliu-notification-" + id + "@bureau.example>");
    assertThat(jdbc.sql("select count(*) from notification where id = :id and mailed_at is not null")
        .param("id", id).query(Long.class).single()).isEqualTo(1);
  }

  /**
   * The relay keeps refusing one recipient's mailbox (550 5.1.1 to RCPT, as for a mailbox that
   * does not exist): the mails after it go out in the same round; the refused one is tried again
   * later and given up after the last attempt, recorded with the relay's answer. It once stopped
   * every later mail for good.
   */
  @Test
  void aMailTheRelayKeepsRefusingDoesNotHoldUpTheOthers() throws Exception {
    String refused = userWithMail("mail.refused.");
    List<String> others = List.of(userWithMail("mail.after1."), userWithMail("mail.after2."));
    notifications.notify(List.of(refused), NotificationEvent.ofAssessment(7, "refused"), "notification.assessmentArchived",
        "2026-2027");
    for (String user : others) {
      notifications.notify(List.of(user), NotificationEvent.ofAssessment(7, "refused"), "notification.assessmentArchived",
          "2026-2027");
    }
    try (RefusingRelay relay = new RefusingRelay(smtp.getSmtp().getPort())) {
      relay.refuseMailboxesStartingWith(refused);
      NotificationMailer mailer = new NotificationMailer(jdbc, through(relay), messages, json, Clock.systemUTC(),
          "jiaoliu@localhost", java.time.Duration.ofMinutes(5), java.time.Duration.ZERO, "https://jiaoliu.example.gov.cn");

      mailer.sendPending();
      for (String user : others) {
        assertThat(mailedTo(user)).as("mailed after the refused one, in the same round").isEqualTo(1);
      }
      for (int round = 0; round < 2 * NotificationMailer.MAX_ATTEMPTS; round++) {
        mailer.sendPending();
      }

      assertThat(relay.refusals()).as("attempts before giving up").isEqualTo(NotificationMailer.MAX_ATTEMPTS);
    }
    assertThat(mailedTo(refused)).isZero();
    var given = jdbc.sql("select mail_attempts, mail_failed_at, mail_error from notification where recipient = :u")
        .param("u", refused).query((rs, n) -> java.util.List.of(rs.getInt(1), rs.getObject(2) != null, rs.getString(3)))
        .single();
    assertThat(given.get(0)).isEqualTo(NotificationMailer.MAX_ATTEMPTS);
    assertThat(given.get(1)).as("given up").isEqualTo(true);
    assertThat((String) given.get(2)).as("the relay's answer").contains("550 5.1.1");
    for (String user : others) {
      assertThat(mailedTo(user)).as("mailed once").isEqualTo(1);
    }
  }

  /**
   * A relay too busy to take any mail (421 as its greeting) refuses no mail in particular: no mail
   * uses up an attempt while it is busy, and every one goes out once it takes mail again. Each
   * mail counted an attempt per round, so a relay busy for a quarter of an hour gave them all up.
   */
  @Test
  void aBusyRelayUsesUpNoAttempts() throws Exception {
    List<String> users = List.of(userWithMail("mail.busy1."), userWithMail("mail.busy2."));
    for (String user : users) {
      notifications.notify(List.of(user), NotificationEvent.ofAssessment(9, "busy"), "notification.assessmentArchived",
          "2026-2027");
    }
    try (RefusingRelay relay = new RefusingRelay(smtp.getSmtp().getPort())) {
      relay.busy(true);
      NotificationMailer mailer = new NotificationMailer(jdbc, through(relay), messages, json, Clock.systemUTC(),
          "jiaoliu@localhost", java.time.Duration.ofMinutes(5), java.time.Duration.ZERO, "https://jiaoliu.example.gov.cn");

      for (int round = 0; round < NotificationMailer.MAX_ATTEMPTS + 1; round++) {
        mailer.sendPending();
      }

      for (String user : users) {
        assertThat(jdbc.sql("select mail_attempts from notification where recipient = :u").param("u", user)
            .query(Integer.class).single()).as("attempts of %s", user).isZero();
      }
      relay.busy(false);
      mailer.sendPending();
    }
    for (String user : users) {
      assertThat(mailedTo(user)).as("mailed to %s", user).isEqualTo(1);
    }
  }

  /** A mail sender talking to the relay, as the app's does to the bureau's. */
  private static JavaMailSenderImpl through(RefusingRelay relay) {
    JavaMailSenderImpl sender = new JavaMailSenderImpl();
    sender.setHost("127.0.0.1");
    sender.setPort(relay.port());
    return sender;
  }

  /** A relay that cannot be reached refuses nothing: no mail uses up an attempt while it is down. */
  @Test
  void aRelayThatIsDownUsesUpNoAttempts() throws Exception {
    String user = userWithMail("mail.down.");
    notifications.notify(List.of(user), NotificationEvent.ofAssessment(8, "down"), "notification.assessmentArchived",
        "2026-2027");
    JavaMailSenderImpl down = new JavaMailSenderImpl();
    down.setHost("127.0.0.1");
    try (ServerSocket closed = new ServerSocket(0)) {
      down.setPort(closed.getLocalPort());
    }
    NotificationMailer mailer = new NotificationMailer(jdbc, down, messages, json, Clock.systemUTC(), "jiaoliu@localhost",
        java.time.Duration.ofMinutes(5), java.time.Duration.ZERO, "https://jiaoliu.example.gov.cn");

    for (int round = 0; round < NotificationMailer.MAX_ATTEMPTS + 1; round++) {
      mailer.sendPending();
    }

    assertThat(jdbc.sql("select mail_attempts from notification where recipient = :u").param("u", user)
        .query(Integer.class).single()).isZero();
    NotificationMailer up = new NotificationMailer(jdbc, sender(), messages, json, Clock.systemUTC(), "jiaoliu@localhost",
        java.time.Duration.ofMinutes(5), java.time.Duration.ZERO, "https://jiaoliu.example.gov.cn");
    up.sendPending();
    assertThat(mailedTo(user)).isEqualTo(1);
  }

  private long mailedTo(String user) {
    return java.util.Arrays.stream(smtp.getReceivedMessagesForDomain("example.invalid")).filter(m -> {
      try {
        return m.getAllRecipients()[0].toString().startsWith(user);
      } catch (jakarta.mail.MessagingException e) {
        return false;
      }
    }).count();
  }
}
