package cn.jiaoliu.app.it;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import cn.jiaoliu.testsupport.Infrastructure;
import cn.jiaoliu.testsupport.KeycloakAdmin;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The approval operations as people do them in the browser: the teacher urges the principal, the
 * principal names a deputy and hands the step over, the deputy signs in the principal's name and
 * takes the decision back, the office copies the case to a reader, who finds it under "抄送我的".
 * Screenshots at 1280 and 390 px under target/screenshots/operations.
 */
class ApprovalOperationsBrowserIT extends BrowserTest {

  static final Path SHOTS = shots("operations");
  static final String TEACHER = "it.bops.teacher";
  static final String DEPUTY = "it.bops.deputy";
  static final String READER = "it.bops.reader";

  static Path writeFile(String name, byte[] content) {
    try {
      Path dir = Files.createTempDirectory("upload");
      return Files.write(dir.resolve(name), content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @BeforeAll
  static void users() {
    KeycloakAdmin.ensureUser(TEACHER, "teacher", "LC-U01", "LC");
    KeycloakAdmin.ensureUser(DEPUTY, "principal", "LC-U01", "LC");
    KeycloakAdmin.ensureUser(READER, "teacher", "LC-R01", "LC");
  }

  @Test
  void urgeHandOverSignAsDeputyTakeBackAndCopy() {
    Infrastructure infra = Infrastructure.get();
    // the deputy and the reader have signed in once, so that the app knows them
    for (String user : new String[] {DEPUTY, READER}) {
      try (BrowserContext context = context()) {
        loginAs(context, user, "/tasks");
      }
    }
    ApiClient teacherApi = new ApiClient(infra.appBaseUrl(), infra.tokenFor(TEACHER, "demo"));
    ApiClient.Response created = teacherApi.post("/api/applications", RotationApplicationIT.application("地理"));
    org.assertj.core.api.Assertions.assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
    String id = created.body().path("id").asText();

    try (BrowserContext context = context()) {
      Page page = loginAs(context, TEACHER, "/applications/" + id);
      page.locator("button.urge").waitFor();
      page.click("button.urge");
      assertThat(page.locator(".notice")).containsText("已催办");
      assertThat(page.locator("button.urge")).hasCount(0);
      assertThat(page.locator(".progress .urged")).hasText("今日已催办");
      shoot(page, SHOTS, "1-teacher-urged");
    }

    try (BrowserContext context = context()) {
      Page page = loginAs(context, "principal.wang", "/delegations");
      page.selectOption("#deputy", DEPUTY);
      page.click("#delegation-form button[type=submit]");
      assertThat(page.locator(".notice")).containsText("已委托");
      assertThat(page.locator(".delegations")).containsText("生效中");
      shoot(page, SHOTS, "2-principal-names-deputy");

      openTask(page, "#" + id + "（");
      assertThat(page.locator("#task-progress")).isVisible();
      page.click("#more-operations summary");
      page.selectOption("#transfer-to", DEPUTY);
      page.fill("#transfer-reason", "本周外出培训，请代为办理");
      shoot(page, SHOTS, "3-principal-hands-over");
      page.click("#transfer-form button[type=submit]");
      assertThat(page.locator(".notice")).containsText("已转办");
    }

    try (BrowserContext context = context()) {
      Page page = loginAs(context, DEPUTY, "/tasks");
      openTask(page, "#" + id + "（");
      assertThat(page.locator("#onBehalfOf")).isVisible();
      page.selectOption("#onBehalfOf", "principal.wang");
      page.check("input[name=decision][value=APPROVE]");
      // 常用语: one click puts the phrase into the opinion
      page.click(".phrases button[data-phrase='同意。']");
      assertThat(page.locator("#comment")).hasValue("同意。");
      assertThat(page.locator("#next-steps")).containsText("接收");
      shoot(page, SHOTS, "4-deputy-signs-for-principal");
      page.click(".task-form button[type=submit]");
      assertThat(page.locator(".notice")).containsText("已提交");

      page.navigate(infra.appBaseUrl() + "/applications/" + id);
      assertThat(page.locator("#progress")).containsText("王芳（");
      assertThat(page.locator("#progress")).containsText("代签）");
      page.onceDialog(dialog -> dialog.accept());
      page.locator("button.recall").waitFor();
      shoot(page, SHOTS, "5-deputy-before-taking-back");
      page.click("button.recall");
      assertThat(page.locator(".notice")).containsText("已撤回");
      // the step is the dispatching school's again: its new task arrives from the engine
      for (int attempt = 0; attempt < 30 && (page.locator(".progress .now").count() == 0
          || !page.locator(".progress .now").first().textContent().contains("派出学校")); attempt++) {
        page.waitForTimeout(1000);
        page.reload();
      }
      assertThat(page.locator(".progress .now").first()).containsText("派出学校");
      shoot(page, SHOTS, "6-deputy-took-it-back");
      page.navigate(infra.appBaseUrl() + "/tasks");
      openTask(page, "#" + id + "（");
      assertThat(page.locator("#task-claimed-by")).not().containsText("未认领");
      page.selectOption("#onBehalfOf", "principal.wang");
      page.check("input[name=decision][value=APPROVE]");
      page.fill("#comment", "同意派出，已核实。");
      page.click(".task-form button[type=submit]");
      assertThat(page.locator(".notice")).containsText("已提交");
    }

    try (BrowserContext context = context()) {
      Page page = loginAs(context, "office.chen", "/applications/" + id);
      page.click("#case-copy summary");
      page.selectOption("#copy-people", READER);
      page.fill("#copy-note", "请接收学校教师知悉");
      shoot(page, SHOTS, "7-office-copies");
      page.click("#copy-form button[type=submit]");
      assertThat(page.locator(".notice")).containsText("已抄送");
      assertThat(page.locator("#copied-to")).containsText("未读");

      // 证明材料 and a comment, apart from the decisions
      page.setInputFiles("#attachment-file", writeFile("获奖证书.pdf",
          "%PDF-1.4\n%%EOF\n".getBytes(StandardCharsets.UTF_8)));
      page.click("#attachment-form button[type=submit]");
      assertThat(page.locator(".notice")).containsText("已上传附件");
      assertThat(page.locator("#attachments")).containsText(".pdf");
      page.setInputFiles("#attachment-file", writeFile("setup.exe", new byte[] {'M', 'Z', 0, 0}));
      page.click("#attachment-form button[type=submit]");
      assertThat(page.locator("#op-error")).containsText("只能上传 PDF、图片或 Office 文档");
      page.fill("#comment-body", "名额已核对，待接收学校确认。");
      page.click("#comment-form button[type=submit]");
      assertThat(page.locator("#comments")).containsText("名额已核对");
      assertThat(page.locator("#diagram svg")).hasCount(1);
      shoot(page, SHOTS, "7b-office-files-and-diagram");
    }

    try (BrowserContext context = context()) {
      Page page = loginAs(context, READER, "/copies");
      assertThat(page.locator("#tab-copies .count")).hasText("1");
      assertThat(page.locator(".copies li.unread")).containsText("#" + id);
      shoot(page, SHOTS, "8-reader-copies");
      page.click(".copies li.unread a");
      page.waitForURL(Pattern.compile(".*/applications/" + id + "$"));
      assertThat(page.locator("#progress")).containsText("王芳（");
      assertThat(page.locator("#withdraw")).hasCount(0);
      assertThat(page.locator("button.urge")).hasCount(0);
      shoot(page, SHOTS, "9-reader-reads-the-case");
      // the same in English
      page.navigate(infra.appBaseUrl() + "/copies?lang=en");
      assertThat(page.locator("#tab-copies")).containsText("Copied to me");
      page.navigate(infra.appBaseUrl() + "/applications/" + id);
      assertThat(page.locator("#case-files")).containsText("Supporting files");
      assertThat(page.locator("#diagram summary")).hasText("Process diagram");
      shoot(page, SHOTS, "10-reader-in-english");
      page.navigate(infra.appBaseUrl() + "/copies?lang=zh-CN");
    }
  }
}
