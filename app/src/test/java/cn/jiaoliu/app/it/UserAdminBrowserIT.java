package cn.jiaoliu.app.it;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import cn.jiaoliu.testsupport.Infrastructure;
import cn.jiaoliu.testsupport.KeycloakAdmin;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The user administration pages and the approval form in the browser: the office finds users,
 * links a newcomer (first with a missing school, then properly), the administrator sees everyone,
 * a teacher prints the approval form of an application. Screenshots under target/screenshots/users.
 */
class UserAdminBrowserIT extends BrowserTest {

  static final Path SHOTS = shots("users");
  static final String NEWCOMER = "it.browser.newcomer";

  @Autowired JdbcClient jdbc;

  @BeforeAll
  static void newcomer() {
    KeycloakAdmin.ensureUser(NEWCOMER, null, null, null);
  }

  @Test
  void theOfficeFindsAndLinksANewcomer() throws Exception {
    try (BrowserContext context = context()) {
      Page page = loginAs(context, "office.chen", "/admin/users");
      assertThat(page.locator("h1")).hasText("用户管理");
      assertThat(page.locator("#users")).containsText("teacher.zhang");
      assertThat(page.locator("#users")).containsText("莱城区实验小学");
      assertThat(page.locator("#users")).containsText(NEWCOMER);
      shoot(page, SHOTS, "01-office-users");

      Download download = page.waitForDownload(() -> page.click("#users-xlsx"));
      // the browser takes the Chinese name (filename*), with the bureau's day
      org.assertj.core.api.Assertions.assertThat(download.suggestedFilename())
          .matches("用户-LC-\\d{8}\\.xlsx");

      page.fill("#q", "张伟");
      page.click("#user-search button");
      assertThat(page.locator("#users tbody tr")).hasCount(1);
      assertThat(page.locator(".count")).hasText("共 1 个用户");

      page.fill("#q", NEWCOMER);
      page.click("#user-search button");
      page.click("#users a:text('" + NEWCOMER + "')");
      assertThat(page.locator("#user-facts")).containsText("未关联");
      page.selectOption("#role", "principal");
      page.click("#link-form button[type=submit]");
      assertThat(page.locator("#schoolCode-error")).hasText("教师和校长必须关联学校。");
      assertThat(page.locator("#role")).hasValue("principal");
      shoot(page, SHOTS, "02-office-link-missing-school");

      page.selectOption("#role", "teacher");
      page.selectOption("#schoolCode", "LC-U03");
      page.click("#link-form button[type=submit]");
      assertThat(page.locator(".notice")).containsText("已保存关联");
      assertThat(page.locator("#user-facts")).containsText("莱城区第二实验小学（LC-U03）");
      assertThat(page.locator("#links tbody tr")).hasCount(1);
      assertThat(page.locator("#links")).containsText("陈静");
      shoot(page, SHOTS, "03-office-linked");
    }
    try (BrowserContext context = context()) {
      Page page = loginAs(context, "security.admin", "/");
      page.click("#nav-users");
      assertThat(page.locator("#users")).containsText("office.chen");
      assertThat(page.locator("#users")).containsText("管理员");
      assertThat(page.locator("#users")).containsText("审计员");
      page.click("#users a:text('office.chen')");
      assertThat(page.locator("#districtCode")).isVisible();
      shoot(page, SHOTS, "04-security-admin-user");
    }
    try (BrowserContext context = context()) {
      // the system administrator no longer administers users (三员分立)
      Page page = loginAs(context, "admin", "/admin/users");
      assertThat(page.locator("body")).containsText("您无权执行此操作");
      assertThat(page.locator("#nav-users")).hasCount(0);
    }
    try (BrowserContext context = context()) {
      Page page = loginAs(context, "teacher.zhang", "/admin/users");
      assertThat(page.locator("body")).containsText("您无权执行此操作");
    }
  }

