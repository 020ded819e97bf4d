package cn.jiaoliu.app.it;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import cn.jiaoliu.testsupport.Infrastructure;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/**
 * A process drawn in Camunda Modeler, taken through Jiaoliu in the browser: the administrator's
 * upload refused for a step without scope (the reason in Chinese), then deployed (Camunda user tasks
 * as job-worker ones) with its diagram; the teacher starts it from 发起申请 with its Camunda start form
 * (a refused submission shows each field's error), the principal finds the step named as modelled
 * and completes its form; the case ends. Screenshots at 1280 and 390 px under target/screenshots/modelled.
 */
class ModelledProcessBrowserIT extends BrowserTest {

  static final Path SHOTS = shots("modelled");

  @Test
  void uploadStartAndCompleteAProcessDrawnInCamundaModeler() throws IOException {
    Path bpmn = copy("home-visit.bpmn");
    Path plan = copy("home-visit-plan.form");
    Path review = copy("home-visit-review.form");
    String unscoped = Files.readString(bpmn).replace("=[&#34;principal:&#34; + starterSchoolCode]", "reviewers");
    Path bad = Files.writeString(bpmn.resolveSibling("unscoped").resolve("home-visit.bpmn"), unscoped);

    try (BrowserContext context = context()) {
      Page page = loginAs(context, "admin", "/admin/models");
      page.setInputFiles("#model-files", new Path[] {bad, plan, review});
      page.check("input[name=starter][value=teacher]");
      page.click("#model-upload button[type=submit]");
      assertThat(page.locator("#model-problems")).containsText("候选组“reviewers”没有范围");
      assertThat(page.locator("#model-problems")).containsText("校长审阅家访计划（Task_ReviewVisit）");
      shoot(page, SHOTS, "0-upload-refused");

      page.setInputFiles("#model-files", new Path[] {bpmn, plan, review});
      page.check("input[name=starter][value=teacher]");
      page.click("#model-upload button[type=submit]");
      assertThat(page.locator(".notice")).containsText("已部署");
      assertThat(page.locator("h1")).hasText("家访登记");
      assertThat(page.locator("#versions-table")).containsText("Camunda 用户任务已按作业型用户任务部署");
      assertThat(page.locator("#model-diagram svg")).isVisible();
      shoot(page, SHOTS, "1-deployed");
    }

    String date = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(3).toString();
    String caseUrl;
    try (BrowserContext context = context()) {
      Page page = loginAs(context, "teacher.zhang", "/processes");
      page.click("#start-home-visit a.button");
      assertThat(page.locator(".form-text")).containsText("请 张伟 填写");
      page.click("#start-form button[type=submit]");
      assertThat(page.locator("#f-pupil-error")).hasText("请填写此项。");
      assertThat(page.locator("#f-reason-error")).hasText("请填写此项。");
      shoot(page, SHOTS, "2-start-form-refused");
      page.fill("#f-pupil", "小明");
      page.fill("#f-visitDate", date);
      page.selectOption("#f-reason", "left-behind");
      page.check("#f-topics-0");
      page.check("#f-topics-1");
      page.fill("#f-companions-0-name", "李老师");
      page.click("#f-companions button[data-add-item]");
      page.fill("#f-companions-1-name", "王老师");
      shoot(page, SHOTS, "3-start-form-filled");
      page.click("#start-form button[type=submit]");
      assertThat(page.locator("#case-start")).containsText("留守儿童关爱");
      assertThat(page.locator("#case-start")).containsText("学习习惯、心理健康");
      assertThat(page.locator("#case-start")).containsText("王老师");
      caseUrl = page.url();
      shoot(page, SHOTS, "4-case-started");
    }

    try (BrowserContext context = context()) {
      Page page = loginAs(context, "principal.wang", "/tasks");
      openTask(page, "家访登记（张伟）");
      assertThat(page.locator("h1")).hasText("校长审阅家访计划");
      assertThat(page.locator(".form-text")).containsText("学生：小明");
      assertThat(page.locator("#watch-only")).hasCount(0);
      page.check("#f-reviewed-0");
      page.fill("#f-reviewNote", "注意安全，带好家访记录表。");
      shoot(page, SHOTS, "5-principal-form");
      page.click("form.task-form button[type=submit]");
      assertThat(page.locator(".notice")).isVisible();
    }

    try (BrowserContext context = context()) {
      Page page = loginAs(context, "teacher.zhang", caseUrl.substring(Infrastructure.get().appBaseUrl().length()));
      for (int i = 0; i < 30 && page.locator("#case-status").textContent().contains("办理中"); i++) {
        page.waitForTimeout(2000);
        page.reload();
      }
      assertThat(page.locator("#case-status")).hasText("已结束");
      assertThat(page.locator("#case-steps-done")).containsText("注意安全，带好家访记录表。");
      shoot(page, SHOTS, "6-case-ended");
    }
  }

  private static Path copy(String name) throws IOException {
    Path dir = Files.createTempDirectory("models");
    Files.createDirectories(dir.resolve("unscoped"));
    try (InputStream in = ModelledProcessBrowserIT.class.getResourceAsStream("/models/" + name)) {
      if (in == null) {
        throw new UncheckedIOException(new IOException("missing test model " + name));
      }
      Path target = dir.resolve(name);
      Files.write(target, in.readAllBytes());
      return target;
    }
  }
}
