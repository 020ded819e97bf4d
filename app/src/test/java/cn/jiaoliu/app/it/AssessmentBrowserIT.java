package cn.jiaoliu.app.it;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import cn.jiaoliu.testsupport.Infrastructure;
import cn.jiaoliu.testsupport.KeycloakAdmin;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One annual assessment walked through the pages: the office opens the round, the teacher writes,
 * both principals act, the office approves, the teacher downloads the archived record, which is
 * rendered to an image. Screenshots under target/screenshots/assessment.
 */
class AssessmentBrowserIT extends BrowserTest {

  static final Path SHOTS = shots("assessment");
  static final String TEACHER = "it.browser.assessed";

  @Autowired JdbcClient jdbc;

  @BeforeAll
  static void teacher() {
    KeycloakAdmin.ensureUser(TEACHER, "teacher", "LC-U01", "LC");
  }

  private void assignment() {
    String token = "assessment-browser-" + System.nanoTime();
    jdbc.sql("""
        insert into rotation_application (teacher_username, teacher_name, home_school_code, target_school_code,
          district_code, batch_id, direction, post, subject, period_start, period_end, years_of_service, reasons,
          status, request_token, created_at, updated_at, version)
        values (:t, '钱老师', 'LC-U01', 'LC-R01', 'LC', 1, 'URBAN_TO_RURAL', 'TEACHER', '美术',
          date '2025-09-01', date '2026-07-31', 9, '支教', 'APPROVED', :token, current_timestamp, current_timestamp, 0)""")
        .param("t", TEACHER).param("token", token).update();
    jdbc.sql("""
        insert into assignment (application_id, teacher_username, teacher_name, dispatching_school_code,
          receiving_school_code, batch_id, direction, post, starts_on, ends_on, monthly_subsidy, created_at)
        select id, :t, '钱老师', 'LC-U01', 'LC-R01', 1, 'URBAN_TO_RURAL', 'TEACHER', date '2025-09-01',
          date '2026-07-31', 400, current_timestamp from rotation_application where request_token = :token""")
        .param("t", TEACHER).param("token", token).update();
  }

  static void shoot(Page page, String name) {
    shoot(page, SHOTS, name);
  }

