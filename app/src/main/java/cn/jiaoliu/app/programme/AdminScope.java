package cn.jiaoliu.app.programme;

import cn.jiaoliu.app.security.JiaoliuUser;
import cn.jiaoliu.app.security.Role;
import cn.jiaoliu.app.web.UserFacingException;
import org.springframework.http.HttpStatus;

/**
 * Who administers what: an administrator every district; a teaching office its own district only;
 * anyone else nothing (403).
 */
record AdminScope(boolean everyDistrict, String district, String username) {

  static AdminScope of(JiaoliuUser user) {
    if (user.has(Role.ADMIN)) {
      return new AdminScope(true, user.districtCode(), user.username());
    }
    if (user.has(Role.TEACHING_OFFICE) && user.districtCode() != null) {
      return new AdminScope(false, user.districtCode(), user.username());
    }
    throw new UserFacingException(HttpStatus.FORBIDDEN, "error.forbidden");
  }

  static AdminScope adminOnly(JiaoliuUser user) {
    if (!user.has(Role.ADMIN)) {
      throw new UserFacingException(HttpStatus.FORBIDDEN, "error.forbidden");
    }
    return of(user);
  }

  /** The realm role the audit trail records for this user's administrative actions. */
  String actorRole() {
    return everyDistrict ? "admin" : "teaching-office";
  }

  boolean covers(String districtCode) {
    return everyDistrict || (districtCode != null && districtCode.equals(district));
  }

  /** A district the user names: theirs unless they administer every district and named another. */
  String districtOr(String requested) {
    if (requested == null || requested.isBlank()) {
      return district;
    }
    if (!covers(requested.strip())) {
      throw UserFacingException.notFound();
    }
    return requested.strip();
  }

  /** 404 for an object of a district outside the scope: its existence is not revealed. */
  void require(String districtCode) {
    if (!covers(districtCode)) {
      throw UserFacingException.notFound();
    }
  }
}
