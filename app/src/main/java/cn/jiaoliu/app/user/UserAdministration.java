package cn.jiaoliu.app.user;

import cn.jiaoliu.app.audit.AuditTrail;
import cn.jiaoliu.app.export.Headings;
import cn.jiaoliu.app.export.Table;
import cn.jiaoliu.app.persistence.RecordRows;
import cn.jiaoliu.app.programme.School;
import cn.jiaoliu.app.programme.SchoolRepository;
import cn.jiaoliu.app.security.JiaoliuUser;
import cn.jiaoliu.app.security.Role;
import cn.jiaoliu.app.web.UserFacingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Users as Keycloak holds them, for the security administrator (every user; the system
 * administrator and the auditor have no part in it) and teaching offices (the users of
 * their district, and users not linked to any district yet). Linking a user sets their {@code
 * schoolCode} / {@code districtCode} attributes and exactly one Jiaoliu realm role in Keycloak,
 * records the link (history and audit trail) and refreshes the app's copy of the user, all or
 * nothing: a Keycloak change that fails half-way is undone, and a failed Keycloak change rolls
 * the records back.
 */
@Service
class UserAdministration {

  static final String AUDIT_SUBJECT = "USER_LINK";
  /** The roles only the security administrator grants or takes away. */
  private static final Set<Role> PRIVILEGED = EnumSet.of(Role.ADMIN, Role.SECURITY_ADMIN, Role.AUDITOR);

  private final KeycloakAdminClient keycloak;
  private final KeycloakAdminProperties properties;
  private final SchoolRepository schools;
  private final UserDirectory directory;
  private final AuditTrail audit;
  private final JdbcClient jdbc;
  private final TransactionTemplate tx;
  private final MessageSource messages;
  private final Clock clock;
  private final LinkRequests requests;
  private final RealmRoleChanges roleChanges;
  private final Headings headings;

  UserAdministration(KeycloakAdminClient keycloak, KeycloakAdminProperties properties, SchoolRepository schools,
      UserDirectory directory, AuditTrail audit, JdbcClient jdbc, TransactionTemplate tx, MessageSource messages,
      Clock clock, LinkRequests requests, RealmRoleChanges roleChanges, Headings headings) {
    this.headings = headings;
    this.requests = requests;
    this.roleChanges = roleChanges;
    this.clock = clock;
    this.keycloak = keycloak;
    this.properties = properties;
    this.schools = schools;
    this.directory = directory;
    this.audit = audit;
    this.jdbc = jdbc;
    this.tx = tx;
    this.messages = messages;
  }

  /** The users the actor may administer whose username, name or e-mail contains the query, by username. */
  List<UserRow> list(JiaoliuUser actor, String query) {
    requireAdministrator(actor);
    Map<String, School> schoolsByCode = schoolsByCode();
    Map<String, List<String>> roles = new HashMap<>();
    for (Role role : Role.values()) {
      Set<String> holders = new LinkedHashSet<>(keycloak.usernamesWithRole(role.realmRole(), properties.maxUsers()));
      holders.addAll(keycloak.usernamesWithRoleThroughGroups(role.realmRole(), properties.maxUsers()));
      holders.forEach(u -> roles.computeIfAbsent(u, k -> new ArrayList<>()).add(role.realmRole()));
    }
    String q = query == null ? "" : query.strip().toLowerCase(Locale.ROOT);
    return keycloak.users(properties.maxUsers()).stream()
        .map(u -> UserRows.row(u, roles.getOrDefault(u.path("username").asText(), List.of()), schoolsByCode))
        .filter(r -> mayAdminister(actor, r))
        .filter(r -> q.isEmpty() || r.matches(q))
        .sorted(Comparator.comparing(UserRow::username))
        .toList();
  }

  /** One user the actor may administer; everyone else is "not found". */
  UserRow get(JiaoliuUser actor, String username) {
    requireAdministrator(actor);
    ObjectNode user = keycloak.user(username).orElseThrow(UserFacingException::notFound);
    UserRow row = UserRows.row(user, UserRows.jiaoliuRoles(keycloak.effectiveRealmRolesOf(user.path("id").asText())), schoolsByCode());
    if (!mayAdminister(actor, row)) {
      throw UserFacingException.notFound();
    }
    return row;
  }

  /** The links made so far, newest first. Callers have checked with {@link #get} that the actor may see the user. */
  List<LinkView> history(String username) {
    return jdbc.sql("""
            select l.id, l.role, l.school_code, l.district_code, l.previous, l.linked_by,
              coalesce(u.display_name, l.linked_by) as linked_by_name, l.linked_at
            from user_link l left join app_user u on u.username = l.linked_by
            where l.username = :u order by l.id desc""")
        .param("u", username).query(RecordRows.of(LinkView.class)).list();
  }

