package cn.jiaoliu.app.user;

import cn.jiaoliu.app.persistence.RecordRows;
import cn.jiaoliu.app.security.CandidateKey;
import cn.jiaoliu.app.security.JiaoliuUser;
import cn.jiaoliu.app.security.Role;
import cn.jiaoliu.processes.CandidateGroups;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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

  private static final String USER = CandidateKey.user("");
  private static final String PRINCIPALS = CandidateKey.group(CandidateGroups.principalOf("-")).replace("-", "");
  private static final String OFFICES = CandidateKey.group(CandidateGroups.teachingOfficeOf("-")).replace("-", "");

  private static final Duration REFRESH = Duration.ofMinutes(10);

  private final JdbcClient jdbc;
  private final Clock clock;
  private final Map<String, OffsetDateTime> lastWrite = new ConcurrentHashMap<>();

  UserDirectory(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /**
   * Records the user at most every ten minutes per app instance; otherwise touches no database. A
   * token issued before the user was last {@link #linked linked} does not overwrite the link.
   */
  public void seen(JiaoliuUser user, String email, Instant issuedAt) {
    OffsetDateTime now = OffsetDateTime.now(clock);
    OffsetDateTime last = lastWrite.get(user.username());
    if (last != null && last.plus(REFRESH).isAfter(now)) {
      return;
    }
    String roles = user.roles().stream().map(Role::realmRole).sorted().collect(Collectors.joining(","));
    OffsetDateTime issued = issuedAt == null ? now : issuedAt.atOffset(ZoneOffset.UTC);
    int updated = jdbc.sql("""
            update app_user set display_name = :name, email = :email, roles = :roles, school_code = :school,
              district_code = :district, last_seen_at = :now
            where username = :username and (linked_at is null or linked_at < :issued)""")
        .param("name", user.displayName()).param("email", email).param("roles", roles)
        .param("school", user.schoolCode()).param("district", user.districtCode()).param("now", now)
        .param("username", user.username()).param("issued", issued)
        .update();
    if (updated == 0 && find(user.username()).isEmpty()) {
      insert(user.username(), user.displayName(), email, roles, user.schoolCode(), user.districtCode(), now, null);
    }
    lastWrite.put(user.username(), now);
  }

  /**
   * The user was just linked to a school or district and a role (in Keycloak): notifications reach
   * them there at once, and their older tokens no longer overwrite it.
   */
  void linked(String username, String displayName, String email, String role, String schoolCode, String districtCode) {
    OffsetDateTime now = OffsetDateTime.now(clock);
    int updated = jdbc.sql("""
            update app_user set display_name = :name, email = :email, roles = :roles, school_code = :school,
              district_code = :district, linked_at = :now where username = :username""")
        .param("name", displayName).param("email", email).param("roles", role)
        .param("school", schoolCode).param("district", districtCode).param("now", now)
        .param("username", username)
        .update();
    if (updated == 0) {
      insert(username, displayName, email, role, schoolCode, districtCode, now, now);
    }
  }

  private void insert(String username, String name, String email, String roles, String school, String district,
      OffsetDateTime seenAt, OffsetDateTime linkedAt) {
    // another request of the same user may get there first; that row stands (no error, which would
    // abort a surrounding transaction on PostgreSQL)
    jdbc.sql("""
            insert into app_user (username, display_name, email, roles, school_code, district_code, last_seen_at, linked_at)
            values (:username, :name, :email, :roles, :school, :district, :now, :linked)
            on conflict do nothing""")
        .param("name", name).param("email", email).param("roles", roles)
        .param("school", school).param("district", district).param("now", seenAt).param("linked", linkedAt)
        .param("username", username)
        .update();
  }

  /** How the app last saw the user: roles, school and district as stored. */
  public Optional<StoredUser> stored(String username) {
    return jdbc.sql("""
            select username, display_name, email, roles, school_code, district_code, last_seen_at, linked_at
            from app_user where username = :u""")
        .param("u", username).query(RecordRows.of(StoredUser.class)).optional();
  }

  /**
   * Another user as the app last saw them (roles, school, district as their last sign-in carried
   * them): who may be handed a step, name a deputy, be asked an opinion. Empty for one never seen.
   */
  public Optional<JiaoliuUser> asUser(String username) {
    return stored(username).map(u -> new JiaoliuUser(u.username(), u.displayName() == null ? u.username()
        : u.displayName(), roleSet(u.roles()), u.schoolCode(), u.districtCode()));
  }

  private static Set<Role> roleSet(String roles) {
    return roles == null || roles.isBlank() ? Set.of() : Arrays.stream(roles.split(","))
        .map(String::trim).map(Role::fromRealmRole).flatMap(Optional::stream).collect(Collectors.toSet());
  }

  /** Everyone of a district: its office, and the principals and teachers of its schools, by name. */
  public List<KnownUser> ofDistrict(String districtCode) {
    return jdbc.sql("""
            select username, display_name, email from app_user where district_code = :d
            order by display_name, username""")
        .param("d", districtCode).query(RecordRows.of(KnownUser.class)).list();
  }

  /** Everyone linked to a school (its principals and teachers), by name. */
  public List<KnownUser> ofSchool(String schoolCode) {
    return jdbc.sql("""
            select username, display_name, email from app_user where school_code = :school
            order by display_name, username""")
        .param("school", schoolCode).query(RecordRows.of(KnownUser.class)).list();
  }

  public Optional<KnownUser> find(String username) {
    return jdbc.sql("select username, display_name, email from app_user where username = :u")
        .param("u", username).query(RecordRows.of(KnownUser.class)).optional();
  }

  public List<KnownUser> principalsOf(String schoolCode) {
    return jdbc.sql("""
            select username, display_name, email from app_user
            where school_code = :school and roles like '%principal%' order by username""")
        .param("school", schoolCode).query(RecordRows.of(KnownUser.class)).list();
  }

  public List<KnownUser> teachingOfficeOf(String districtCode) {
    return jdbc.sql("""
            select username, display_name, email from app_user
            where district_code = :district and roles like '%teaching-office%' order by username""")
        .param("district", districtCode).query(RecordRows.of(KnownUser.class)).list();
  }

  /**
   * The users behind task candidates: {@code user:<username>} is that user; a principal's or a
   * teaching office's group is the users linked to that school or district as such. Other groups
   * name nobody the app can write to. In the order of the candidates, each user once.
   */
  public List<String> usernamesOf(Collection<String> candidates) {
    Set<String> usernames = new LinkedHashSet<>();
    for (String candidate : candidates) {
      if (candidate.startsWith(USER)) {
        usernames.add(candidate.substring(USER.length()));
      } else if (candidate.startsWith(PRINCIPALS)) {
        principalsOf(candidate.substring(PRINCIPALS.length())).forEach(u -> usernames.add(u.username()));
      } else if (candidate.startsWith(OFFICES)) {
        teachingOfficeOf(candidate.substring(OFFICES.length())).forEach(u -> usernames.add(u.username()));
      }
    }
    return List.copyOf(usernames);
  }

  public record KnownUser(String username, String displayName, String email) {}

  public record StoredUser(String username, String displayName, String email, String roles, String schoolCode,
      String districtCode, OffsetDateTime lastSeenAt, OffsetDateTime linkedAt) {}
}
