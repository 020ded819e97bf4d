package cn.jiaoliu.app.user;

import cn.jiaoliu.app.security.JiaoliuUser;
import cn.jiaoliu.app.security.Role;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Users as their tokens last showed them, so that notifications can name and mail them. Keycloak
 * stays the source of truth; a user appears here after their first request.
 */
@Service
public class UserDirectory {

  private static final Duration REFRESH = Duration.ofMinutes(10);

  private final JdbcClient jdbc;
  private final Clock clock;
  private final Map<String, OffsetDateTime> lastWrite = new ConcurrentHashMap<>();

  UserDirectory(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** Records the user at most every ten minutes per app instance; otherwise touches no database. */
  public void seen(JiaoliuUser user, String email) {
    OffsetDateTime now = OffsetDateTime.now(clock);
    OffsetDateTime last = lastWrite.get(user.username());
    if (last != null && last.plus(REFRESH).isAfter(now)) {
      return;
    }
    record(user, email, now);
  }

  private void record(JiaoliuUser user, String email, OffsetDateTime now) {
    String roles = user.roles().stream().map(Role::realmRole).sorted().collect(Collectors.joining(","));
    int updated = jdbc.sql("""
            update app_user set display_name = :name, email = :email, roles = :roles, school_code = :school,
              district_code = :district, last_seen_at = :now where username = :username""")
        .param("name", user.displayName()).param("email", email).param("roles", roles)
        .param("school", user.schoolCode()).param("district", user.districtCode()).param("now", now)
        .param("username", user.username())
        .update();
    if (updated == 0) {
      try {
        jdbc.sql("""
                insert into app_user (username, display_name, email, roles, school_code, district_code, last_seen_at)
                values (:username, :name, :email, :roles, :school, :district, :now)""")
            .param("name", user.displayName()).param("email", email).param("roles", roles)
            .param("school", user.schoolCode()).param("district", user.districtCode()).param("now", now)
            .param("username", user.username())
            .update();
      } catch (org.springframework.dao.DuplicateKeyException e) {
        // another request of the same user got there first
      }
    }
    lastWrite.put(user.username(), now);
  }

  public Optional<KnownUser> find(String username) {
    return jdbc.sql("select username, display_name, email from app_user where username = :u")
        .param("u", username).query(KnownUser.class).optional();
  }

  public List<KnownUser> principalsOf(String schoolCode) {
    return jdbc.sql("""
            select username, display_name, email from app_user
            where school_code = :school and roles like '%principal%' order by username""")
        .param("school", schoolCode).query(KnownUser.class).list();
  }

  public List<KnownUser> teachingOfficeOf(String districtCode) {
    return jdbc.sql("""
            select username, display_name, email from app_user
            where district_code = :district and roles like '%teaching-office%' order by username""")
        .param("district", districtCode).query(KnownUser.class).list();
  }

  public record KnownUser(String username, String displayName, String email) {}
}
