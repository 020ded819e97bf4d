package cn.jiaoliu.app.notification;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * In-app notifications, one row per recipient and event of a case (the event's key, which names
 * the case, makes a repeated event a no-op). E-mail goes out from the same rows through {@link NotificationMailer} when SMTP is set.
 */
@Service
public class NotificationService {

  private static final TypeReference<List<Object>> ARGS = new TypeReference<>() {};
  private static final String TEXT = "text";
  private static final String ARGUMENTS = "args";

  private final JdbcClient jdbc;
  private final ObjectMapper json;
  private final Clock clock;

  NotificationService(JdbcClient jdbc, ObjectMapper json, Clock clock) {
    this.jdbc = jdbc;
    this.json = json;
    this.clock = clock;
  }

  /**
   * Tells each of {@code usernames} of {@code event} once; the same event again is a no-op for them.
   * An event for its district's channels is also queued once for each group channel the district
   * has turned on. An argument made with {@link #text} is itself translated when the notification
   * is read (a step's name, a decision), so each reader sees it in their own language.
   */
  public void notify(Collection<String> usernames, NotificationEvent event, String messageKey, Object... args) {
    String argsJson = write(args);
    OffsetDateTime now = OffsetDateTime.now(clock);
    for (String username : usernames) {
      // a recipient who has it already is skipped without an error: callers run inside their own
      // transactions, which a failed insert would abort on PostgreSQL
      jdbc.sql("""
              insert into notification (recipient, dedup_key, application_id, link, message_key, args, created_at)
              values (:recipient, :dedup, :app, :link, :key, :args, :now)
              on conflict do nothing""")
          .param("recipient", username).param("dedup", event.dedupKey()).param("app", event.applicationId())
          .param("link", event.link()).param("key", messageKey).param("args", argsJson).param("now", now)
          .update();
    }
    if (event.districtCode() != null) {
      jdbc.sql("""
              insert into channel_message (channel_id, dedup_key, link, message_key, args, created_at, attempts)
              select c.id, :dedup, :link, :key, :args, :now, 0 from notification_channel c
              where c.district_code = :district and c.enabled = true
              on conflict do nothing""")
          .param("dedup", event.dedupKey()).param("link", event.link()).param("key", messageKey)
          .param("args", argsJson).param("now", now).param("district", event.districtCode()).update();
    }
  }

  /** An argument of a notification that is a text of its own, translated when it is read. */
  public static MessageSourceResolvable text(String messageKey, Object... args) {
    return new DefaultMessageSourceResolvable(new String[] {messageKey}, args, "");
  }

  public long unreadCount(String username) {
    return jdbc.sql("select count(*) from notification where recipient = :u and read_at is null")
        .param("u", username).query(Long.class).single();
  }

  public List<Notification> latest(String username, int limit) {
    return jdbc.sql("""
            select id, application_id, link, message_key, args, created_at, read_at from notification
            where recipient = :u order by id desc limit :limit""")
        .param("u", username).param("limit", limit)
        .query((rs, n) -> new Notification(rs.getLong("id"), link(rs.getString("link"), rs.getObject("application_id")),
            rs.getString("message_key"), read(json, rs.getString("args")), rs.getObject("created_at", OffsetDateTime.class),
            rs.getObject("read_at", OffsetDateTime.class)))
        .list();
  }

  public void markAllRead(String username) {
    jdbc.sql("update notification set read_at = :now where recipient = :u and read_at is null")
        .param("now", OffsetDateTime.now(clock)).param("u", username).update();
  }

  /** Notifications stored before they had links named only their application. */
  private static String link(String link, Object applicationId) {
    return link != null || applicationId == null ? link : "/applications/" + applicationId;
  }

  private String write(Object[] args) {
    try {
      return json.writeValueAsString(Arrays.stream(args).map(NotificationService::storable).toList());
    } catch (Exception e) {
      throw new IllegalArgumentException("notification arguments must be JSON", e);
    }
  }

  private static Object storable(Object arg) {
    if (arg instanceof MessageSourceResolvable text && text.getCodes() != null && text.getCodes().length > 0) {
      Object[] args = text.getArguments() == null ? new Object[0] : text.getArguments();
      return Map.of(TEXT, text.getCodes()[0], ARGUMENTS, Arrays.stream(args).map(NotificationService::storable).toList());
    }
    return arg;
  }

  /** The stored arguments, texts of their own ({@link #text}) as message source resolvables. */
  static Object[] read(ObjectMapper json, String args) {
    try {
      return json.readValue(args, ARGS).stream().map(NotificationService::readable).toArray();
    } catch (Exception e) {
      return new Object[0];
    }
  }

  private static Object readable(Object arg) {
    if (arg instanceof Map<?, ?> map && map.get(TEXT) instanceof String code) {
      Object[] args = map.get(ARGUMENTS) instanceof List<?> list
          ? list.stream().map(NotificationService::readable).toArray() : new Object[0];
      return text(code, args);
    }
    return arg;
  }

  /**
   * One notification as its recipient reads it.
   *
   * @param link the page it opens (a task, a case), relative to the app; null when it opens none
   */
  public record Notification(long id, String link, String messageKey, Object[] args, OffsetDateTime createdAt,
      OffsetDateTime readAt) {}
}
