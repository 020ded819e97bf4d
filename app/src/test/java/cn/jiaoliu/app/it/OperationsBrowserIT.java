package cn.jiaoliu.app.it;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import cn.jiaoliu.testsupport.Infrastructure;
import cn.jiaoliu.testsupport.KeycloakAdmin;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import io.camunda.client.CamundaClient;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The operations page in the browser: a running application and a failed automated step that has
 * become an incident, the retry button, and the door shut for a principal. Screenshots under
 * target/screenshots/operations.
 */
class OperationsBrowserIT extends BrowserTest {

  static final Path SHOTS = shots("operations");
  static final String TEACHER = "it.ops.browser.teacher";

  @Autowired CamundaClient camunda;
  @Autowired FlakyStepWorker flaky;

  @BeforeAll
  static void teacher() {
    KeycloakAdmin.ensureUser(TEACHER, "teacher", "LC-U01", "LC");
  }

  @Test
  void theAdministratorSeesTheIncidentAndRunsTheStepAgain() {
    ApiClient teacher = new ApiClient(Infrastructure.get().appBaseUrl(), Infrastructure.get().tokenFor(TEACHER, "demo"));
    ApiClient.Response created = teacher.post("/api/applications", RotationApplicationIT.application("音乐"));
    org.assertj.core.api.Assertions.assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
    camunda.newDeployResourceCommand().addResourceFromClasspath("it-processes/it-flaky-step.bpmn").send().join();
    long marker = System.nanoTime();
    long instance = camunda.newCreateInstanceCommand().bpmnProcessId("it-flaky-step").latestVersion()
        .variables(Map.of("marker", marker)).send().join().getProcessInstanceKey();
    String instanceText = String.valueOf(instance);

    try (BrowserContext context = context()) {
      Page page = loginAs(context, "admin", "/");
      page.click("#nav-operations");
      Locator failure = page.locator("#failures .failure", new Page.LocatorOptions().setHasText(instanceText));
      for (int attempt = 0; attempt < 60 && !(failure.count() > 0 && failure.textContent().contains("故障")); attempt++) {
        page.waitForTimeout(500);
        page.reload();
      }
      assertThat(failure).containsText("故障");
      assertThat(failure).containsText("失败 2 次 / 剩 0 次");
      assertThat(failure).containsText("database unavailable");
      Locator application = page.locator("#case-table tr", new Page.LocatorOptions().setHasText("音乐"));
      assertThat(page.locator("#case-table")).containsText("莱城区实验小学 校长");
      shoot(page, SHOTS, "01-operations-incident");

      flaky.allow(marker);
      failure.locator("button.retry").click();
      assertThat(page.locator(".notice")).containsText("已通知流程引擎重新执行该环节");
      assertThat(page.locator("#failures")).not().containsText(instanceText);
      shoot(page, SHOTS, "02-operations-retried");

      page.selectOption("select[name=kind]", "ASSESSMENT");
      page.click("#case-filters button");
      org.assertj.core.api.Assertions.assertThat(application.count()).isZero();
    }
    try (BrowserContext context = context()) {
      Page page = loginAs(context, "principal.wang", "/");
      Response response = page.navigate(Infrastructure.get().appBaseUrl() + "/operations");
      org.assertj.core.api.Assertions.assertThat(response.status()).isEqualTo(403);
      assertThat(page.locator("#nav-operations")).hasCount(0);
    }
  }
}
