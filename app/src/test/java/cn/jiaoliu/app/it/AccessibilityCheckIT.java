package cn.jiaoliu.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jiaoliu.app.it.AccessibilityCheck.Analysis;
import cn.jiaoliu.app.it.AccessibilityCheck.Finding;
import cn.jiaoliu.testsupport.Chromium;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.Route;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The accessibility check of the browser tests can fail: pages served by the test itself (no app,
 * no broker) under a made-up origin standing for the app's, and one standing for Keycloak's.
 */
class AccessibilityCheckIT {

  static final String APP = "http://app.jiaoliu.test";
  static final String OTHER = "http://login.jiaoliu.test";

  static final String FLAWED = """
      <!DOCTYPE html><html lang="zh-CN"><head><meta charset="UTF-8"><title>有问题的页面 12</title></head>
      <body><main><h1>申请</h1>
      <p style="color:#bbb;background:#fff">浅灰色的说明文字，对比度不够。</p>
      <input type="text" name="subject">
      </main></body></html>""";

  static final String SOUND = """
      <!DOCTYPE html><html lang="zh-CN"><head><meta charset="UTF-8"><title>好的页面</title></head>
      <body><main><h1>申请</h1>
      <p style="color:#333;background:#fff">深色的说明文字。</p>
      <label for="subject">学科</label><input type="text" id="subject" name="subject">
      </main></body></html>""";

  static Playwright playwright;
  static Browser browser;

  @BeforeAll
  static void launchBrowser() {
    playwright = Playwright.create();
    browser = Chromium.launch(playwright);
  }

  @AfterAll
  static void closeBrowser() {
    browser.close();
    playwright.close();
  }

  private static BrowserContext serving(AccessibilityCheck check, Map<String, String> pages) {
    BrowserContext context = check.watch(browser.newContext());
    context.route(url -> true, route -> fulfil(route, pages));
    return context;
  }

  private static void fulfil(Route route, Map<String, String> pages) {
    String url = route.request().url();
    String page = pages.entrySet().stream().filter(e -> url.startsWith(e.getKey())).map(Map.Entry::getValue)
        .findFirst().orElse(null);
    if (page == null) {
      route.fulfill(new Route.FulfillOptions().setStatus(404));
    } else {
      route.fulfill(new Route.FulfillOptions().setContentType("text/html; charset=utf-8").setBody(page));
    }
  }

  @Test
  void anUnlabelledFieldAndPaleTextOnAnAppPageFailTheCheck() {
    AccessibilityCheck check = new AccessibilityCheck(APP);
    try (BrowserContext context = serving(check, Map.of(APP + "/applications/", FLAWED))) {
      context.newPage().navigate(APP + "/applications/12");
    }

    assertThat(check.errors()).isEmpty();
    assertThat(check.analyses()).hasSize(1);
    assertThat(check.failures()).extracting(Finding::rule).contains("label", "color-contrast");
    assertThat(check.failures()).filteredOn(f -> f.rule().equals("label")).singleElement()
        .satisfies(f -> {
          assertThat(f.impact()).isEqualTo("critical");
          assertThat(f.url()).isEqualTo(APP + "/applications/12");
          assertThat(f.targets()).singleElement().asString().contains("input");
        });
    assertThat(check.newFailures()).hasSameElementsAs(check.failures());
    assertThat(check.newFailures()).isEmpty();
    assertThat(check.report("AccessibilityCheckIT")).contains("app pages analysed: 1").contains("color-contrast");
  }

  @Test
  void aSoundPageAndAnotherCaseOfTheSamePageAddNothing() {
    AccessibilityCheck check = new AccessibilityCheck(APP);
    try (BrowserContext context = serving(check, Map.of(APP + "/tasks/", SOUND))) {
      Page page = context.newPage();
      page.navigate(APP + "/tasks/41");
      page.navigate(APP + "/tasks/42?continue");
      page.navigate(APP + "/tasks/2f0c6a1e-93a4-4c1b-9d3e-1a2b3c4d5e6f");
    }

    assertThat(check.errors()).isEmpty();
    assertThat(check.analyses()).extracting(Analysis::key)
        .containsExactly(APP + "/tasks/{n} \"好的页面\"", APP + "/tasks/{uuid} \"好的页面\"");
    assertThat(check.failures()).isEmpty();
  }

  @Test
  void anotherOriginsPageIsReportedButDoesNotFail() {
    AccessibilityCheck check = new AccessibilityCheck(APP);
    try (BrowserContext context = serving(check, Map.of(OTHER + "/realms/", FLAWED))) {
      context.newPage().navigate(OTHER + "/realms/jiaoliu/protocol/openid-connect/auth?client_id=x&state=y");
    }

    assertThat(check.analyses()).singleElement().satisfies(a -> {
      assertThat(a.ours()).isFalse();
      assertThat(a.key()).isEqualTo(OTHER + "/realms/jiaoliu/protocol/openid-connect/auth?client_id&state \"有问题的页面 #\"");
      assertThat(a.violations()).extracting(Finding::rule).contains("label");
    });
    assertThat(check.failures()).isEmpty();
    assertThat(check.report("AccessibilityCheckIT")).contains("[not ours]");
  }

  @Test
  void aStateTheTestNamesIsAnalysedBesideTheLoadedPage() {
    AccessibilityCheck check = new AccessibilityCheck(APP);
    try (BrowserContext context = serving(check, Map.of(APP + "/", SOUND))) {
      Page page = context.newPage();
      page.navigate(APP + "/");
      page.evaluate("() => document.querySelector('main').insertAdjacentHTML('beforeend', '<select name=x></select>')");
      check.analyse(page, "with-select");
    }

    assertThat(check.analyses()).hasSize(2);
    assertThat(check.failures()).extracting(Finding::rule).containsExactly("select-name");
  }

  @Test
  void aPageThatGoesOnBeforeItCanBeAnalysedIsAnalysedAfterAllBeforeItsContextCloses() {
    AccessibilityCheck check = new AccessibilityCheck(APP);
    AtomicInteger visits = new AtomicInteger();
    String onward = "<script>addEventListener('load', () => location.href = '/second')</script></body>";
    try (BrowserContext context = check.watch(browser.newContext())) {
      // the first time, the first page goes on to the second as soon as it has loaded; later it stays
      context.route(APP + "/first", route -> route.fulfill(new Route.FulfillOptions()
          .setContentType("text/html; charset=utf-8").setBody(visits.getAndIncrement() == 0
              ? SOUND.replace("好的页面", "第一页").replace("</body>", onward) : SOUND.replace("好的页面", "第一页"))));
      context.route(APP + "/second", route -> route.fulfill(new Route.FulfillOptions()
          .setContentType("text/html; charset=utf-8").setBody(SOUND.replace("好的页面", "第二页"))));
      Page page = context.newPage();
      page.navigate(APP + "/first");
      page.waitForURL(APP + "/second");
      page.waitForLoadState();
    }

    assertThat(check.errors()).isEmpty();
    assertThat(check.analyses()).extracting(Analysis::key)
        .containsExactlyInAnyOrder(APP + "/first \"第一页\"", APP + "/second \"第二页\"");
    assertThat(check.revisited()).isSubsetOf(APP + "/first");
    assertThat(check.revisited().size()).isEqualTo(visits.get() - 1);
  }
}
