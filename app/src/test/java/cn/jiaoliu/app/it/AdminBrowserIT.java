package cn.jiaoliu.app.it;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import cn.jiaoliu.app.export.Table;
import cn.jiaoliu.app.export.TableExport;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The teaching office keeps its district in the browser: adds a school (a bad form first), pairs an
 * urban school with two rural ones, sets a quota, and imports a teacher roster — a file with errors
 * (listed by row and column in Chinese, nothing imported), then the corrected file, then the same
 * file again (nothing changes). Screenshots wide and at 390 px under target/screenshots/admin.
 */
class AdminBrowserIT extends BrowserTest {

  static final Path SHOTS = shots("admin");

  @Autowired TableExport export;
  @Autowired JdbcClient jdbc;

  private static void shoot(Page page, String name) {
    shoot(page, SHOTS, name);
  }

  private Path file(String name, List<List<Object>> rows) throws Exception {
    Path path = Files.createTempDirectory("import").resolve(name);
    Files.write(path, export.xlsx(new Table("教师", List.of("工号", "姓名", "学校代码", "学科", "职称", "教龄", "用户名"), rows)));
    return path;
  }

  @Test
  void theOfficeKeepsItsDistrictAndImportsATeacherRoster() throws Exception {
    jdbc.sql("delete from teacher where staff_number like 'LC-BT%'").update();
    jdbc.sql("delete from pairing where urban_school_code = 'LC-U03' and starts_on = date '2031-09-01'").update();
    try (BrowserContext context = context()) {
      Page page = loginAs(context, "office.chen", "/");
      page.click("#nav-admin");
      assertThat(page.locator("#card-schools")).containsText("共");
      shoot(page, "01-admin-index");

      page.click(".tabs a:has-text('学校')");
      if (page.locator("#schools").textContent().contains("LC-R09")) {
        page.navigate(page.url()); // a rerun against the same database: the school exists already
      } else {
        page.fill("#code", "LC-R09");
        page.fill("#name", "  ");
        page.selectOption("#newAreaType", "VILLAGE");
        page.fill("#remotenessTier", "0");
        page.locator("#add-school button[type=submit]").click();
        assertThat(page.locator("#name-error")).containsText("此项为必填");
        assertThat(page.locator("#remotenessTier-error")).containsText("城区学校的偏远等级应为 0");
        assertThat(page.locator("#code")).hasValue("LC-R09");
        shoot(page, "02-school-form-errors");
        page.fill("#name", "莱城区高庄村小学");
        page.fill("#remotenessTier", "3");
        page.fill("#pupils", "74");
        page.locator("#add-school button[type=submit]").click();
        assertThat(page.locator(".notice")).containsText("已保存");
      }
      assertThat(page.locator("#schools")).containsText("莱城区高庄村小学");
      shoot(page, "03-schools");

      page.click(".tabs a:has-text('结对')");
      page.selectOption("#urbanSchoolCode", "LC-U03");
      page.check("input[name=ruralSchoolCodes][value=LC-R02]");
      page.check("input[name=ruralSchoolCodes][value=LC-R09]");
      page.fill("#startsOn", "2031-09-01");
      page.check("input[name=helpKinds][value=TEACHERS]");
      page.check("input[name=helpKinds][value=STUDENT_EXCHANGE]");
      page.locator("#add-pairing button[type=submit]").click();
      assertThat(page.locator(".notice")).containsText("已保存");
      assertThat(page.locator("#pairings")).containsText("2031-09-01 – 2034-08-31");
      shoot(page, "04-pairings");

      page.click(".tabs a:has-text('批次')");
      page.locator("#batches a").first().click();
      page.selectOption("#quota-form select[name=schoolCode]", "LC-U03");
      page.selectOption("#quota-form select[name=direction]", "URBAN_TO_RURAL");
      page.fill("#quota-form input[name=quota]", "4");
      page.locator("#quota-form button").click();
      assertThat(page.locator("#quota-table")).containsText("莱城区第二实验小学");
      shoot(page, "05-batch-quotas");

      page.click(".tabs a:has-text('导入')");
      page.check("input[name=kind][value=teachers]");
      page.setInputFiles("#file", file("教师名册.xlsx", List.of(
          List.of("LC-BT001", "周晓梅", "LC-U01", "英语", "一级教师", 9, ""),
          List.of("LC-BT002", "", "LC-U77", "数学", "", 70, ""),
          List.of("LC-BT001", "吴刚", "LC-R09", "体育", "", 3, ""))));
      page.locator("#import-form button[type=submit]").click();
      assertThat(page.locator("#import-errors")).containsText("未导入任何数据");
      assertThat(page.locator("#import-errors")).containsText("学校代码“LC-U77”不存在");
      assertThat(page.locator("#import-errors")).containsText("在文件中重复出现（第 2 行已有）");
      shoot(page, "06-import-errors");
      org.assertj.core.api.Assertions.assertThat(
          jdbc.sql("select count(*) from teacher where staff_number like 'LC-BT%'").query(Long.class).single()).isZero();

      Path good = file("教师名册.xlsx", List.of(
          List.of("LC-BT001", "周晓梅", "LC-U01", "英语", "一级教师", 9, ""),
          List.of("LC-BT002", "郑志强", "LC-R01", "数学", "二级教师", 4, ""),
          List.of("LC-BT003", "吴刚", "LC-R09", "体育", "", 3, "")));
      page.check("input[name=kind][value=teachers]");
      page.setInputFiles("#file", good);
      page.locator("#import-form button[type=submit]").click();
      assertThat(page.locator("#import-done")).containsText("新增 3");
      page.check("input[name=kind][value=teachers]");
      page.setInputFiles("#file", good);
      page.locator("#import-form button[type=submit]").click();
      assertThat(page.locator("#import-done")).containsText("新增 0，更新 0，未变化 3");
      shoot(page, "07-import-done-again");

      page.click(".tabs a:has-text('教师')");
      assertThat(page.locator("#teachers")).containsText("郑志强");
      Download download = page.waitForDownload(() -> page.click("#export-teachers"));
      org.assertj.core.api.Assertions.assertThat(download.suggestedFilename()).matches("[^\\x00-\\x7F]+-LC-\\d{8}\\.xlsx");
      org.assertj.core.api.Assertions.assertThat(AnnualAssessmentIT.sheetOf(Files.readAllBytes(download.path())))
          .anySatisfy(row -> org.assertj.core.api.Assertions.assertThat(row).contains("LC-BT002", "郑志强", "牛泉镇中心小学"));
      shoot(page, "08-teachers");
    }
    try (BrowserContext context = context()) {
      Page page = loginAs(context, "principal.wang", "/");
      assertThat(page.locator("#nav-admin")).hasCount(0);
      page.navigate(cn.jiaoliu.testsupport.Infrastructure.get().appBaseUrl() + "/admin");
      assertThat(page.locator("body")).containsText("无权");
    }
  }
}