  @Test
  void aTeacherPrintsTheApprovalFormFromTheApplicationPage() throws Exception {
    long id = applicationWithThreeOpinions();
    try (BrowserContext context = context()) {
      Page page = loginAs(context, "teacher.zhang", "/applications/" + id);
      assertThat(page.locator("#approval-form-pdf")).hasText("打印审批表（PDF）");
      shoot(page, SHOTS, "05-application-page");
      String href = page.locator("#approval-form-pdf").getAttribute("href");
      var response = context.request().get(Infrastructure.get().appBaseUrl() + href);
      org.assertj.core.api.Assertions.assertThat(response.status()).isEqualTo(200);
      org.assertj.core.api.Assertions.assertThat(response.headers().get("content-type")).isEqualTo("application/pdf");
      try (var document = Loader.loadPDF(response.body())) {
        org.assertj.core.api.Assertions.assertThat(new PDFTextStripper().getText(document).replaceAll("[\\s\u3000]+", ""))
            .contains("签名：王芳", "签名：刘洋", "签名：陈静", "每月400元");
        BufferedImage image = new PDFRenderer(document).renderImageWithDPI(0, 110);
        ImageIO.write(image, "png", SHOTS.resolve("06-approval-form-page1.png").toFile());
      }
    }
    try (BrowserContext context = context()) {
      Page page = loginAs(context, "principal.zhao", "/");
      var response = context.request().get(Infrastructure.get().appBaseUrl() + "/applications/" + id + "/approval-form.pdf");
      org.assertj.core.api.Assertions.assertThat(response.status()).isEqualTo(404);
    }
  }

  /** An approved application with its three opinions as the inbox keeps them (the engine's part is in UserAdministrationIT). */
  private long applicationWithThreeOpinions() {
    long instance = System.nanoTime();
    String token = "approval-form-browser-" + instance;
    jdbc.sql("""
        insert into rotation_application (teacher_username, teacher_name, home_school_code, target_school_code,
          district_code, batch_id, direction, post, subject, period_start, period_end, years_of_service, reasons,
          status, process_instance_key, request_token, created_at, updated_at, version)
        values ('teacher.zhang', '张伟', 'LC-U01', 'LC-R01', 'LC', 1, 'URBAN_TO_RURAL', 'TEACHER', '数学',
          date '2027-09-01', date '2028-07-31', 8,
          '自愿到牛泉镇中心小学支教一年，承担四年级数学教学，并与乡村教师结对开展教研活动，每学期上示范课不少于两节。',
          'APPROVED', :instance, :token, current_timestamp, current_timestamp, 0)""")
        .param("instance", instance).param("token", token).update();
    long id = jdbc.sql("select id from rotation_application where request_token = :t").param("t", token)
        .query(Long.class).single();
    jdbc.sql("""
        insert into assignment (application_id, teacher_username, teacher_name, dispatching_school_code,
          receiving_school_code, batch_id, direction, post, starts_on, ends_on, monthly_subsidy, created_at)
        values (:app, 'teacher.zhang', '张伟', 'LC-U01', 'LC-R01', 1, 'URBAN_TO_RURAL', 'TEACHER', date '2027-09-01',
          date '2028-07-31', 400, current_timestamp)""").param("app", id).update();
    opinion(instance, id, 1, "Task_SignOpinion", "principal.wang", "王芳", "principal", "LC-U01",
        "{\"decision\":\"APPROVE\",\"comment\":\"该同志数学教学经验丰富，同意派出支教。\"}");
    opinion(instance, id, 2, "Task_AcceptTeacher", "principal.liu", "刘洋", "principal", "LC-R01",
        "{\"decision\":\"ACCEPT\",\"comment\":\"欢迎张老师来校，已安排四年级数学教学任务。\"}");
    opinion(instance, id, 3, "Task_ApproveApplication", "office.chen", "陈静", "teaching-office", null,
        "{\"decision\":\"APPROVE\",\"comment\":\"同意交流，请于 2027 年 9 月 1 日到岗。\"}");
    return id;
  }

  private void opinion(long instance, long applicationId, int n, String step, String signer, String name, String role,
      String school, String submission) {
    jdbc.sql("""
        insert into inbox_task (job_key, process_instance_key, element_instance_key, bpmn_process_id, element_id,
          form_key, variables, status, created_at, checked_at, closed_at, completed_by, completed_by_name, submission,
          version, subject_type, subject_id)
        values (:job, :instance, :n, 'rotation-application', :step, 'decision', '{}', 'COMPLETED', current_timestamp,
          current_timestamp, :closed, :signer, :name, :submission, 0, 'APPLICATION', :app)""")
        .param("job", instance + n).param("instance", instance).param("n", n).param("step", step)
        .param("closed", java.time.OffsetDateTime.now().minusHours(4 - n))
        .param("signer", signer).param("name", name).param("submission", submission).param("app", applicationId).update();
    if (jdbc.sql("select count(*) from app_user where username = :u").param("u", signer).query(Long.class).single() == 0) {
      jdbc.sql("""
          insert into app_user (username, display_name, roles, school_code, district_code, last_seen_at)
          values (:u, :name, :role, :school, 'LC', current_timestamp)""")
          .param("u", signer).param("name", name).param("role", role).param("school", school).update();
    }
  }
}
