package cn.jiaoliu.app.web;

import java.io.Serializable;
import java.net.URI;
import java.util.Arrays;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * How a page's small operation answers (urge, copy, comment, keep a phrase …): it runs, and the
 * user is sent back to a page of the app with the notice, or with the translated reason it was
 * refused ({@code opError}, {@code opErrorArgs}; nothing was changed). A server error stays one.
 */
public final class Outcomes {

  private Outcomes() {}

  public static String redirect(RedirectAttributes flash, String page, Runnable operation, String notice) {
    try {
      operation.run();
      if (notice != null) {
        flash.addFlashAttribute("notice", notice);
      }
    } catch (UserFacingException e) {
      if (e.status().is5xxServerError()) {
        throw e;
      }
      flash.addFlashAttribute("opError", e.messageKey());
      flash.addFlashAttribute("opErrorArgs", storable(e.args()));
    }
    return "redirect:" + page;
  }

  /**
   * Flash attributes are kept in the browser session, which lives in the database: each argument
   * must be serializable; one that is not is kept as its text (what the message would print anyway).
   */
  static Object[] storable(Object[] args) {
    if (args == null) {
      return new Object[0];
    }
    return Arrays.stream(args).map(a -> a == null || a instanceof Serializable ? a : String.valueOf(a)).toArray();
  }

  /** The app's own page a request came from (its {@code Referer}), never another site's; else the fallback. */
  public static String back(String referer, String fallback) {
    if (referer == null) {
      return fallback;
    }
    try {
      URI uri = URI.create(referer);
      String path = uri.getRawPath();
      if (path == null || !path.startsWith("/") || path.startsWith("//")) {
        return fallback;
      }
      return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    } catch (IllegalArgumentException e) {
      return fallback;
    }
  }
}