  @Test
  void oneAssessmentFromTheRoundToTheArchivedRecord() throws Exception {
    String assessmentPage;
    assignment();
    String subject = "2025-2026 学年度考核（钱老师）";
    try (BrowserContext context = context()) {
      Page page = loginAs(context, "office.chen", "/");
      page.click("#go-rounds");
      // a default opening date: first a bad one (kept in the form with a translated error), then a good one
      page.selectOption("#scheduleYear", "2029-2030");
      page.fill("#opensAt", "2032-06-20T08:00");
      page.click("#schedule-form button");
      assertThat(page.locator("#opensAt-error")).containsText("9 月 1 日");
      assertThat(page.locator("#scheduleYear")).hasValue("2029-2030");
      page.fill("#opensAt", "2030-07-20T08:00");
      page.click("#schedule-form button");
      assertThat(page.locator(".notice")).containsText("默认开启日期已保存");
      assertThat(page.locator("#schedules")).containsText("2030-07-20 08:00");
      assertThat(page.locator("#schedules")).containsText("待开启");
      shoot(page, "01-office-schedules-round");
      page.selectOption("#schoolYear", "2025-2026");
      page.click("#open-round button");
      assertThat(page.locator("#round-added")).containsText("开启考核");
      assertThat(page.locator("#round-assessments")).containsText("钱老师");
      shoot(page, "01b-office-opened-round");
    }
    try (BrowserContext context = context()) {
      Page page = loginAs(context, TEACHER, "/tasks");
      openTask(page, subject);
      page.fill("#selfEvaluation", "本学年在牛泉镇中心小学任教美术，开设剪纸兴趣小组，指导学生作品参加区展览。");
      page.fill("#demonstrationClasses", "4");
      page.fill("#researchActivities", "6");
      page.fill("#pupilsTaught", "120");
      shoot(page, "02-teacher-self-evaluation");
      page.click(".task-form button[type=submit]");
      assertThat(page.locator(".notice")).containsText("已提交");
    }
    try (BrowserContext context = context()) {
      Page page = loginAs(context, "principal.liu", "/tasks");
      openTask(page, subject);
      assertThat(page.locator(".assessment-panel")).containsText("剪纸兴趣小组");
      page.check("input[name=grade][value=QUALIFIED]");
      page.fill("#comment", "教学认真，剪纸课深受学生喜爱。");
      shoot(page, "03-receiving-school-assesses");
      page.click(".task-form button[type=submit]");
      assertThat(page.locator(".notice")).containsText("已提交");
    }
    try (BrowserContext context = context()) {
      Page page = loginAs(context, "principal.wang", "/tasks");
      openTask(page, subject);
      page.fill("#comment", "同意接收学校的考核意见。");
      page.click(".task-form button[type=submit]");
      assertThat(page.locator(".notice")).containsText("已提交");
    }
    try (BrowserContext context = context()) {
      Page page = loginAs(context, "office.chen", "/tasks");
      openTask(page, subject);
      page.check("input[name=decision][value=APPROVE]");
      page.fill("#comment", "审核通过，予以归档。");
      shoot(page, "04-office-approves");
      page.click(".task-form button[type=submit]");
      assertThat(page.locator(".notice")).containsText("已提交");
    }
    try (BrowserContext context = context()) {
      Page page = loginAs(context, TEACHER, "/");
      for (int attempt = 0; attempt < 40 && !page.locator("#teacher-home").textContent().contains("已归档"); attempt++) {
        page.waitForTimeout(1000);
        page.reload();
      }
      assertThat(page.locator("#rural-service")).containsText("1 年");
      shoot(page, "05-teacher-home-rural-service");
      page.locator("#teacher-home a", new Page.LocatorOptions().setHasText("2025-2026")).click();
      assertThat(page.locator("#archive")).containsText("第 1 版");
      shoot(page, "06-teacher-archived");
      String href = page.locator("#archive-pdf").getAttribute("href");
      byte[] pdf = context.request().get(Infrastructure.get().appBaseUrl() + href).body();
      try (var document = Loader.loadPDF(pdf)) {
        BufferedImage image = new PDFRenderer(document).renderImageWithDPI(0, 110);
        ImageIO.write(image, "png", SHOTS.resolve("07-archived-record-page1.png").toFile());
      }
      assertThat(page.locator("#corrections")).hasCount(0);
      assessmentPage = page.url();
    }
    try (BrowserContext context = context()) {
      Page page = loginAs(context, "office.chen", assessmentPage.substring(assessmentPage.indexOf("/assessments/")));
      page.click("#corrections button[type=submit]");
      assertThat(page.locator("#corrections")).containsText("请选择一项");
      page.check("#corrections input[name=grade][value=BASICALLY_QUALIFIED]");
      page.fill("#reason", "复核：示范课节数登记有误。<script>alert(1)</script>");
      page.click("#corrections button[type=submit]");
      assertThat(page.locator(".notice")).containsText("已更正");
      assertThat(page.locator("#versions")).containsText("<script>alert(1)</script>");
      assertThat(page.locator("#versions tbody tr")).hasCount(2);
      shoot(page, "08-office-corrected-versions");
      page.navigate(Infrastructure.get().appBaseUrl() + "/assessment-rounds?year=2025-2026");
      assertThat(page.locator("#round-assessments")).containsText("基本合格");
      assertThat(page.locator("#rural-list")).not().containsText("钱老师");
      Download download = page.waitForDownload(() -> page.click("#round-xlsx"));
      org.assertj.core.api.Assertions.assertThat(download.suggestedFilename())
          .matches("2025-2026年度考核-LC-2025-2026-\\d{8}\\.xlsx");
      org.assertj.core.api.Assertions.assertThat(AnnualAssessmentIT.sheetOf(Files.readAllBytes(download.path())))
          .anySatisfy(row -> org.assertj.core.api.Assertions.assertThat(row).contains("钱老师", "基本合格"));
      shoot(page, "09-office-rounds-page");
    }
  }
}
