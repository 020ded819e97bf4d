package cn.jiaoliu.app.planning;

import cn.jiaoliu.app.security.JiaoliuUser;
import cn.jiaoliu.app.security.Role;
import cn.jiaoliu.app.web.UserFacingException;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * Whose plans a user sees: the teaching office (and administrator) of a district every school of it,
 * and it alone sets the rules and records exemptions; a principal their own school's list and row,
 * read only. Anyone else is refused (403); a school outside the scope does not exist for them (404).
 */
record PlanningScope(String district, String ownSchool, String username, boolean office, String actorRole) {

  /** @param schoolsOfDistrict the district of each school code, to place a principal's school. */
  static PlanningScope of(JiaoliuUser user, Map<String, String> schoolsOfDistrict) {
    if ((user.has(Role.TEACHING_OFFICE) || user.has(Role.ADMIN)) && user.districtCode() != null) {
      return new PlanningScope(user.districtCode(), null, user.username(), true,
          user.has(Role.TEACHING_OFFICE) ? "teaching-office" : "admin");
    }
    if (user.has(Role.PRINCIPAL) && user.schoolCode() != null) {
      String district = schoolsOfDistrict.get(user.schoolCode());
      if (district == null) {
        throw UserFacingException.notFound();
      }
      return new PlanningScope(district, user.schoolCode(), user.username(), false, "principal");
    }
    throw new UserFacingException(HttpStatus.FORBIDDEN, "error.forbidden");
  }

  /** The school the user asked for, if they may see it: 404 otherwise (its existence is not revealed). */
  String school(String requested, Map<String, String> schoolsOfDistrict) {
    if (requested == null || requested.isBlank()) {
      return ownSchool;
    }
    String code = requested.strip();
    boolean visible = office ? district.equals(schoolsOfDistrict.get(code)) : code.equals(ownSchool);
    if (!visible) {
      throw UserFacingException.notFound();
    }
    return code;
  }

  boolean covers(String schoolCode) {
    return office || schoolCode.equals(ownSchool);
  }

  /** Only the office changes rules, exemptions and targets. */
  PlanningScope requireOffice() {
    if (!office) {
      throw new UserFacingException(HttpStatus.FORBIDDEN, "error.forbidden");
    }
    return this;
  }
}
