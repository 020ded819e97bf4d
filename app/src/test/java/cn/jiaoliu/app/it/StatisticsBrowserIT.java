package cn.jiaoliu.app.it;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The statistics page in the browser: the teaching office opens it, narrows it to a school year and
 * downloads a table as XLSX; a principal sees their own school only. Every chart is drawn (ECharts'
 * svg in its container) and keeps its table. The rotations counted here
 * start in the 2024-2025 school year, which no other test uses (and which no test opens a round
 * for), so the filtered numbers are exact. Screenshots under target/screenshots/statistics.
 */
class StatisticsBrowserIT extends BrowserTest {

  static final Path SHOTS = shots("statistics");
  static final String BATCH = "2024学年城乡教师交流第一批";

  @Autowired JdbcClient jdbc;

  /**
   * 2024-2025 in the demo district LC: U01 → R01 (数学), U01 → R03 (语文), U02 → R02 (英语) 支教 and
   * R01 → U01 (数学) 跟岗; the first three archived as 优秀, 合格, 合格; some completed steps.
   */
  @BeforeEach
  void rotationsOf2024() {
    if (jdbc.sql("select count(*) from rotation_batch where name = :n").param("n", BATCH).query(Long.class).single() > 0) {
      return;
    }
    jdbc.sql("""
        insert into rotation_batch (district_code, name, opens_on, closes_on, period_starts, period_ends, status)
        values ('LC', :n, date '2024-03-01', date '2024-06-30', date '2024-09-01', date '2025-07-31', 'CLOSED')""")
        .param("n", BATCH).update();
    long batch = jdbc.sql("select id from rotation_batch where name = :n").param("n", BATCH).query(Long.class).single();
    jdbc.sql("insert into assessment_round (district_code, school_year, opened_at, opened_by) "
        + "values ('LC', '2024-2025', current_timestamp, 'office.chen')").update();
    long round = jdbc.sql("select id from assessment_round where district_code = 'LC' and school_year = '2024-2025'")
        .query(Long.class).single();
    rotation(batch, round, "it.stats.1", "孙老师", "LC-U01", "LC-R01", "URBAN_TO_RURAL", "数学", "EXCELLENT", 30);
    rotation(batch, round, "it.stats.2", "周老师", "LC-U01", "LC-R03", "URBAN_TO_RURAL", "语文", "QUALIFIED", 50);
    rotation(batch, round, "it.stats.3", "吴老师", "LC-U02", "LC-R02", "URBAN_TO_RURAL", "英语", "QUALIFIED", 90);
    rotation(batch, round, "it.stats.4", "郑老师", "LC-R01", "LC-U01", "RURAL_TO_URBAN", "数学", null, 20);
  }

  private void rotation(long batch, long round, String teacher, String name, String from, String to, String direction,
      String subject, String grade, int signHours) {
    String token = "statistics-it-" + teacher;
    jdbc.sql("""
        insert into rotation_application (teacher_username, teacher_name, home_school_code, target_school_code,
          district_code, batch_id, direction, post, subject, period_start, period_end, years_of_service, reasons,
          status, request_token, created_at, updated_at, version)
        values (:t, :name, :from, :to, 'LC', :batch, :direction, 'TEACHER', :subject, date '2024-09-01',
          date '2025-07-31', 8, '交流', 'APPROVED', :token, current_timestamp, current_timestamp, 0)""")
        .param("t", teacher).param("name", name).param("from", from).param("to", to).param("batch", batch)
        .param("direction", direction).param("subject", subject).param("token", token).update();
    long application = jdbc.sql("select id from rotation_application where request_token = :token")
        .param("token", token).query(Long.class).single();
    jdbc.sql("""
        insert into assignment (application_id, teacher_username, teacher_name, dispatching_school_code,
          receiving_school_code, batch_id, direction, post, starts_on, ends_on, monthly_subsidy, created_at)
        values (:app, :t, :name, :from, :to, :batch, :direction, 'TEACHER', date '2024-09-01', date '2025-07-31', 400,
          current_timestamp)""")
        .param("app", application).param("t", teacher).param("name", name).param("from", from).param("to", to)
        .param("batch", batch).param("direction", direction).update();
    OffsetDateTime created = OffsetDateTime.parse("2024-05-06T09:00:00+08:00");
    long key = -Math.abs(System.nanoTime());
    jdbc.sql("""
        insert into inbox_task (job_key, process_instance_key, element_instance_key, bpmn_process_id, element_id,
          variables, status, created_at, checked_at, closed_at, version, subject_type, subject_id)
        values (:key, :key, :key, 'rotation-application', 'Task_SignOpinion', '{}', 'COMPLETED', :created, :created,
          :closed, 0, 'APPLICATION', :app)""")
        .param("key", key).param("created", created).param("closed", created.plusHours(signHours))
        .param("app", application).update();
    if (grade != null) {
      jdbc.sql("""
          insert into annual_assessment (round_id, assignment_id, teacher_username, teacher_name,
            dispatching_school_code, receiving_school_code, district_code, school_year, status, grade, created_at,
            updated_at, version)
          select :round, id, teacher_username, teacher_name, dispatching_school_code, receiving_school_code, 'LC',
            '2024-2025', 'ARCHIVED', :grade, current_timestamp, current_timestamp, 0 from assignment
          where application_id = :app""")
          .param("round", round).param("grade", grade).param("app", application).update();
    }
  }

