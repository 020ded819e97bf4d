package cn.jiaoliu.app.it;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import cn.jiaoliu.testsupport.Infrastructure;
import cn.jiaoliu.testsupport.KeycloakAdmin;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One application walked through the real pages in Chromium: the teacher's form, the dispatching
 * principal's opinion, the receiving principal's acceptance, the teaching office's (bulk) approval,
 * and the teacher's view of the result. Screenshots of each page, wide and at 390 px, under
 * target/screenshots/application.
 */
class ApplicationBrowserIT extends BrowserTest {

  static final Path SHOTS = shots("application");
  static final String TEACHER = "it.browser.teacher";

  @BeforeAll
  static void teacher() {
    KeycloakAdmin.ensureUser(TEACHER, "teacher", "LC-U01", "LC");
  }

  static void shoot(Page page, String name) {
    shoot(page, SHOTS, name);
  }

  static void openTaskOf(Page page, String applicationId) {
    openTask(page, "#" + applicationId + "（");
  }

  @Test
  void oneApplicationFromTheTeachersFormThroughAllApprovals() {
    String id;
    try (BrowserContext context = context()) {
      Page page = loginAs(context, TEACHER, "/applications/new");
      page.selectOption("#batchId", new com.microsoft.playwright.options.SelectOption().setIndex(1));
      page.selectOption("#direction", "URBAN_TO_RURAL");
      page.selectOption("#targetSchoolCode", "LC-R03");
      page.fill("#subject", "音乐");
      page.fill("#periodStart", "2027-09-01");
      page.fill("#periodEnd", "2028-07-31");
      assertThat(page.locator("#eligibility")).containsText("本批次要求教龄不少于");
      page.fill("#yearsOfService", "12");
      page.locator("#yearsOfService").dispatchEvent("change");
      // the hints follow the form (htmx): the years entered are checked against the batch's minimum
      assertThat(page.locator("#eligibility")).containsText("教龄 12 年，达到本批次要求");
      assertThat(page.locator("#eligibility")).containsText("本校该方向名额剩余");
      page.fill("#reasons", "到大王庄镇下水河小学支教，开设合唱和器乐课。");
      shoot(page, "01-teacher-form");
      page.click("#submit-application");
      page.waitForURL(Pattern.compile(".*/applications/\\d+$"));
      id = page.url().replaceAll(".*/applications/", "");
      assertThat(page.locator(".notice")).containsText("申请已提交");
      shoot(page, "02-teacher-submitted");
    }

    try (BrowserContext context = context()) {
      Page page = loginAs(context, "principal.wang", "/tasks");
      openTaskOf(page, id);
      assertThat(page.locator(".application-panel")).containsText("音乐");
      shoot(page, "03-dispatching-principal-task");
      // returning without saying what to revise: the error names 退回, sits at the comment, which has the focus
      page.check("input[name=decision][value=RETURN]");
      page.click(".task-form button[type=submit]");
      assertThat(page.locator("#comment-error")).hasText("退回修改时请写明需要修改的内容。");
      assertThat(page.locator("#comment")).hasAttribute("aria-invalid", "true");
      assertThat(page.locator("#comment")).hasAttribute("aria-describedby", Pattern.compile(".*comment-error.*"));
      assertThat(page.locator("#comment")).isFocused();
      shoot(page, "03b-dispatching-principal-error");
      page.check("input[name=decision][value=APPROVE]");
      page.fill("#comment", "同意派出，该教师业务能力强。");
      page.click(".task-form button[type=submit]");
      assertThat(page.locator(".notice")).containsText("已提交");
    }

    try (BrowserContext context = context()) {
      Page page = loginAs(context, "principal.liu", "/tasks");
      // the receiving school of this application is LC-R03, not principal.liu's LC-R01: liu must not see it
      page.navigate(Infrastructure.get().appBaseUrl() + "/applications/" + id);
      assertThat(page.locator("#problem")).containsText("未找到");
    }

    KeycloakAdmin.ensureUser("it.principal.r03", "principal", "LC-R03", "LC");
    try (BrowserContext context = context()) {
      Page page = loginAs(context, "it.principal.r03", "/tasks");
      openTaskOf(page, id);
      assertThat(page.locator(".application-panel")).containsText("同意派出");
      shoot(page, "04-receiving-principal-task");
      page.check("input[name=decision][value=ACCEPT]");
      page.click(".task-form button[type=submit]");
      assertThat(page.locator(".notice")).containsText("已提交");
    }

    try (BrowserContext context = context()) {
      Page page = loginAs(context, "office.chen", "/");
      // the director's picture first: the district at a glance
      assertThat(page.locator("#director")).isVisible();
      assertThat(page.locator("#glance-status")).containsText("待");
      shoot(page, "05a-teaching-office-home");
      page.click("#nav-ledger");
      assertThat(page.locator("#ledger")).containsText("测试");
      shoot(page, "05b-teaching-office-ledger");
      Page inbox = page;
      inboxRow(inbox, "#" + id + "（").locator("input[name=taskId]").check();
      shoot(inbox, "05-teaching-office-inbox");
      inbox.click("#bulk-approve");
      assertThat(inbox.locator("#bulk-confirm-list li")).hasCount(1);
      inbox.click("#bulk-confirm-ok");
      assertThat(inbox.locator("#bulk-result")).containsText("已办理 1 项");
      shoot(inbox, "06-teaching-office-bulk-approved");
    }

    try (BrowserContext context = context()) {
      Page page = loginAs(context, TEACHER, "/applications/" + id);
      for (int attempt = 0; attempt < 40 && !page.locator("#application-status").textContent().contains("已批准"); attempt++) {
        page.waitForTimeout(1000);
        page.reload();
      }
      assertThat(page.locator("#application-status")).hasText("已批准");
      assertThat(page.locator(".application-panel")).containsText("每月 600 元");
      assertThat(page.locator("#audit")).containsText("生成交流记录");
      shoot(page, "07-teacher-approved");
      page.navigate(Infrastructure.get().appBaseUrl() + "/notifications");
      assertThat(page.locator(".notifications")).containsText("已获批准");
      shoot(page, "08-teacher-notifications");
    }
  }
}
