package cn.jiaoliu.app.assessment;

import cn.jiaoliu.app.security.JiaoliuUser;
import cn.jiaoliu.app.security.Role;
import cn.jiaoliu.app.web.UserFacingException;
import org.springframework.http.HttpStatus;

/**
 * The district a teaching office acts for on the pages and calls of this module that are the
 * office's alone (rounds, proofs of rural service, the honour list): its own; anyone else, or an
 * office without a district, is refused (403).
 */
final class OfficeDistrict {

  private OfficeDistrict() {}

  static String of(JiaoliuUser user) {
    if (!user.has(Role.TEACHING_OFFICE) || user.districtCode() == null) {
      throw new UserFacingException(HttpStatus.FORBIDDEN, "error.forbidden");
    }
    return user.districtCode();
  }
}
