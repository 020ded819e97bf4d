package cn.jiaoliu.app.reports;

import cn.jiaoliu.app.programme.SchoolDirectory;
import cn.jiaoliu.app.security.JiaoliuUser;
import cn.jiaoliu.app.security.Role;
import cn.jiaoliu.app.web.UserFacingException;
import org.springframework.stereotype.Component;

/**
 * Whose records a user reports: the teaching office its own district, an administrator the district
 * named (any, as on the ledger) or else their own. A district the user may not read, or none, is a
 * 404; other roles never get here (the controllers' role gate answers them with 403).
 */
@Component
class ReportDistricts {

  private final SchoolDirectory directory;

  ReportDistricts(SchoolDirectory directory) {
    this.directory = directory;
  }

  String districtOf(JiaoliuUser user, String requested) {
    String wanted = requested == null || requested.isBlank() ? null : requested.strip();
    if (user.has(Role.ADMIN) && wanted != null) {
      if (!directory.districtExists(wanted)) {
        throw UserFacingException.notFound();
      }
      return wanted;
    }
    if (!(user.has(Role.TEACHING_OFFICE) || user.has(Role.ADMIN)) || user.districtCode() == null
        || wanted != null && !wanted.equals(user.districtCode())) {
      throw UserFacingException.notFound();
    }
    return user.districtCode();
  }
}