  /**
   * Every report with rows has its chart drawn by ECharts (an svg or canvas inside its container,
   * which says what it shows in its aria-label) and keeps its table, folded under 查看数据表.
   */
  private static void chartsDrawn(Page page) {
    var sections = page.locator("section.report");
    int drawn = 0;
    for (int i = 0; i < sections.count(); i++) {
      var section = sections.nth(i);
      if (section.locator("table").count() == 0) {
        continue;
      }
      var chart = section.locator(".echart");
      assertThat(chart).isVisible();
      assertThat(chart).hasAttribute("role", "img");
      assertThat(chart).hasAttribute("data-rendered", "true");
      assertThat(chart.locator("svg, canvas").first()).isVisible();
      assertThat(section.locator("details.data-table summary")).hasText("查看数据表");
      assertThat(section.locator("details.data-table table tbody tr").first()).isAttached();
      drawn++;
    }
    org.assertj.core.api.Assertions.assertThat(drawn).isGreaterThan(3);
    assertThat(page.locator("#chart-teacher-flows svg, #chart-teacher-flows canvas").first()).isVisible();
    assertThat(page.locator("#chart-person-times-trend svg, #chart-person-times-trend canvas").first()).isVisible();
    // the table opens from its summary
    page.click("#data-teacher-flows summary");
    assertThat(page.locator("#table-teacher-flows")).isVisible();
    page.click("#data-teacher-flows summary");
  }