  /**
   * Links the user to a school (teacher, principal; the district is the school's) or a district
   * (teaching office, administrators, auditor) with exactly that Jiaoliu role. A teaching office
   * links only within its own district and never grants nor changes an administrator's or auditor's
   * role; nobody links themselves.
   */
  UserRow link(JiaoliuUser actor, String username, String schoolCode, String districtCode, String roleName) {
    requireAdministrator(actor);
    RoleLink link = requests.validate(actor, schoolCode, districtCode, roleName);
    ObjectNode user = keycloak.user(username).orElseThrow(UserFacingException::notFound);
    String userId = user.path("id").asText();
    List<JsonNode> mapped = keycloak.realmRolesOf(userId);
    // effective roles: a Jiaoliu role through a group or a composite role counts as much as a direct one
    List<String> before = UserRows.jiaoliuRoles(keycloak.effectiveRealmRolesOf(userId));
    UserRow current = UserRows.row(user, before, schoolsByCode());
    if (!mayAdminister(actor, current)) {
      throw UserFacingException.notFound();
    }
    // a teaching office links only within its district, never grants nor changes an administrator or auditor
    if (!actor.has(Role.SECURITY_ADMIN) && (PRIVILEGED.contains(link.role())
        || !link.districtCode().equals(actor.districtCode())
        || before.stream().anyMatch(r -> Role.fromRealmRole(r).filter(PRIVILEGED::contains).isPresent()))) {
      throw forbidden();
    }
    // nobody changes their own roles: a security administrator cannot make themselves system administrator or auditor
    if (username.equals(actor.username())) {
      throw new UserFacingException(HttpStatus.FORBIDDEN, "users.error.self");
    }
    roleChanges.refuseIndirectRoles(userId, UserRows.jiaoliuRoles(mapped), before, link.role());
    List<JsonNode> remove = mapped.stream()
        .filter(r -> Role.fromRealmRole(r.path("name").asText()).filter(role -> role != link.role()).isPresent())
        .toList();
    List<JsonNode> add = before.contains(link.role().realmRole()) ? List.of() : List.of(keycloak.role(link.role().realmRole()));
    String previous = UserRows.describe(current.schoolCode(), current.districtCode(), before);

    tx.executeWithoutResult(status -> {
      KeyHolder keys = new GeneratedKeyHolder();
      jdbc.sql("""
              insert into user_link (username, role, school_code, district_code, previous, linked_by, linked_at)
              values (:u, :role, :school, :district, :previous, :by, :at)""")
          .param("u", username).param("role", link.role().realmRole()).param("school", link.schoolCode())
          .param("district", link.districtCode()).param("previous", previous).param("by", actor.username())
          .param("at", OffsetDateTime.now(clock))
          .update(keys, "id");
      long id = keys.getKeyAs(Long.class);
      audit.record(AUDIT_SUBJECT, id, actor.username(), actorRole(actor), "USER_LINKED",
          username + ": " + (previous == null ? "—" : previous) + " → " + UserRows.describe(link.schoolCode(), link.districtCode(),
              List.of(link.role().realmRole())));
      directory.linked(username, current.name(), current.email(), link.role().realmRole(), link.schoolCode(),
          link.districtCode());
      // last, so that a failure here rolls the records above back; a failure half-way is undone in Keycloak
      roleChanges.apply(user, userId, link, remove, add);
    });
    return get(actor, username);
  }









  Table table(List<UserRow> rows) {
    Locale zh = Locale.SIMPLIFIED_CHINESE;
    return headings.table("users", rows.stream().map(r -> List.<Object>of(r.username(), r.name(), UserRows.nullToEmpty(r.email()),
            r.roles().stream().map(role -> messages.getMessage("realm." + role, null, role, zh))
                .collect(Collectors.joining("、")),
            UserRows.nullToEmpty(r.schoolCode()), UserRows.nullToEmpty(r.schoolName()),
            UserRows.nullToEmpty(r.districtCode()), r.enabled()))
            .toList());
  }

  private static boolean mayAdminister(JiaoliuUser actor, UserRow user) {
    return actor.has(Role.SECURITY_ADMIN) || user.districtCode() == null || user.districtCode().equals(actor.districtCode());
  }

  private static void requireAdministrator(JiaoliuUser actor) {
    if (actor.has(Role.SECURITY_ADMIN)) {
      return;
    }
    if (!actor.has(Role.TEACHING_OFFICE) || actor.districtCode() == null) {
      throw forbidden();
    }
  }

  private static UserFacingException forbidden() {
    return new UserFacingException(HttpStatus.FORBIDDEN, "error.forbidden");
  }

  private static String actorRole(JiaoliuUser actor) {
    return (actor.has(Role.SECURITY_ADMIN) ? Role.SECURITY_ADMIN : Role.TEACHING_OFFICE).realmRole();
  }



  private Map<String, School> schoolsByCode() {
    return schools.findAll().stream().collect(Collectors.toMap(School::code, s -> s));
  }






  /** A user as the list shows it: Jiaoliu roles only (realm role names), the school's name where known. */
  record UserRow(String username, String name, String email, List<String> roles, String schoolCode, String schoolName,
      String districtCode, boolean enabled) {

    boolean matches(String lowerCaseQuery) {
      return Arrays.asList(username, name, email).stream()
          .anyMatch(v -> v != null && v.toLowerCase(Locale.ROOT).contains(lowerCaseQuery));
    }
  }

  /** One link of the history. */
  record LinkView(long id, String role, String schoolCode, String districtCode, String previous, String linkedBy,
      String linkedByName, OffsetDateTime linkedAt) {}
}
