package cn.jiaoliu.app.it;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import cn.jiaoliu.testsupport.Infrastructure;
import com.microsoft.playwright.Page;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A person with a browser: the demo teacher logs in on Keycloak's page and lands on their home page. */
class TeacherLoginBrowserIT extends BrowserTest {

  static final Path SCREENSHOTS = shots("");

  @Test
  void theDemoTeacherLogsInThroughKeycloakAndSeesTheirHomePage() {
    try (var context = context()) {
      Page page = context.newPage();
      page.navigate(Infrastructure.get().appBaseUrl() + "/");

      page.waitForURL(url -> url.contains("/realms/jiaoliu/"));
      page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("keycloak-login.png")).setFullPage(true));
      page.fill("#username", "teacher.zhang");
      page.fill("#password", "demo");
      page.click("#kc-login");

      page.waitForURL(url -> url.startsWith(Infrastructure.get().appBaseUrl()));
      assertThat(page.locator("h1")).containsText("张伟");
      assertThat(page.locator("#teacher-home")).containsText("教师工作台");
      assertThat(page.locator("#my-school")).hasText("莱城区实验小学");
      page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("teacher-home.png")).setFullPage(true));

      page.setViewportSize(390, 844);
      page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("teacher-home-390.png")).setFullPage(true));

      page.locator("button:has-text('退出')").click();
      page.waitForURL(url -> url.contains("/realms/jiaoliu/"));
    }
  }
}
