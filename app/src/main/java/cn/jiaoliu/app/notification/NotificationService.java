package cn.jiaoliu.app.notification;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * In-app notifications, one row per recipient and event of a case (the event's key, which names
 * the case, makes a repeated event a no-op). E-mail goes out from the same rows through {@link NotificationMailer} when SMTP is set.
 */
@Service
public class NotificationService {

  private static final TypeReference<List<Object>> ARGS = new TypeReference<>() {};

  private final JdbcClient jdbc;
  private final ObjectMapper json;
  private final Clock clock;

  NotificationService(JdbcClient jdbc, ObjectMapper json, Clock clock) {
    this.jdbc = jdbc;
    this.json = json;
    this.clock = clock;
  }

  /** Tells each of {@code usernames} of {@code event} once; the same event again is a no-op for them. */
  public void notify(Collection<String> usernames, NotificationEvent event, String messageKey, Object... args) {
    String argsJson = write(args);
    for (String username : usernames) {
      // a recipient who has it already is skipped without an error: callers run inside their own
      // transactions, which a failed insert would abort on PostgreSQL
      jdbc.sql("""
              insert into notification (recipient, dedup_key, application_id, message_key, args, created_at)
              values (:recipient, :dedup, :app, :key, :args, :now)
              on conflict do nothing""")
          .param("recipient", username).param("dedup", event.dedupKey()).param("app", event.applicationId())
          .param("key", messageKey).param("args", argsJson).param("now", OffsetDateTime.now(clock))
          .update();
    }
  }

  public long unreadCount(String username) {
    return jdbc.sql("select count(*) from notification where recipient = :u and read_at is null")
        .param("u", username).query(Long.class).single();
  }

  public List<Notification> latest(String username, int limit) {
    return jdbc.sql("""
            select id, application_id, message_key, args, created_at, read_at from notification
            where recipient = :u order by id desc limit :limit""")
        .param("u", username).param("limit", limit)
        .query((rs, n) -> new Notification(rs.getLong("id"), (Long) rs.getObject("application_id"),
            rs.getString("message_key"), read(rs.getString("args")), rs.getObject("created_at", OffsetDateTime.class),
            rs.getObject("read_at", OffsetDateTime.class)))
        .list();
  }

  public void markAllRead(String username) {
    jdbc.sql("update notification set read_at = :now where recipient = :u and read_at is null")
        .param("now", OffsetDateTime.now(clock)).param("u", username).update();
  }

  private String write(Object[] args) {
    try {
      return json.writeValueAsString(args);
    } catch (Exception e) {
      throw new IllegalArgumentException("notification arguments must be JSON", e);
    }
  }

  private Object[] read(String args) {
    try {
      return json.readValue(args, ARGS).toArray();
    } catch (Exception e) {
      return new Object[0];
    }
  }

  public record Notification(long id, Long applicationId, String messageKey, Object[] args, OffsetDateTime createdAt,
      OffsetDateTime readAt) {}
}
