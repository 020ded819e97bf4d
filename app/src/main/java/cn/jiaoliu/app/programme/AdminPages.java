package cn.jiaoliu.app.programme;

import cn.jiaoliu.app.security.AllowedRoles;
import cn.jiaoliu.app.security.JiaoliuUser;
import cn.jiaoliu.app.security.Role;
import cn.jiaoliu.app.web.FieldErrors;
import cn.jiaoliu.app.web.UserFacingException;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * What the administration pages share (administrators; teaching offices for their own district):
 * the district choices of every page, district-filtered redirects, and forms that, with bad fields,
 * are shown again with what was entered and a message per field (status 400).
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

  /** Runs a form action; on field errors shows the page again with them instead of redirecting. */
  static String submit(Runnable action, String redirect, RedirectAttributes flash, String notice,
      Supplier<String> page, Model model, Object form, HttpServletResponse response) {
    try {
      action.run();
      flash.addFlashAttribute("notice", notice);
      return "redirect:" + redirect;
    } catch (UserFacingException e) {
      if (e.fieldErrors().isEmpty()) {
        throw e;
      }
      response.setStatus(400);
      model.addAttribute("fieldErrors", e.fieldErrors());
      if (form != null) {
        model.addAttribute("form", form);
      }
      return page.get();
    }
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
