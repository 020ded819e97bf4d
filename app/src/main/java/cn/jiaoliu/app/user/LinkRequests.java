package cn.jiaoliu.app.user;

import cn.jiaoliu.app.programme.School;
import cn.jiaoliu.app.programme.SchoolDirectory;
import cn.jiaoliu.app.programme.SchoolRepository;
import cn.jiaoliu.app.security.JiaoliuUser;
import cn.jiaoliu.app.security.Role;
import cn.jiaoliu.app.web.UserFacingException;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/** What a link may name: the roles, schools and districts an administrator chooses from, checked. */
@Component
class LinkRequests {

  private static final Set<Role> NEEDS_SCHOOL = EnumSet.of(Role.TEACHER, Role.PRINCIPAL);

  private final SchoolRepository schools;
  private final SchoolDirectory directory;

  LinkRequests(SchoolRepository schools, SchoolDirectory directory) {
    this.schools = schools;
    this.directory = directory;
  }

  /** Checks the request itself: the role, the school, the district. Nothing is read from Keycloak yet. */
  RoleLink validate(JiaoliuUser actor, String schoolCode, String districtCode, String roleName) {
    Map<String, String> errors = new LinkedHashMap<>();
    Role role = roleName == null || roleName.isBlank() ? null : Role.fromRealmRole(roleName.strip()).orElse(null);
    if (role == null) {
      errors.put("role", roleName == null || roleName.isBlank() ? "error.chooseOne" : "users.error.unknownRole");
    }
    String school = UserRows.blankToNull(schoolCode);
    String district = UserRows.blankToNull(districtCode);
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
    } else if (district != null && !directory.districtExists(district)) {
      errors.put("districtCode", "users.error.unknownDistrict");
    }
    if (!errors.isEmpty()) {
      throw UserFacingException.invalid(errors);
    }
    return new RoleLink(role, found.map(School::code).orElse(null), district);
  }

  /** The schools the actor may link users to. */
  List<School> schoolsFor(JiaoliuUser actor) {
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
    return directory.districts();
  }
}
