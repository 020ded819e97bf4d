package cn.jiaoliu.app.user;

import cn.jiaoliu.app.persistence.RecordRows;
import cn.jiaoliu.app.audit.AuditTrail;
import cn.jiaoliu.app.export.Table;
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
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
  private static final Logger log = LoggerFactory.getLogger(UserAdministration.class);
  private static final Set<Role> NEEDS_SCHOOL = EnumSet.of(Role.TEACHER, Role.PRINCIPAL);
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

  UserAdministration(KeycloakAdminClient keycloak, KeycloakAdminProperties properties, SchoolRepository schools,
      UserDirectory directory, AuditTrail audit, JdbcClient jdbc, TransactionTemplate tx, MessageSource messages,
      Clock clock) {
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
        .map(u -> row(u, roles.getOrDefault(u.path("username").asText(), List.of()), schoolsByCode))
        .filter(r -> mayAdminister(actor, r))
        .filter(r -> q.isEmpty() || r.matches(q))
        .sorted(Comparator.comparing(UserRow::username))
        .toList();
  }

  /** One user the actor may administer; everyone else is "not found". */
  UserRow get(JiaoliuUser actor, String username) {
    requireAdministrator(actor);
    ObjectNode user = keycloak.user(username).orElseThrow(UserFacingException::notFound);
    UserRow row = row(user, jiaoliuRoles(keycloak.effectiveRealmRolesOf(user.path("id").asText())), schoolsByCode());
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
    Link link = validate(actor, schoolCode, districtCode, roleName);
    ObjectNode user = keycloak.user(username).orElseThrow(UserFacingException::notFound);
    String userId = user.path("id").asText();
    List<JsonNode> mapped = keycloak.realmRolesOf(userId);
    // effective roles: a Jiaoliu role through a group or a composite role counts as much as a direct one
    List<String> before = jiaoliuRoles(keycloak.effectiveRealmRolesOf(userId));
    UserRow current = row(user, before, schoolsByCode());
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
    refuseIndirectRoles(userId, jiaoliuRoles(mapped), before, link.role());
    List<JsonNode> remove = mapped.stream()
        .filter(r -> Role.fromRealmRole(r.path("name").asText()).filter(role -> role != link.role()).isPresent())
        .toList();
    List<JsonNode> add = before.contains(link.role().realmRole()) ? List.of() : List.of(keycloak.role(link.role().realmRole()));
    String previous = describe(current.schoolCode(), current.districtCode(), before);

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
          username + ": " + (previous == null ? "—" : previous) + " → " + describe(link.schoolCode(), link.districtCode(),
              List.of(link.role().realmRole())));
      directory.linked(username, current.name(), current.email(), link.role().realmRole(), link.schoolCode(),
          link.districtCode());
      // last, so that a failure here rolls the records above back; a failure half-way is undone in Keycloak
      changeInKeycloak(user, userId, link, remove, add);
    });
    return get(actor, username);
  }

  /**
   * A Jiaoliu role the user holds through a Keycloak group (or a composite role) cannot be taken
   * away by a role mapping; taking the user out of the group is not ours to do either: groups are
   * the bureau's organisation chart in Keycloak (often synchronised from its directory), they may
   * carry other systems' roles, and such a change would not show in Jiaoliu's link history. So the
   * link is refused, naming the group, and nothing changes; whoever keeps the groups resolves it.
   */
  private void refuseIndirectRoles(String userId, List<String> direct, List<String> effective, Role linked) {
    List<String> indirect = effective.stream()
        .filter(r -> !direct.contains(r) && !r.equals(linked.realmRole())).toList();
    if (indirect.isEmpty()) {
      return;
    }
    for (JsonNode group : keycloak.groupsOf(userId)) {
      List<String> granted = jiaoliuRoles(keycloak.effectiveRealmRolesOfGroup(group.path("id").asText()));
      Optional<String> role = indirect.stream().filter(granted::contains).findFirst();
      if (role.isPresent()) {
        throw UserFacingException.conflict("users.error.roleThroughGroup", group.path("path").asText(
            group.path("name").asText()), role.get());
      }
    }
    throw UserFacingException.conflict("users.error.roleThroughComposite", indirect.getFirst());
  }

  private void changeInKeycloak(ObjectNode user, String userId, Link link, List<JsonNode> remove, List<JsonNode> add) {
    ObjectNode original = user.deepCopy();
    ObjectNode changed = user.deepCopy();
    ObjectNode attributes = changed.has("attributes") && changed.get("attributes").isObject()
        ? (ObjectNode) changed.get("attributes") : changed.putObject("attributes");
    if (link.schoolCode() == null) {
      attributes.remove("schoolCode");
    } else {
      attributes.putArray("schoolCode").add(link.schoolCode());
    }
    attributes.putArray("districtCode").add(link.districtCode());
    boolean updated = false;
    boolean removed = false;
    try {
      keycloak.update(changed);
      updated = true;
      keycloak.removeRealmRoles(userId, remove);
      removed = true;
      keycloak.addRealmRoles(userId, add);
    } catch (RuntimeException e) {
      undo(original, userId, updated, removed, remove);
      throw e;
    }
  }

  private void undo(ObjectNode original, String userId, boolean updated, boolean removed, List<JsonNode> remove) {
    try {
      if (removed) {
        keycloak.addRealmRoles(userId, remove);
      }
      if (updated) {
        keycloak.update(original);
      }
    } catch (RuntimeException again) {
      log.error("could not undo a half-done link of user {} in Keycloak; check its attributes and roles: {}",
          original.path("username").asText(), again.toString());
    }
  }

  /** Checks the request itself: the role, the school, the district. Nothing is read from Keycloak yet. */
  private Link validate(JiaoliuUser actor, String schoolCode, String districtCode, String roleName) {
    Map<String, String> errors = new LinkedHashMap<>();
    Role role = roleName == null || roleName.isBlank() ? null : Role.fromRealmRole(roleName.strip()).orElse(null);
    if (role == null) {
      errors.put("role", roleName == null || roleName.isBlank() ? "error.chooseOne" : "users.error.unknownRole");
    }
    String school = blankToNull(schoolCode);
    String district = blankToNull(districtCode);
    Optional<School> found = school == null ? Optional.empty() : schools.findById(school);
    if (school != null && found.isEmpty()) {
      errors.put("schoolCode", "users.error.unknownSchool");
    } else if (school == null && role != null && NEEDS_SCHOOL.contains(role)) {
      errors.put("schoolCode", "users.error.schoolRequired");
    }
    if (found.isPresent()) {
      district = found.get().districtCode();
    } else if (district == null && role != null && !NEEDS_SCHOOL.contains(role) && school == null) {
      district = actor.has(Role.SECURITY_ADMIN) ? null : actor.districtCode();
      if (district == null) {
        errors.put("districtCode", "error.required");
      }
    } else if (district != null && !districtExists(district)) {
      errors.put("districtCode", "users.error.unknownDistrict");
    }
    if (!errors.isEmpty()) {
      throw UserFacingException.invalid(errors);
    }
    return new Link(role, found.map(School::code).orElse(null), district);
  }

  private boolean districtExists(String code) {
    return jdbc.sql("select count(*) from district_view where code = :c").param("c", code).query(Long.class).single() > 0;
  }

  /** The schools the actor may link users to. */
  List<School> schoolsFor(JiaoliuUser actor) {
    requireAdministrator(actor);
    return actor.has(Role.SECURITY_ADMIN) ? schools.findAll().stream().sorted(Comparator.comparing(School::code)).toList()
        : schools.findByDistrictCodeOrderByCode(actor.districtCode());
  }

  /** The roles the actor may grant. */
  List<Role> rolesFor(JiaoliuUser actor) {
    return actor.has(Role.SECURITY_ADMIN) ? List.of(Role.values())
        : List.of(Role.TEACHER, Role.PRINCIPAL, Role.TEACHING_OFFICE);
  }

  /** The districts an administrator may link teaching offices and administrators to (code → name). */
  Map<String, String> districts() {
    Map<String, String> districts = new LinkedHashMap<>();
    jdbc.sql("select code, name from district_view order by code").query((rs, i) -> districts.put(rs.getString(1),
        rs.getString(2))).list();
    return districts;
  }

  Table table(List<UserRow> rows) {
    Locale zh = Locale.SIMPLIFIED_CHINESE;
    return new Table("用户", List.of("用户名", "姓名", "电子邮箱", "角色", "学校代码", "学校", "区县代码", "启用"),
        rows.stream().map(r -> List.<Object>of(r.username(), r.name(), nullToEmpty(r.email()),
            r.roles().stream().map(role -> messages.getMessage("realm." + role, null, role, zh))
                .collect(Collectors.joining("、")),
            nullToEmpty(r.schoolCode()), nullToEmpty(r.schoolName()), nullToEmpty(r.districtCode()), r.enabled()))
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

  /** A user's district: the attribute, else their school's. */
  private static UserRow row(JsonNode user, List<String> roles, Map<String, School> schoolsByCode) {
    String school = attribute(user, "schoolCode");
    String district = attribute(user, "districtCode");
    School s = school == null ? null : schoolsByCode.get(school);
    if (district == null && s != null) {
      district = s.districtCode();
    }
    String username = user.path("username").asText();
    String name = (text(user, "firstName") + text(user, "lastName")).replace(" ", "");
    List<String> sorted = roles.stream()
        .sorted(Comparator.comparing(r -> Role.fromRealmRole(r).map(Enum::ordinal).orElse(99))).toList();
    return new UserRow(username, name.isBlank() ? username : name, blankToNull(text(user, "email")), sorted, school,
        s == null ? null : s.name(), district, user.path("enabled").asBoolean(false));
  }

  private static List<String> jiaoliuRoles(List<JsonNode> mapped) {
    return mapped.stream().map(r -> r.path("name").asText()).filter(n -> Role.fromRealmRole(n).isPresent()).toList();
  }

  private Map<String, School> schoolsByCode() {
    return schools.findAll().stream().collect(Collectors.toMap(School::code, s -> s));
  }

  /** E.g. {@code teacher LC-U01}, {@code teaching-office LC}; null for a user with neither role nor school nor district. */
  private static String describe(String school, String district, List<String> roles) {
    String text = (String.join(",", roles) + " " + (school != null ? school : district != null ? district : "")).strip();
    return text.isEmpty() ? null : text;
  }

  private static String attribute(JsonNode user, String name) {
    JsonNode values = user.path("attributes").path(name);
    return values.isArray() && !values.isEmpty() ? blankToNull(values.get(0).asText()) : null;
  }

  private static String text(JsonNode node, String field) {
    return node.path(field).isTextual() ? node.path(field).asText() : "";
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static String nullToEmpty(String value) {
    return value == null ? "" : value;
  }

  private record Link(Role role, String schoolCode, String districtCode) {}

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
