package cn.jiaoliu.app.notification;

import cn.jiaoliu.app.persistence.RecordRows;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.UnsupportedEncodingException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends the notifications not yet mailed to users with an e-mail address, in Chinese. Active only
 * when SMTP is configured ({@code spring.mail.host}). While the relay cannot be reached every mail
 * waits for the next round; a mail the relay refuses is tried again later, up to
 * {@link #MAX_ATTEMPTS} times, without holding up the mails after it.
 */
@Component
@ConditionalOnProperty(name = "spring.mail.host")
class NotificationMailer {

  private static final Logger log = LoggerFactory.getLogger(NotificationMailer.class);
  private static final String UTF_8 = "UTF-8";
  /** Attempts of a mail the relay refuses before it is given up (waits 1, 2, 4, 8 × the retry interval between). */
  static final int MAX_ATTEMPTS = 5;

  private final JdbcClient jdbc;
  private final JavaMailSender mail;
  private final MessageSource messages;
  private final ObjectMapper json;
  private final Clock clock;
  private final String from;
  private final Duration claimExpires;
  private final String messageIdDomain;
  private final Duration retryInterval;
  /** Where users reach the app (https://jiaoliu.example.gov.cn): mails link to pages under it. */
  private final String publicUrl;

  /**
   * @param claimExpires a claim this old belongs to an instance that stopped (or was killed) between
   *     claiming and mailing; its notification is mailed again after it
   */
  NotificationMailer(JdbcClient jdbc, JavaMailSender mail, MessageSource messages, ObjectMapper json, Clock clock,
      @Value("${jiaoliu.mail.from:jiaoliu@localhost}") String from,
      @Value("${jiaoliu.mail.claim-timeout:PT5M}") Duration claimExpires,
      @Value("${jiaoliu.mail.retry-interval:PT1M}") Duration retryInterval,
      @Value("${jiaoliu.public-url:http://localhost:8080}") String publicUrl) {
    this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    this.jdbc = jdbc;
    this.mail = mail;
    this.messages = messages;
    this.json = json;
    this.clock = clock;
    this.from = from;
    this.claimExpires = claimExpires;
    this.messageIdDomain = domainOf(from);
    this.retryInterval = retryInterval;
  }

  @Scheduled(fixedDelayString = "${jiaoliu.mail.interval:PT5S}", initialDelayString = "PT5S")
  void sendPending() {
    OffsetDateTime now = OffsetDateTime.now(clock);
    OffsetDateTime stale = now.minus(claimExpires);
    List<Pending> pending = jdbc.sql("""
            select n.id, u.email, n.message_key, n.args, n.link, n.application_id, n.mail_attempts from notification n
            join user_name_view u on u.username = n.recipient
            where n.mailed_at is null and n.mail_failed_at is null and u.email is not null
              and (n.mail_claimed_at is null or n.mail_claimed_at < :stale)
              and (n.mail_next_at is null or n.mail_next_at <= :now)
            order by n.id limit 100""")
        .param("stale", stale).param("now", now).query(RecordRows.of(Pending.class)).list();
    for (Pending p : pending) {
      // claim it first: another instance of the app may be looking at the same notification
      int claimed = jdbc.sql("""
              update notification set mail_claimed_at = :now
              where id = :id and mailed_at is null and (mail_claimed_at is null or mail_claimed_at < :stale)""")
          .param("now", OffsetDateTime.now(clock)).param("id", p.id()).param("stale", stale).update();
      if (claimed == 0) {
        continue;
      }
      MimeMessage message;
      try {
        message = message(p);
      } catch (Exception e) {
        // nothing the relay did: this notification cannot be written as a mail (its address, say)
        failed(p, e);
        continue;
      }
      try {
        mail.send(message);
        mailed(p);
      } catch (Exception e) {
        switch (MailFailures.of(e)) {
          case SENT -> mailed(p);
          case RELAY_UNAVAILABLE -> {
            // nothing can go out now: keep every mail's attempts for when the relay is back
            jdbc.sql("update notification set mail_claimed_at = null where id = :id").param("id", p.id()).update();
            log.warn("mail relay unavailable, notification {} and the rest wait for the next round: {}", p.id(), e.toString());
            return;
          }
          case REFUSED -> failed(p, e);
        }
      }
    }
  }

  /**
   * This mail was refused (an address the relay rejects, a message it will not take): it waits
   * longer after each attempt and is given up after the last, while the mails after it go on.
   */
  private void failed(Pending p, Exception e) {
    int attempts = p.mailAttempts() + 1;
    OffsetDateTime now = OffsetDateTime.now(clock);
    String error = abbreviate(e.toString());
    boolean givenUp = attempts >= MAX_ATTEMPTS;
    jdbc.sql("""
            update notification set mail_claimed_at = null, mail_attempts = :n, mail_next_at = :next,
              mail_failed_at = :failed, mail_error = :error
            where id = :id""")
        .param("n", attempts).param("next", givenUp ? null : now.plus(retryInterval.multipliedBy(1L << (attempts - 1))))
        .param("failed", givenUp ? now : null).param("error", error).param("id", p.id()).update();
    if (givenUp) {
      log.error("mail for notification {} given up after {} attempts: {}", p.id(), attempts, error);
    } else {
      log.warn("mail for notification {} refused (attempt {} of {}), tried again later: {}", p.id(), attempts,
          MAX_ATTEMPTS, error);
    }
  }

  private MimeMessage message(Pending p) throws Exception {
    Object[] args = NotificationService.read(json, p.args());
    // set on the message itself: MimeMessageHelper reads the MIME types file anew for every
    // message it is given, a tenth of the mailer's CPU (benchmark B1)
    MimeMessage message = withMessageId(mail.createMimeMessage(), messageId(p.id()));
    message.setFrom(address(from));
    message.setRecipient(Message.RecipientType.TO, address(p.email()));
    message.setSubject(messages.getMessage("mail.subject", null, Locale.SIMPLIFIED_CHINESE), UTF_8);
    String link = p.link() != null ? p.link() : p.applicationId() != null ? "/applications/" + p.applicationId() : null;
    message.setText(messages.getMessage(p.messageKey(), args, Locale.SIMPLIFIED_CHINESE) + "\n\n"
        + (link == null ? "" : messages.getMessage("mail.link", new Object[] {publicUrl + link}, Locale.SIMPLIFIED_CHINESE)
            + "\n\n")
        + messages.getMessage("mail.footer", null, Locale.SIMPLIFIED_CHINESE), UTF_8);
    return message;
  }

  private void mailed(Pending p) {
    jdbc.sql("update notification set mailed_at = :now where id = :id")
        .param("now", OffsetDateTime.now(clock)).param("id", p.id()).update();
  }

  private static String abbreviate(String text) {
    return text.length() <= 500 ? text : text.substring(0, 497) + "...";
  }

  /**
   * The same Message-ID every time a notification is mailed. SMTP cannot take a mail and the
   * database's "mailed" mark together: an app killed between the two mails it again after the
   * claim expires, and mail stores and clients recognise the second copy by its Message-ID.
   */
  String messageId(long notificationId) {
    return "<jiaoliu-notification-" + notificationId + "@" + messageIdDomain + ">";
  }

  /** One address, its name (教育局) written in UTF-8. */
  private static InternetAddress address(String text) throws AddressException, UnsupportedEncodingException {
    InternetAddress parsed = new InternetAddress(text, true);
    return new InternetAddress(parsed.getAddress(), parsed.getPersonal(), UTF_8);
  }

  /** The sender address's domain ({@code 教育局 <jiaoliu@jyj.example.cn>} → jyj.example.cn). */
  private static String domainOf(String from) {
    try {
      String address = new InternetAddress(from).getAddress();
      int at = address == null ? -1 : address.lastIndexOf('@');
      return at < 0 || at == address.length() - 1 ? "jiaoliu" : address.substring(at + 1);
    } catch (AddressException e) {
      return "jiaoliu";
    }
  }

  /** A message keeping {@code messageId} when it is saved (Jakarta Mail would otherwise make a new one). */
  private static MimeMessage withMessageId(MimeMessage template, String messageId) {
    return new MimeMessage(template.getSession()) {
      @Override
      protected void updateMessageID() throws MessagingException {
        setHeader("Message-ID", messageId);
      }
    };
  }

  record Pending(long id, String email, String messageKey, String args, String link, Long applicationId,
      int mailAttempts) {}
}
