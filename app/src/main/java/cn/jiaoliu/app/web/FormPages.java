package cn.jiaoliu.app.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.function.Supplier;
import org.springframework.ui.Model;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A page's form action: done, it redirects with a notice; with bad fields the page is shown again
 * with what was entered and a message per field (status 400); any other refusal goes on to the
 * error pages.
 */
public final class FormPages {

  private FormPages() {}

  /** Runs a form action; on field errors shows the page again with them instead of redirecting. */
  public static String submit(Runnable action, String redirect, RedirectAttributes flash, String notice,
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
}
