package cn.jiaoliu.bench;

import cn.jiaoliu.testsupport.Chromium;
import cn.jiaoliu.testsupport.DemoTotp;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.util.ArrayList;
import java.util.List;

/**
 * B6: an office's inbox page ({@code /tasks}) in a real browser (headless Chromium through
 * Playwright), logged in once through Keycloak's page with password and one-time code. Each
 * navigation is timed by the browser itself (Navigation Timing): the first byte is
 * {@code responseStart − startTime}, the complete page {@code loadEventEnd − startTime} (the page,
 * its style sheet and scripts loaded, as the browser's cache lets them be).
 */
final class InboxPage {

  /**
   * One navigation: milliseconds to the first byte, to the document parsed with its scripts run
   * ({@code domContentLoadedEventEnd}) and to the page's load event; the task rows it showed; the
   * resources it loaded and how many of them came over the network rather than from the cache.
   */
  record Navigation(double firstByteMillis, double domReadyMillis, double pageMillis, int rows, int resources,
      int resourcesFetched, String resourceTimes) {}

  /** What the page showed and how each measured navigation went. */
  record Result(String summary, List<Navigation> navigations) {}

  private static final String TIMING = """
      () => {
        const n = performance.getEntriesByType('navigation')[0];
        const resources = performance.getEntriesByType('resource');
        return [n.responseStart - n.startTime, n.domContentLoadedEventEnd - n.startTime, n.loadEventEnd - n.startTime,
                document.querySelectorAll('tbody tr').length, resources.length,
                resources.filter(r => r.transferSize > 0).length,
                resources.map(r => new URL(r.name).pathname + ' ' + Math.round(r.transferSize / 1024) + ' KB '
                    + Math.round(r.duration) + ' ms').join(', ')];
      }""";

  private InboxPage() {}

  /** Logs in as {@code username} and opens {@code /tasks} {@code warmUp} times, then {@code n} times measured. */
  static Result measure(String baseUrl, String username, int warmUp, int n) {
    BenchRealm.allowRedirectsTo(baseUrl);
    try (Playwright playwright = Playwright.create(); Browser browser = Chromium.launch(playwright)) {
      BrowserContext context = browser.newContext(new Browser.NewContextOptions().setLocale("zh-CN")
          .setViewportSize(1280, 900));
      Page page = context.newPage();
      login(page, baseUrl, username);
      String summary = "";
      List<Navigation> measured = new ArrayList<>();
      for (int i = 0; i < warmUp + n; i++) {
        page.navigate(baseUrl + "/tasks");
        page.waitForFunction("() => performance.getEntriesByType('navigation')[0].loadEventEnd > 0");
        List<?> t = (List<?>) page.evaluate(TIMING);
        Navigation navigation = new Navigation(number(t.get(0)), number(t.get(1)), number(t.get(2)),
            (int) number(t.get(3)), (int) number(t.get(4)), (int) number(t.get(5)), String.valueOf(t.get(6)));
        if (navigation.rows() == 0) {
          throw new IllegalStateException("B6: the inbox page showed no task rows: " + page.url());
        }
        if (i == 0) {
          summary = page.locator("#paging-summary").count() > 0 ? page.locator("#paging-summary").innerText() : "";
        }
        if (i >= warmUp) {
          measured.add(navigation);
        }
      }
      return new Result(summary, measured);
    }
  }

  private static void login(Page page, String baseUrl, String username) {
    page.navigate(baseUrl + "/tasks");
    page.waitForURL(url -> url.contains("/realms/jiaoliu/"));
    page.fill("#username", username);
    page.fill("#password", "demo");
    page.click("#kc-login");
    page.waitForURL(url -> url.startsWith(baseUrl) || url.contains("/login-actions/"));
    page.waitForLoadState();
    if (!page.url().startsWith(baseUrl) && page.locator("#otp").count() > 0) {
      page.fill("#otp", DemoTotp.now());
      page.click("#kc-login");
    }
    page.waitForURL(url -> url.startsWith(baseUrl));
  }

  private static double number(Object value) {
    return ((Number) value).doubleValue();
  }
}
