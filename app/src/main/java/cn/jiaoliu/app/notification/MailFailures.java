package cn.jiaoliu.app.notification;

import jakarta.mail.MessagingException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailSendException;

/** Reads a failed send: whether the relay is away for every mail or refused this one. */
final class MailFailures {

  private MailFailures() {}

  /** What a failed send means for the one mail it was given. */
  enum Outcome {
    /** The relay took the mail; only closing the connection after it failed. */
    SENT,
    /** The relay could take no mail now (down, busy, its greeting or login failed): no mail is to blame. */
    RELAY_UNAVAILABLE,
    /** The relay refused this mail (a mailbox it rejects, a message it will not take), or the mail broke on the way. */
    REFUSED
  }

  /**
   * Tells a relay that cannot take any mail now from one that refuses this mail. Spring's sender
   * reports a failure before the mail was given (connecting, the greeting, TLS) as the cause of its
   * exception, the same failure standing for each mail; a mail's own failure only in its map of
   * failed messages. SMTP's reply 421 means the relay is closing the channel, whatever the mail.
   * A failure after the mail was given (the connection lost during it) counts against the mail:
   * were it the relay's, every mail would wait, and one mail that always breaks it would stop all.
   */
  static Outcome of(Exception e) {
    if (relayUnreachable(e)) {
      return Outcome.RELAY_UNAVAILABLE;
    }
    if (e instanceof MailSendException send) {
      Throwable cause = send.getCause();
      if (cause != null && send.getFailedMessages().isEmpty()) {
        // only closing the connection failed, after the relay took the mail
        return Outcome.SENT;
      }
      if (cause != null && send.getFailedMessages().values().stream().allMatch(failure -> failure == cause)) {
        return Outcome.RELAY_UNAVAILABLE;
      }
      for (Exception failure : send.getMessageExceptions()) {
        if (smtpReply(failure) == 421) {
          return Outcome.RELAY_UNAVAILABLE;
        }
      }
    }
    return Outcome.REFUSED;
  }

  /** The SMTP reply code a failure carries, or 0. */
  private static int smtpReply(Throwable e) {
    for (Throwable t = e; t != null; t = t instanceof MessagingException m && m.getNextException() != null
        ? m.getNextException() : t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SMTPAddressFailedException a) {
        return a.getReturnCode();
      }
      if (t instanceof SMTPSendFailedException f) {
        return f.getReturnCode();
      }
    }
    return 0;
  }

  /** The relay could not be reached at all (down, refused, timed out), as against refusing this mail. */
  static boolean relayUnreachable(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof ConnectException || t instanceof SocketTimeoutException
          || t instanceof UnknownHostException || t instanceof MailAuthenticationException
          || t instanceof MessagingException m && m.getNextException() != null
              && relayUnreachable(m.getNextException())) {
        return true;
      }
    }
    return false;
  }
}