  /** Screenshots at 1280 and 390 px, each once every chart has been drawn again for the width. */
  private static void shootCharts(Page page, String name) {
    for (int width : new int[] {1280, 390}) {
      page.setViewportSize(width, width == 390 ? 844 : 900);
      page.waitForFunction("() => [...document.querySelectorAll('.echart[data-chart]')].every(c => c.hidden"
          + " || (c.dataset.rendered === 'true' && Number(c.dataset.width) === c.clientWidth))");
      page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve(name + (width == 390 ? "-390" : "") + ".png"))
          .setFullPage(true));
      page.locator("#report-teacher-flows").screenshot(new Locator.ScreenshotOptions()
          .setPath(SHOTS.resolve(name + "-flows" + (width == 390 ? "-390" : "") + ".png")));
    }
    page.setViewportSize(1280, 900);
  }

  @Test
  void theOfficeFiltersAndDownloadsThePrincipalSeesTheirSchool() throws Exception {
    try (BrowserContext context = context()) {
      Page page = loginAs(context, "office.chen", "/");
      page.click("#nav-statistics");
      assertThat(page.locator("h1")).hasText("统计分析");
      assertThat(page.locator("#scope")).containsText("莱城区（全区）");
      assertThat(page.locator("#table-person-times-by-school")).containsText("莱城区凤城中学");
      chartsDrawn(page);
      shootCharts(page, "01-office-district");

      page.selectOption("#filter-year", "2024-2025");
      page.click("#statistics-filters button[type=submit]");
      page.waitForURL(url -> url.contains("year=2024-2025"));
      assertThat(page.locator("#scope")).containsText("2024-2025");
      assertThat(page.locator("#tile-person-times .tile-value")).hasText("4");
      assertThat(page.locator("#table-person-times-by-year tbody tr")).hasCount(1);
      assertThat(page.locator("#table-person-times-by-year tbody tr")).containsText("2024-2025");
      // R01, R02, R03 of the district's rural schools (four in the demo data; other tests may add some)
      long rural = jdbc.sql("select count(*) from school where district_code = 'LC' and area_type <> 'URBAN'")
          .query(Long.class).single();
      assertThat(page.locator("#tile-rural")).containsText("3 / " + rural + " 所（"
          + java.math.BigDecimal.valueOf(300).divide(java.math.BigDecimal.valueOf(rural), 1, java.math.RoundingMode.HALF_UP) + "%）");
      assertThat(page.locator("#table-grades tbody tr")).containsText("2024-2025");
      // the flows of 2024-2025: U01 → R01, U01 → R03, U02 → R02, R01 → U01, one each
      assertThat(page.locator("#table-teacher-flows tbody tr")).hasCount(4);
      assertThat(page.locator("#chart-teacher-flows")).hasAttribute("aria-label",
          java.util.regex.Pattern.compile("^桑基图「教师流向.*莱城区实验小学 → .* 1"));
      chartsDrawn(page);
      shootCharts(page, "02-office-2024-2025");

      Download download = page.waitForDownload(() -> page.click("#xlsx-person-times-by-year"));
      org.assertj.core.api.Assertions.assertThat(download.suggestedFilename())
          .matches("[^\\x00-\\x7F].*-LC-2024-2025-\\d{8}\\.xlsx");
      org.assertj.core.api.Assertions.assertThat(AnnualAssessmentIT.sheetOf(Files.readAllBytes(download.path())))
          .containsExactly(List.of("学年", "支教人次", "跟岗人次", "合计"), List.of("2024-2025", "3", "1", "4"));
      Download grades = page.waitForDownload(() -> page.click("#csv-grades"));
      org.assertj.core.api.Assertions.assertThat(grades.suggestedFilename())
          .matches("[^\\x00-\\x7F].*-LC-2024-2025-\\d{8}\\.csv");
      org.assertj.core.api.Assertions.assertThat(Files.readString(grades.path()))
          .isEqualTo("\uFEFF\"学年\",\"优秀\",\"合格\",\"基本合格\",\"不合格\",\"合计\"\r\n\"2024-2025\",1,2,0,0,3\r\n");
    }

    try (BrowserContext context = context()) {
      Page page = loginAs(context, "principal.wang", "/statistics?year=2024-2025");
      assertThat(page.locator("#scope")).containsText("莱城区实验小学");
      assertThat(page.locator("#filter-school")).hasCount(0);
      // U01 sent two and received one; U02's rotation is not hers
      assertThat(page.locator("#tile-person-times .tile-value")).hasText("3");
      assertThat(page.locator("#table-person-times-by-school tbody tr")).hasCount(1);
      assertThat(page.locator("#table-person-times-by-school")).containsText("莱城区实验小学");
      assertThat(page.locator("main")).not().containsText("莱城区凤城中学");
      assertThat(page.locator("#table-grades tbody tr")).containsText("2024-2025");
      // U01's flows only: to R01 and R03, from R01
      assertThat(page.locator("#table-teacher-flows tbody tr")).hasCount(3);
      chartsDrawn(page);
      shootCharts(page, "03-principal-own-school");

      page.navigate(page.url().replace("/statistics?year=2024-2025", "/statistics?school=LC-U02"));
      assertThat(page.locator("main")).containsText("未找到该内容");
      assertThat(page.locator("main")).not().containsText("莱城区凤城中学");
    }
  }
}
