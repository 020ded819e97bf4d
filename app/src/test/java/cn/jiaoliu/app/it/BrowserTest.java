package cn.jiaoliu.app.it;

import cn.jiaoliu.testsupport.Chromium;
import cn.jiaoliu.testsupport.DemoTotp;
import cn.jiaoliu.testsupport.Infrastructure;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.LoadState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInfo;

/**
 * Base of the browser tests: one headless Chromium per class, a fresh context per user, login on
 * Keycloak's page, screenshots wide and at 390 px under target/screenshots. axe-core checks every
 * page of the app a test loads and every state it takes a screenshot of: a serious or critical
 * violation fails the test that found it; target/axe/<class>.txt says what was checked.
 */
abstract class BrowserTest extends IntegrationTest {

  static Playwright playwright;
  static Browser browser;
  static AccessibilityCheck accessibility;

  @BeforeAll
  static void launchBrowser() {
    playwright = Playwright.create();
    browser = Chromium.launch(playwright);
    accessibility = new AccessibilityCheck(Infrastructure.get().appBaseUrl());
  }

  @AfterEach
  void noSeriousAccessibilityViolations() {
    List<AccessibilityCheck.Finding> failures = accessibility.newFailures();
    List<String> errors = accessibility.newErrors();
    if (!failures.isEmpty() || !errors.isEmpty()) {
      throw new AssertionError("axe-core: " + failures.size() + " serious or critical violations on the app's pages"
          + (errors.isEmpty() ? "" : ", " + errors.size() + " pages it could not analyse") + " (target/axe)\n  "
          + failures.stream().map(String::valueOf).collect(Collectors.joining("\n  "))
          + (errors.isEmpty() ? "" : "\n  " + String.join("\n  ", errors)));
    }
  }

  @AfterAll
  static void closeBrowser(TestInfo info) {
    if (accessibility != null) {
      accessibility.writeReport(info.getTestClass().map(Class::getSimpleName).orElse("browser"));
    }
    if (browser != null) {
      browser.close();
    }
    if (playwright != null) {
      playwright.close();
    }
  }

  /** A fresh browser whose pages are checked for accessibility as they load. */
  static BrowserContext context() {
    return accessibility.watch(browser.newContext(new Browser.NewContextOptions().setLocale("zh-CN")
        .setViewportSize(1280, 900)));
  }

  static Page loginAs(BrowserContext context, String username, String path) {
    Page page = context.newPage();
    page.navigate(Infrastructure.get().appBaseUrl() + path);
    page.waitForURL(url -> url.contains("/realms/jiaoliu/"));
    page.fill("#username", username);
    page.fill("#password", "demo");
    page.click("#kc-login");
    enterOneTimeCodeIfAsked(page);
    page.waitForURL(url -> url.startsWith(Infrastructure.get().appBaseUrl()));
    return page;
  }

  /** Admin and teaching-office users are asked for a TOTP code after the password: the demo authenticator's. */
  static void enterOneTimeCodeIfAsked(Page page) {
    page.waitForURL(url -> url.startsWith(Infrastructure.get().appBaseUrl()) || url.contains("/login-actions/"));
    page.waitForLoadState();
    if (!page.url().startsWith(Infrastructure.get().appBaseUrl()) && page.locator("#otp").count() > 0) {
      page.fill("#otp", DemoTotp.now());
      page.click("#kc-login");
    }
  }

  static Path shots(String folder) {
    Path dir = Paths.get("target", "screenshots", folder);
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return dir;
  }

  /** Screenshots of the page as it is now, wide and narrow, each state also checked for accessibility. */
  static void shoot(Page page, Path dir, String name) {
    page.waitForLoadState(LoadState.NETWORKIDLE);
    String state = dir.getFileName() + "/" + name;
    page.setViewportSize(1280, 900);
    page.screenshot(new Page.ScreenshotOptions().setPath(dir.resolve(name + ".png")).setFullPage(true));
    accessibility.analyse(page, state);
    page.setViewportSize(390, 844);
    page.screenshot(new Page.ScreenshotOptions().setPath(dir.resolve(name + "-390.png")).setFullPage(true));
    accessibility.analyse(page, state + "-390");
    page.setViewportSize(1280, 900);
  }

  /** Opens the first task in the inbox whose row shows the text, waiting for it to arrive. */
  static void openTask(Page page, String text) {
    inboxRow(page, text).first().locator("a.button").click();
  }

  /**
   * The inbox rows showing the text, on whichever page of the inbox they are, waiting for them to
   * arrive; the page is left showing them.
   */
  static Locator inboxRow(Page page, String text) {
    for (int attempt = 0; attempt < 40; attempt++) {
      page.navigate(Infrastructure.get().appBaseUrl() + "/tasks");
      while (true) {
        Locator row = page.locator("tr", new Page.LocatorOptions().setHasText(text));
        if (row.count() > 0) {
          return row;
        }
        if (page.locator("#next-page").count() == 0) {
          break;
        }
        page.click("#next-page");
        page.waitForLoadState();
      }
      page.waitForTimeout(1000);
    }
    throw new AssertionError("no task showing " + text);
  }
}
