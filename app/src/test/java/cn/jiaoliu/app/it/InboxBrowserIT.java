package cn.jiaoliu.app.it;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.jiaoliu.testsupport.Infrastructure;
import cn.jiaoliu.testsupport.KeycloakAdmin;
import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A clerk's morning: fifty applications wait for the teaching office's approval. The clerk finds
 * them by the teachers' names, selects all, is told "已选 50 项", sees the fifty cases listed before
 * confirming, and approves them in one action; each approval is recorded and audited on its own.
 * Nothing selected is an error, not "0 done". Screenshots at 1280 and 390 px under
 * target/screenshots/inbox.
 */
class InboxBrowserIT extends BrowserTest {

  static final Path SHOTS = shots("inbox");
  static final int CASES = 50;
  static final Duration WAIT = Duration.ofSeconds(120);
  private static final Logger LOG = LoggerFactory.getLogger(InboxBrowserIT.class);

  @Autowired JdbcClient jdbc;

  @Test
  void aClerkApprovesFiftySelectedApplicationsInOneConfirmedAction() {
    Infrastructure infra = Infrastructure.get();
    String run = "bulk" + Long.toString(System.currentTimeMillis() % 1_000_000, 36);
    ApiClient wang = new ApiClient(infra.appBaseUrl(), infra.tokenFor("principal.wang", "demo"));
    ApiClient liu = new ApiClient(infra.appBaseUrl(), infra.tokenFor("principal.liu", "demo"));
    // the batch's quota grows by what these fifty may take, so that the other tests find what they left
    jdbc.sql("update batch_quota set quota = quota + :n where batch_id = 1 and school_code = 'LC-U01'"
        + " and direction = 'URBAN_TO_RURAL'").param("n", CASES).update();
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < CASES; i++) {
      String username = "it." + run + "." + i;
      KeycloakAdmin.ensureUser(username, "teacher", "LC-U01", "LC");
      ApiClient teacher = new ApiClient(infra.appBaseUrl(), infra.tokenFor(username, "demo"));
      ApiClient.Response created = teacher.post("/api/applications", RotationApplicationIT.application("数学"));
      assertThat(created.status()).as("submit: %s", created.body()).isEqualTo(201);
      ids.add(created.body().path("id").asLong());
    }
    completeAll(wang, "Task_SignOpinion", ids, Map.of("decision", "APPROVE", "comment", "同意派出"));
    completeAll(liu, "Task_AcceptTeacher", ids, Map.of("decision", "ACCEPT", "comment", "同意接收"));

    try (BrowserContext context = context()) {
      Page page = loginAs(context, "office.chen", "/tasks");
      String filtered = infra.appBaseUrl() + "/tasks?view=open&step=Task_ApproveApplication&q=" + run;
      await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).until(() -> {
        page.navigate(filtered);
        return page.locator("input[name=taskId]").count() == CASES;
      });
      assertThat(page.locator("#paging-summary")).containsText("共 " + CASES + " 项");
      assertThat(page.locator("#inbox tbody tr").first()).containsText("测试");
      assertThat(page.locator("#inbox tbody tr").first()).containsText("莱城区实验小学 → 牛泉镇中心小学");
      shoot(page, SHOTS, "01-office-inbox-filtered");

      // nothing selected: an error that says so, and nothing done
      page.click("#bulk-approve");
      assertThat(page.locator("#bulk-error")).hasText("请先勾选要审批的申请。");
      assertThat(page.locator("#bulk-result")).hasCount(0);

      page.navigate(filtered);
      page.check("#select-all");
      assertThat(page.locator("#selected-count")).hasText("已选 " + CASES + " 项");
      page.click("#bulk-approve");
      assertThat(page.locator("#bulk-confirm")).isVisible();
      assertThat(page.locator("#bulk-confirm-list li")).hasCount(CASES);
      assertThat(page.locator("#bulk-confirm-title")).hasText("确认同意以下 " + CASES + " 项申请？");
      page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("02-confirm-50.png")));
      long started = System.nanoTime();
      page.click("#bulk-confirm-ok");
      assertThat(page.locator("#bulk-result")).hasText("已办理 " + CASES + " 项。");
      LOG.info("InboxBrowserIT: {} approvals in one confirmed action took {} ms, page to page", CASES,
          (System.nanoTime() - started) / 1_000_000);
      shoot(page, SHOTS, "03-approved");
    }

    // each approval recorded on its task, with the clerk as signer, and audited on its application
    assertThat(jdbc.sql("""
            select count(*) from inbox_task where element_id = 'Task_ApproveApplication' and subject_id in (:ids)
              and status in ('COMPLETED', 'COMPLETING') and completed_by = 'office.chen' and submission like '%同意%'""")
        .param("ids", ids).query(Long.class).single()).isEqualTo(CASES);
    assertThat(jdbc.sql("""
            select count(distinct subject_id) from audit_event where subject_type = 'APPLICATION' and subject_id in (:ids)
              and action = 'TASK_SUBMITTED' and actor = 'office.chen'""")
        .param("ids", ids).query(Long.class).single()).isEqualTo(CASES);
  }

  /** Completes the step of each application through the API, as the principals would one by one. */
  private static void completeAll(ApiClient user, String step, List<Long> ids, Map<String, String> decision) {
    List<Long> left = new ArrayList<>(ids);
    await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> {
      JsonNode tasks = user.get("/api/tasks?step=" + step + "&size=500").body();
      StreamSupport.stream(tasks.spliterator(), false)
          .filter(t -> left.contains(t.path("variables").path("applicationId").asLong()))
          .forEach(t -> {
            ApiClient.Response done = user.post("/api/tasks/" + t.path("id").asLong() + "/complete", decision);
            assertThat(done.status()).as("complete %s", t).isEqualTo(200);
            left.remove(Long.valueOf(t.path("variables").path("applicationId").asLong()));
          });
      return left.isEmpty();
    });
  }
}
