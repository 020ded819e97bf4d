package cn.jiaoliu.app.notification;

import cn.jiaoliu.app.audit.AuditTrail;
import cn.jiaoliu.app.persistence.RecordRows;
import cn.jiaoliu.app.security.JiaoliuUser;
import cn.jiaoliu.app.security.Role;
import cn.jiaoliu.app.web.UserFacingException;
import java.net.URI;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A district's group channels: added, turned on and off, removed by the district's teaching office
 * or an administrator, each change audited. A channel posts only to its robot's own host (or to a
 * host the configuration names, for a bureau's own gateway), so the app cannot be made to send
 * requests into the bureau's network.
 */
@Service
class Channels {

  static final String AUDIT_SUBJECT = "CHANNEL";

  private final JdbcClient jdbc;
  private final AuditTrail audit;
  private final Clock clock;
  private final Set<String> extraHosts;

  Channels(JdbcClient jdbc, AuditTrail audit, Clock clock,
      @Value("${jiaoliu.channels.extra-hosts:}") Set<String> extraHosts) {
    this.jdbc = jdbc;
    this.audit = audit;
    this.clock = clock;
    this.extraHosts = extraHosts;
  }

  /** The district whose channels the user keeps: an office its own; an administrator any one that exists. */
  String districtOf(JiaoliuUser user, String requested) {
    if (user.has(Role.ADMIN)) {
      String district = requested == null || requested.isBlank() ? user.districtCode() : requested.strip();
      if (district == null) {
        district = districts().keySet().stream().findFirst().orElseThrow(UserFacingException::notFound);
      }
      if (!districts().containsKey(district)) {
        throw UserFacingException.notFound();
      }
      return district;
    }
    if (user.has(Role.TEACHING_OFFICE) && user.districtCode() != null
        && (requested == null || requested.isBlank() || requested.strip().equals(user.districtCode()))) {
      return user.districtCode();
    }
    throw UserFacingException.notFound();
  }

  Map<String, String> districts() {
    Map<String, String> districts = new LinkedHashMap<>();
    jdbc.sql("select code, name from district_view order by code")
        .query(rs -> {
          districts.put(rs.getString("code"), rs.getString("name"));
        });
    return districts;
  }

  List<Channel> of(String district) {
    return jdbc.sql("""
            select c.id, c.district_code, c.kind, c.name, c.url, c.secret, c.enabled, c.updated_by, c.updated_at,
              (select count(*) from channel_message m where m.channel_id = c.id and m.sent_at is null
                 and m.failed_at is null) as pending,
              (select max(m.sent_at) from channel_message m where m.channel_id = c.id) as last_sent_at,
              (select m.error from channel_message m where m.channel_id = c.id and m.error is not null
                 order by m.id desc limit 1) as last_error
            from notification_channel c where c.district_code = :d order by c.id""")
        .param("d", district).query(RecordRows.of(Channel.class)).list();
  }

  @Transactional
  long add(JiaoliuUser user, String district, ChannelForm form) {
    ChannelKind kind = form.kind();
    String url = checkedUrl(kind, form.url());
    KeyHolder key = new GeneratedKeyHolder();
    jdbc.sql("""
            insert into notification_channel (district_code, kind, name, url, secret, enabled, updated_by, updated_at)
            values (:d, :kind, :name, :url, :secret, true, :by, :now)""")
        .param("d", district).param("kind", kind.name()).param("name", form.name().strip()).param("url", url)
        .param("secret", blankToNull(form.secret())).param("by", user.username())
        .param("now", OffsetDateTime.now(clock))
        .update(key, "id");
    long id = key.getKeyAs(Number.class).longValue();
    audit.record(AUDIT_SUBJECT, id, user.username(), actorRole(user), "CHANNEL_ADDED",
        kind.name() + " " + form.name().strip());
    return id;
  }

  @Transactional
  void enable(JiaoliuUser user, String district, long id, boolean enabled) {
    int changed = jdbc.sql("""
            update notification_channel set enabled = :on, updated_by = :by, updated_at = :now
            where id = :id and district_code = :d""")
        .param("on", enabled).param("by", user.username()).param("now", OffsetDateTime.now(clock))
        .param("id", id).param("d", district).update();
    if (changed == 0) {
      throw UserFacingException.notFound();
    }
    audit.record(AUDIT_SUBJECT, id, user.username(), actorRole(user), enabled ? "CHANNEL_ON" : "CHANNEL_OFF", null);
  }

  @Transactional
  void remove(JiaoliuUser user, String district, long id) {
    jdbc.sql("delete from channel_message where channel_id in (select id from notification_channel where id = :id"
            + " and district_code = :d)").param("id", id).param("d", district).update();
    if (jdbc.sql("delete from notification_channel where id = :id and district_code = :d")
        .param("id", id).param("d", district).update() == 0) {
      throw UserFacingException.notFound();
    }
    audit.record(AUDIT_SUBJECT, id, user.username(), actorRole(user), "CHANNEL_REMOVED", null);
  }

  /** Queues a test post on one channel of the district; it goes out with the next round. */
  @Transactional
  void test(JiaoliuUser user, String district, long id) {
    if (of(district).stream().noneMatch(c -> c.id() == id)) {
      throw UserFacingException.notFound();
    }
    jdbc.sql("""
            insert into channel_message (channel_id, dedup_key, link, message_key, args, created_at, attempts)
            values (:id, :dedup, '/tasks', 'channel.testMessage', '[]', :now, 0)""")
        .param("id", id).param("dedup", "test:" + System.nanoTime()).param("now", OffsetDateTime.now(clock))
        .update();
  }

  /**
   * The robot's address, if it is one: HTTPS at the robot's own host (or a host the configuration
   * adds), no user information, no fragment.
   */
  String checkedUrl(ChannelKind kind, String url) {
    URI uri;
    try {
      uri = URI.create(url == null ? "" : url.strip());
    } catch (IllegalArgumentException e) {
      throw invalid("url", "channel.error.url");
    }
    String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
    boolean extra = extraHosts.contains(host + (uri.getPort() < 0 ? "" : ":" + uri.getPort()))
        || extraHosts.contains(host);
    boolean robot = host.equals(kind.host()) && "https".equals(uri.getScheme()) && uri.getPort() < 0;
    if (!(robot || (extra && ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))))
        || uri.getUserInfo() != null || uri.getFragment() != null || url.length() > 1000) {
      throw invalid("url", "channel.error.url");
    }
    return uri.toString();
  }

  private static UserFacingException invalid(String field, String key) {
    return new UserFacingException(HttpStatus.BAD_REQUEST, key, Map.of(field, key));
  }

  private static String actorRole(JiaoliuUser user) {
    return user.has(Role.ADMIN) ? "admin" : "teaching-office";
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }

  /**
   * One channel as its page shows it: the secret is never shown again, only whether it is set.
   *
   * @param pending posts still to go out
   */
  record Channel(long id, String districtCode, String kind, String name, String url, String secret, boolean enabled,
      String updatedBy, OffsetDateTime updatedAt, long pending, OffsetDateTime lastSentAt, String lastError) {

    public boolean signed() {
      return secret != null;
    }

    /** The address with its key or token masked: it is the robot's password. */
    public String maskedUrl() {
      int query = url.indexOf('?');
      return query < 0 ? url : url.substring(0, query) + "?…";
    }
  }
}
