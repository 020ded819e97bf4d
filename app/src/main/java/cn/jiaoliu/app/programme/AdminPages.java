package cn.jiaoliu.app.programme;

import cn.jiaoliu.app.security.AllowedRoles;
import cn.jiaoliu.app.security.JiaoliuUser;
import cn.jiaoliu.app.security.Role;
import cn.jiaoliu.app.web.FieldErrors;
import cn.jiaoliu.app.web.UserFacingException;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * What the administration pages share (administrators; teaching offices for their own district):
 * the district choices of every page, district-filtered redirects and typed forms (their actions
 * run through {@code FormPages.submit}).
 */
@AllowedRoles({Role.ADMIN, Role.TEACHING_OFFICE})
abstract class AdminPages {

  private final SchoolAdmin schoolAdmin;

  AdminPages(SchoolAdmin schoolAdmin) {
    this.schoolAdmin = schoolAdmin;
  }

  /**
   * A list page filtered by district, the district encoded as a query value: built from what the
   * user sent, it once broke the redirect (a 500 after the write had committed) when it held a
   * character a URL cannot.
   */
  static String districtPage(String path, String district) {
    return UriComponentsBuilder.fromPath(path).queryParam("district", nz(district))
        .encode().build().toUriString();
  }

  /** The typed form when Bean Validation and conversion found nothing wrong; else its field errors (400). */
  static <T> T valid(T form, BindingResult binding) {
    if (binding.hasErrors()) {
      throw FieldErrors.invalid(binding);
    }
    return form;
  }

  @ModelAttribute("districtChoices")
  List<SchoolAdmin.District> districtChoices(JiaoliuUser user) {
    return user == null ? List.of() : safe(() -> schoolAdmin.districts(user));
  }

  private static <T> List<T> safe(Supplier<List<T>> supplier) {
    try {
      return supplier.get();
    } catch (UserFacingException e) {
      return List.of(); // the handler itself answers 403; the model attribute must not fail first
    }
  }

  static String nz(String value) {
    return value == null ? "" : value;
  }
}
