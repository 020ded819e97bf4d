package cn.jiaoliu.app.it;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import cn.jiaoliu.testsupport.Infrastructure;
import cn.jiaoliu.testsupport.KeycloakAdmin;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.LoadState;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The pages of programme planning, the reports upward and the proof of rural service, walked in the
 * browser at 1280 and 390 px (screenshots under target/screenshots/planning), on a district of this
 * test's own ('PB', 规划浏览区), which no other test uses; the district has no rules of its own, so the
 * defaults apply: 6 years at one school (leaders too), retirement at 60, not due within 3 years of it,
 * targets 10% of the due teachers and backbone 20% of the target, both rounded up. The rules are
 * applied on the open batch's first day of rotation, 2027-09-01.
 *
 * <pre>
 * schools  PB-U01 浏览一小, PB-U02 浏览二中 (urban); PB-R01 浏览镇小 (township, tier 2: 450 yuan),
 *          PB-R02 浏览村小 (village, tier 3: 600 yuan)
 * batches  '浏览测试批' OPEN, rotation 2027-09-01..2028-07-31; '浏览往年批' CLOSED, 2026-09-01..2027-12-31
 *
 * PB-U01   joined       other                                 standing on 2027-09-01   application (open batch)
 *   A01    2015-09-01   市级骨干                               DUE                      APPROVED
 *   A02    2018-09-01                                          DUE                      APPROVED
 *   A03    2019-09-01                                          DUE                      AWAITING_OPINION
 *   A04    2020-09-01                                          DUE, 未申请              WITHDRAWN
 *   A05..A11 2021-09-01 (6 years that very day)                DUE, 未申请
 *   A12    2015-09-01   exempted in the test (重大疾病)          DUE, 未申请 → EXEMPT
 *   A13    2022-09-01                                          NOT_YET
 *   A14    2012-09-01   born 1968-06-01 (retires 2028-06-01)   NEAR_RETIREMENT
 *   A15    2023-09-01   rotated to PB-R02 2026-09-01..2027-07-31 (600), 2026-2027 合格, credited  NOT_YET
 *   → 12 due when the dashboard first sees the batch: target ⌈1.2⌉ = 2, backbone ⌈0.4⌉ = 1;
 *     applied 3 (A01, A02, A03), approved 2, backbone 1 (50%): 已完成; not applied 9
 *   after A12's exemption: 11 due (the target stays as given), not applied 8
 * PB-U02
 *   B01..B04 2019-09-01 (B01 APPROVED, not backbone)           DUE
 *   B05    2010-09-01   rotating to PB-R01 2026-11-16..2027-12-31 (450)   SERVING
 *   → 4 due: target ⌈0.4⌉ = 1, backbone ⌈0.2⌉ = 1; applied 1, approved 1, backbone 0 (0%): 未完成
 * PB-R01
 *   R01    2018-09-01                                          DUE (listed; rural schools get no target)
 *   R02    2024-09-01   跟岗 at PB-U01 2026-09-01..2027-01-31 (no subsidy)   NOT_YET
 *
 * district dashboard: due 16, target 3, applied 4, approved 3, backbone share 33%, 1 / 2 schools met
 * 交流轮岗 2026-2027: A15 (2026-09..2027-07, 城镇→农村), R02 (2026-09..2027-01, 农村→城镇),
 *   B05 (2026-11..2027-12, 城镇→农村)
 * 补助发放表 2026-11: 浏览一小 A15 600 × 30/30 = 600; 浏览二中 B05 450 × 15/30 = 225; total 825, 2 teachers,
 *   R02 (no subsidy) counted apart
 * </pre>
 */
class PlanningBrowserIT extends BrowserTest {

  static final Path SHOTS = shots("planning");
  static final String OFFICE = "office.pb";
  static final String PRINCIPAL = "principal.pb1";

  @Autowired JdbcClient jdbc;

  /** What a reader would find wrong on the pages, by screenshot: checked at the end, after every screenshot. */
  final List<String> problems = new ArrayList<>();

  @BeforeEach
  void districtOfItsOwn() {
    KeycloakAdmin.ensureUser(OFFICE, "teaching-office", null, "PB");
    KeycloakAdmin.ensureUser(PRINCIPAL, "principal", "PB-U01", "PB");
    if (jdbc.sql("select count(*) from district where code = 'PB'").query(Long.class).single() > 0) {
      return;
    }
    jdbc.sql("insert into district (code, name) values ('PB', '规划浏览区')").update();
    jdbc.sql("""
        insert into school (code, name, district_code, area_type, remoteness_tier, pupils) values
          ('PB-U01', '浏览一小', 'PB', 'URBAN', 0, 2000), ('PB-U02', '浏览二中', 'PB', 'URBAN', 0, 1500),
          ('PB-R01', '浏览镇小', 'PB', 'TOWNSHIP', 2, 300), ('PB-R02', '浏览村小', 'PB', 'VILLAGE', 3, 120)""")
        .update();
    jdbc.sql("""
        insert into rotation_batch (district_code, name, opens_on, closes_on, period_starts, period_ends, status)
        values ('PB', '浏览测试批', date '2026-11-01', date '2027-06-30', date '2027-09-01', date '2028-07-31', 'OPEN')""")
        .update();
    jdbc.sql("""
        insert into rotation_batch (district_code, name, opens_on, closes_on, period_starts, period_ends, status)
        values ('PB', '浏览往年批', date '2026-03-01', date '2026-06-30', date '2026-09-01', date '2027-12-31', 'CLOSED')""")
        .update();
    teacher("A01", "PB-U01", "2015-09-01", "CITY", null);
    teacher("A02", "PB-U01", "2018-09-01", null, null);
    teacher("A03", "PB-U01", "2019-09-01", null, null);
    teacher("A04", "PB-U01", "2020-09-01", null, null);
    for (int i = 5; i <= 11; i++) {
      teacher(String.format("A%02d", i), "PB-U01", "2021-09-01", null, null);
    }
    teacher("A12", "PB-U01", "2015-09-01", null, null);
    teacher("A13", "PB-U01", "2022-09-01", null, null);
    teacher("A14", "PB-U01", "2012-09-01", null, "1968-06-01");
    teacher("A15", "PB-U01", "2023-09-01", null, null);
    for (String b : new String[] {"B01", "B02", "B03", "B04"}) {
      teacher(b, "PB-U02", "2019-09-01", null, null);
    }
    teacher("B05", "PB-U02", "2010-09-01", null, null);
    teacher("R01", "PB-R01", "2018-09-01", null, null);
    teacher("R02", "PB-R01", "2024-09-01", null, null);

    jdbc.sql("""
        insert into pairing (urban_school_code, rural_school_code, starts_on, ends_on, help_kinds)
        values ('PB-U01', 'PB-R01', date '2025-09-01', date '2028-08-31', 'TEACHERS,TEACHING_RESEARCH')""").update();
    long open = batch("浏览测试批");
    application("A01", "PB-U01", "PB-R01", open, "APPROVED", "2027-09-01", "2028-07-31", "URBAN_TO_RURAL");
    application("A02", "PB-U01", "PB-R01", open, "APPROVED", "2027-09-01", "2028-07-31", "URBAN_TO_RURAL");
    application("A03", "PB-U01", "PB-R01", open, "AWAITING_OPINION", "2027-09-01", "2028-07-31", "URBAN_TO_RURAL");
    application("A04", "PB-U01", "PB-R01", open, "WITHDRAWN", "2027-09-01", "2028-07-31", "URBAN_TO_RURAL");
    application("B01", "PB-U02", "PB-R02", open, "APPROVED", "2027-09-01", "2028-07-31", "URBAN_TO_RURAL");

    long past = batch("浏览往年批");
    long a15 = assignment(application("A15", "PB-U01", "PB-R02", past, "APPROVED", "2026-09-01", "2027-07-31",
        "URBAN_TO_RURAL"), "A15", "PB-U01", "PB-R02", past, "URBAN_TO_RURAL", "2026-09-01", "2027-07-31", 600);
    assignment(application("B05", "PB-U02", "PB-R01", past, "APPROVED", "2026-11-16", "2027-12-31", "URBAN_TO_RURAL"),
        "B05", "PB-U02", "PB-R01", past, "URBAN_TO_RURAL", "2026-11-16", "2027-12-31", 450);
    assignment(application("R02", "PB-R01", "PB-U01", past, "APPROVED", "2026-09-01", "2027-01-31", "RURAL_TO_URBAN"),
        "R02", "PB-R01", "PB-U01", past, "RURAL_TO_URBAN", "2026-09-01", "2027-01-31", 0);

    jdbc.sql("insert into assessment_round (district_code, school_year, opened_at, opened_by) "
        + "values ('PB', '2026-2027', current_timestamp, 'office.pb')").update();
    long round = jdbc.sql("select id from assessment_round where district_code = 'PB' and school_year = '2026-2027'")
        .query(Long.class).single();
    jdbc.sql("""
        insert into annual_assessment (round_id, assignment_id, teacher_username, teacher_name, dispatching_school_code,
          receiving_school_code, district_code, school_year, status, grade, created_at, updated_at, version)
        values (:r, :a, 'pb.a15', '教师A15', 'PB-U01', 'PB-R02', 'PB', '2026-2027', 'ARCHIVED', 'QUALIFIED',
          current_timestamp, current_timestamp, 0)""").param("r", round).param("a", a15).update();
    long assessment = jdbc.sql("select id from annual_assessment where assignment_id = :a").param("a", a15)
        .query(Long.class).single();
    jdbc.sql("""
        insert into rural_service_credit (teacher_username, assessment_id, school_year, grade, credited_at)
        values ('pb.a15', :a, '2026-2027', 'QUALIFIED', current_timestamp)""").param("a", assessment).update();
  }

  private long batch(String name) {
    return jdbc.sql("select id from rotation_batch where name = :n").param("n", name).query(Long.class).single();
  }

  private void teacher(String code, String school, String joined, String backbone, String birth) {
    jdbc.sql("""
            insert into teacher (staff_number, name, school_code, username, joined_school_on, backbone_level,
              birth_date, updated_at)
            values (:s, :name, :school, :u, :joined, :backbone, :birth, current_timestamp)""")
        .param("s", "PB-" + code).param("name", "教师" + code).param("school", school)
        .param("u", "pb." + code.toLowerCase()).param("joined", LocalDate.parse(joined)).param("backbone", backbone)
        .param("birth", birth == null ? null : LocalDate.parse(birth)).update();
  }

  private long application(String code, String home, String target, long batch, String status, String from,
      String to, String direction) {
    String token = "pb-" + code + "-" + batch;
    jdbc.sql("""
            insert into rotation_application (teacher_username, teacher_name, home_school_code, target_school_code,
              district_code, batch_id, direction, post, subject, period_start, period_end, years_of_service, reasons,
              status, request_token, created_at, updated_at, version)
            values (:t, :name, :home, :target, 'PB', :batch, :direction, 'TEACHER', '数学', :from, :to, 8, '交流',
              :status, :token, current_timestamp, current_timestamp, 0)""")
        .param("t", "pb." + code.toLowerCase()).param("name", "教师" + code).param("home", home)
        .param("target", target).param("batch", batch).param("direction", direction)
        .param("from", LocalDate.parse(from)).param("to", LocalDate.parse(to)).param("status", status)
        .param("token", token).update();
    return jdbc.sql("select id from rotation_application where request_token = :token").param("token", token)
        .query(Long.class).single();
  }

  private long assignment(long application, String code, String from, String to, long batch, String direction,
      String starts, String ends, int subsidy) {
    jdbc.sql("""
            insert into assignment (application_id, teacher_username, teacher_name, dispatching_school_code,
              receiving_school_code, batch_id, direction, post, starts_on, ends_on, monthly_subsidy, created_at)
            values (:app, :t, :name, :from, :to, :batch, :direction, 'TEACHER', :starts, :ends, :subsidy,
              current_timestamp)""")
        .param("app", application).param("t", "pb." + code.toLowerCase()).param("name", "教师" + code)
        .param("from", from).param("to", to).param("batch", batch).param("direction", direction)
        .param("starts", LocalDate.parse(starts)).param("ends", LocalDate.parse(ends)).param("subsidy", subsidy)
        .update();
    return jdbc.sql("select id from assignment where application_id = :app").param("app", application)
        .query(Long.class).single();
  }

  @Test
  void theOfficePlansReportsAndCertifiesThePrincipalSeesTheirSchoolAnyoneVerifies() throws Exception {
    try (BrowserContext context = context()) {
      Page page = loginAs(context, OFFICE, "/");
      page.click("#nav-planning");
      assertThat(page.locator("h1")).hasText("交流规划");
      assertThat(page.locator("#targets-rule")).containsText("2027-09-01");
      assertThat(page.locator("#targets tbody tr")).hasCount(2);
      row(page, "PB-U01", "浏览一小", "12", "2", "1", "3", "2", "50%（骨干 1 人）", "已完成");
      row(page, "PB-U02", "浏览二中", "4", "1", "1", "1", "1", "0%（骨干 0 人）", "未完成");
      assertThat(page.locator("#targets")).not().containsText("浏览镇小");
      assertThat(page.locator("#targets-total td")).hasText(new String[] {"16", "3", "2", "4", "3", "33%", "1 / 2"});
      assertThat(page.locator("#district-totals")).containsText("16");
      assertThat(page.locator("#district-totals")).containsText("33%");
      shot(page, "01-office-dashboard");

      page.click("#target-PB-U01 a");
      assertThat(page.locator("h1")).hasText("浏览一小应交流人员");
      assertThat(page.locator("#count-DUE")).hasText("应交流 12");
      assertThat(page.locator("#count-NEAR_RETIREMENT")).hasText("临近退休 1");
      assertThat(page.locator("#count-NOT_YET")).hasText("未到年限 2");
      assertThat(page.locator("#count-not-applied")).hasText("应交流未申请 9 人");
      assertThat(page.locator("#due tbody tr")).hasCount(13);
      assertThat(page.locator("#due tbody tr.overdue")).hasCount(9);
      assertThat(page.locator("#due-PB-A01")).containsText("已批准");
      assertThat(page.locator("#due-PB-A01")).containsText("市级骨干");
      assertThat(page.locator("#due-PB-A01")).not().containsText("未申请");
      assertThat(page.locator("#due-PB-A04")).containsText("已撤回");
      assertThat(page.locator("#due-PB-A04")).containsText("未申请");
      assertThat(page.locator("#due-PB-A05")).containsText("2027-09-01");
      assertThat(page.locator("#due-PB-A14")).containsText("临近退休");
      assertThat(page.locator("#due-PB-A14")).containsText("2028-06-01");
      assertThat(page.locator("#due-PB-A13")).hasCount(0);
      shot(page, "02-office-due-list");

      page.click("#tab-exemptions");
      assertThat(page.locator("h1")).hasText("免交流");
      assertThat(page.locator("#exemptions")).hasCount(0);
      page.fill("#staffNumber", "PB-ZZZ");
      page.selectOption("#reason", "SERIOUS_ILLNESS");
      page.fill("#validFrom", "2027-01-01");
      page.fill("#validUntil", "2028-08-31");
      page.click("#grant");
      assertThat(page.locator("#staffNumber-error")).hasText("本区教师名册中没有这个工号。");
      assertThat(page.locator("#staffNumber")).hasValue("PB-ZZZ");
      shot(page, "03-exemption-refused");

      page.fill("#staffNumber", "PB-A12");
      page.selectOption("#reason", "SERIOUS_ILLNESS");
      page.fill("#validFrom", "2027-01-01");
      page.fill("#validUntil", "2028-08-31");
      page.click("#grant");
      assertThat(page.locator(".notice")).hasText("已登记免交流。");
      assertThat(page.locator("#exemptions tbody tr")).hasCount(1);
      assertThat(page.locator("#exemptions tbody tr")).containsText("PB-A12");
      assertThat(page.locator("#exemptions tbody tr")).containsText("患重大疾病");
      assertThat(page.locator("#exemptions tbody tr")).containsText("2027-01-01 – 2028-08-31");
      assertThat(page.locator("#exemptions tbody tr")).containsText(OFFICE);
      assertThat(page.locator("#exemptions tbody tr")).containsText("有效");
      shot(page, "04-exemption-recorded");

      page.click("#tab-due");
      assertThat(page.locator("h1")).hasText("规划浏览区应交流人员");
      // the school picker submits once the page's script has bound it, on DOMContentLoaded
      page.waitForLoadState(LoadState.DOMCONTENTLOADED);
      page.selectOption("#due-school", "PB-U01");
      page.waitForURL(url -> url.contains("school=PB-U01"));
      assertThat(page.locator("#due-PB-A12")).containsText("免交流");
      assertThat(page.locator("#due-PB-A12")).containsText("患重大疾病，至 2028-08-31");
      assertThat(page.locator("#count-not-applied")).hasText("应交流未申请 8 人");

      page.click("#tab-rules");
      assertThat(page.locator("h1")).hasText("规划浏览区交流规则");
      assertThat(page.locator("#yearsAtSchool")).hasValue("6");
      assertThat(page.locator("#leaderYears")).hasValue("6");
      assertThat(page.locator("#targetPercent")).hasValue("10");
      assertThat(page.locator("#backbonePercent")).hasValue("20");
      assertThat(page.locator("#rounding")).hasValue("UP");
      shot(page, "05-office-rules");

      page.click("#tab-activities");
      assertThat(page.locator("#activities tbody tr")).hasCount(1);
      assertThat(page.locator("#pairing-PB-U01-PB-R01")).containsText("浏览一小 ⇄ 浏览镇小");
      assertThat(page.locator("#pairing-PB-U01-PB-R01")).containsText("0 / 2");
      assertThat(page.locator("#pairing-PB-U01-PB-R01")).containsText("未完成");
      assertThat(page.locator("#activities-met")).hasText("0 / 1 个结对达到联合教研要求");
      shot(page, "05b-office-activities");

      page.click("#nav-reports");
      assertThat(page.locator("#tab-rotations")).hasClass(Pattern.compile("active"));
      page.navigate(Infrastructure.get().appBaseUrl() + "/reports/rotations?year=2026-2027");
      assertThat(page.locator("#report-period")).containsText("2026-09-01");
      assertThat(page.locator("#rotations tbody tr")).hasCount(3);
      assertThat(page.locator("#rotations tbody tr").nth(0)).containsText("教师A15");
      assertThat(page.locator("#rotations tbody tr").nth(0)).containsText("城镇学校到农村学校交流");
      assertThat(page.locator("#rotations tbody tr").nth(1)).containsText("农村学校到城镇学校交流");
      assertThat(page.locator("#rotations tbody tr").nth(2)).containsText("教师B05");
      assertThat(page.locator("#rotations tbody tr").nth(2)).containsText("2027-12");
      assertThat(page.locator("#work-history tbody tr")).hasCount(6);
      shot(page, "06-report-rotations");
      Download rotations = page.waitForDownload(() -> page.click("#rotations-xlsx"));
      Map<String, List<List<String>>> workbook = read(Files.readAllBytes(rotations.path()));
      assertThat(workbook.keySet()).containsExactly("交流轮岗", "工作经历");
      assertThat(workbook.get("交流轮岗")).containsExactly(
          List.of("区县", "工号", "姓名", "交流轮岗类型", "是否调动人事关系", "开始年月", "结束年月", "原单位名称", "交流轮岗单位名称"),
          List.of("规划浏览区", "PB-A15", "教师A15", "城镇学校到农村学校交流", "否", "2026-09", "2027-07", "浏览一小", "浏览村小"),
          List.of("规划浏览区", "PB-R02", "教师R02", "农村学校到城镇学校交流", "否", "2026-09", "2027-01", "浏览镇小", "浏览一小"),
          List.of("规划浏览区", "PB-B05", "教师B05", "城镇学校到农村学校交流", "否", "2026-11", "2027-12", "浏览二中", "浏览镇小"));
      assertThat(workbook.get("工作经历")).contains(
          List.of("规划浏览区", "PB-A15", "教师A15", "2023-09", "", "浏览一小", "否"),
          List.of("规划浏览区", "PB-A15", "教师A15", "2026-09", "2027-07", "浏览村小", "是"));

      page.click("#tab-subsidies");
      page.fill("#subsidy-month", "2026-11");
      page.click("#subsidies-month button[type=submit]");
      page.waitForURL(url -> url.contains("month=2026-11"));
      assertThat(page.locator("#subsidy-summary")).hasText("共 2 人，合计 825 元");
      assertThat(page.locator("#subsidy-none-paid")).containsText("1");
      assertThat(page.locator("#subsidies tbody[data-school=PB-U01]")).containsText("教师A15");
      assertThat(page.locator("#subsidies tbody[data-school=PB-U01]")).containsText("600");
      assertThat(page.locator("#subsidies tbody[data-school=PB-U02]")).containsText("2026-11-16 – 2026-11-30");
      assertThat(page.locator("#subsidies tbody[data-school=PB-U02]")).containsText("225");
      assertThat(page.locator("#subsidy-total")).containsText("825");
      shot(page, "07-report-subsidies");
      Download subsidies = page.waitForDownload(() -> page.click("#subsidies-xlsx"));
      List<List<String>> roster = read(Files.readAllBytes(subsidies.path())).values().iterator().next();
      assertThat(roster.subList(1, roster.size())).containsExactly(
          List.of("浏览一小", "PB-A15", "教师A15", "浏览村小", "600", "2026-11-01 – 2026-11-30", "30", "30", "1", "600"),
          List.of("浏览一小 小计", "", "", "", "", "", "", "", "", "600"),
          List.of("浏览二中", "PB-B05", "教师B05", "浏览镇小", "450", "2026-11-16 – 2026-11-30", "15", "30", "0.5", "225"),
          List.of("浏览二中 小计", "", "", "", "", "", "", "", "", "225"),
          List.of("合计", "", "", "", "", "", "", "", "", "825"));

      page.click("#nav-certificates");
      assertThat(page.locator("h1")).hasText("农村任教经历证明");
      page.selectOption("#teacherUsername", "pb.a15");
      page.click("#issue-form button[type=submit]");
      assertThat(page.locator(".notice")).hasText("证明已出具。");
      assertThat(page.locator("#certificates tbody tr")).hasCount(1);
      assertThat(page.locator("#certificates tbody tr")).containsText("教师A15");
      assertThat(page.locator("#certificates tbody tr")).containsText("有效");
      String code = page.locator("#certificates tbody tr code").textContent().strip();
      assertThat(code).matches("[A-Z2-7]{4}(-[A-Z2-7]{4}){4}");
      shot(page, "08-certificate-issued");

      try (BrowserContext anonymous = context()) {
        Page verify = anonymous.newPage();
        verify.navigate(Infrastructure.get().appBaseUrl() + "/verify");
        assertThat(verify.locator("h1")).hasText("证明核验");
        shot(verify, "09-verify-empty");
        verify.fill("#code", code);
        verify.click("#verify-form button[type=submit]");
        assertThat(verify.locator("#verify-result")).containsText("核验码真实");
        assertThat(verify.locator("#verify-result")).containsText("规划浏览区");
        assertThat(verify.locator("#verify-state")).hasText("证明当前有效。");
        assertThat(verify.locator("main")).not().containsText("教师A15");
        shot(verify, "10-verify-genuine");

        String wrong = code.startsWith("AAAA") ? "BBBB" + code.substring(4) : "AAAA" + code.substring(4);
        verify.fill("#code", wrong);
        verify.click("#verify-form button[type=submit]");
        assertThat(verify.locator("#verify-error")).containsText("未查到此核验码");
        assertThat(verify.locator("#verify-result")).hasCount(0);
        shot(verify, "11-verify-unknown");
      }
    }

    try (BrowserContext context = context()) {
      Page page = loginAs(context, PRINCIPAL, "/");
      page.click("#nav-planning");
      assertThat(page.locator("#targets tbody tr")).hasCount(1);
      row(page, "PB-U01", "浏览一小", "11", "2", "1", "3", "2", "50%（骨干 1 人）", "已完成");
      assertThat(page.locator("#district-totals")).hasCount(0);
      assertThat(page.locator("main")).not().containsText("浏览二中");
      shot(page, "12-principal-dashboard");

      page.click("#tab-due");
      assertThat(page.locator("h1")).hasText("浏览一小应交流人员");
      assertThat(page.locator("#due-school")).hasCount(0);
      assertThat(page.locator("#count-not-applied")).hasText("应交流未申请 8 人");
      assertThat(page.locator("#due-PB-A05")).containsText("未申请");
      assertThat(page.locator("#due")).not().containsText("浏览二中");
      shot(page, "13-principal-due-list");

      page.navigate(Infrastructure.get().appBaseUrl() + "/planning/due?school=PB-U02");
      assertThat(page.locator("main")).containsText("未找到该内容");
      assertThat(page.locator("main")).not().containsText("教师B01");
      shot(page, "14-principal-other-school");
    }

    assertThat(problems).isEmpty();
  }

  /** A school's row of the dashboard: name, then due, target, backbone target, applied, approved, share, met. */
  private static void row(Page page, String school, String name, String... cells) {
    assertThat(page.locator("#target-" + school + " td.lead")).hasText(name);
    assertThat(page.locator("#target-" + school + " td:not(.lead)")).hasText(cells);
  }

  /**
   * Screenshots at both widths, and the checks a reader would make of any page: no message key left
   * untranslated, a label for every field, nothing a 390 px phone would scroll sideways for.
   */
  private void shot(Page page, String name) {
    if (page.locator("body").innerText().contains("??")) {
      problems.add(name + ": untranslated message key");
    }
    @SuppressWarnings("unchecked")
    List<String> unlabelled = (List<String>) page.evaluate("""
        () => [...document.querySelectorAll('input, select, textarea')]
          .filter(e => e.type !== 'hidden' && !(e.labels && e.labels.length)
            && !e.getAttribute('aria-label') && !e.getAttribute('aria-labelledby'))
          .map(e => e.id || e.name)""");
    if (!unlabelled.isEmpty()) {
      problems.add(name + ": fields without a label " + unlabelled);
    }
    shoot(page, SHOTS, name);
    page.setViewportSize(390, 844);
    int width = ((Number) page.evaluate("() => document.documentElement.scrollWidth")).intValue();
    if (width > 390) {
      problems.add(name + ": " + width + " px wide at 390 px");
    }
    page.setViewportSize(1280, 900);
  }

  private static Map<String, List<List<String>>> read(byte[] xlsx) throws Exception {
    Map<String, List<List<String>>> sheets = new LinkedHashMap<>();
    try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
      for (Sheet sheet : workbook.getSheets().toList()) {
        List<Row> rows = sheet.read();
        int width = rows.getFirst().getCellCount();
        List<List<String>> texts = new ArrayList<>();
        for (Row row : rows) {
          List<String> cells = new ArrayList<>();
          for (int i = 0; i < width; i++) {
            Cell c = i < row.getCellCount() ? row.getCell(i) : null;
            cells.add(c == null ? "" : c.getType() == CellType.NUMBER
                ? c.asNumber().stripTrailingZeros().toPlainString() : c.getText());
          }
          texts.add(cells);
        }
        sheets.put(sheet.getName(), texts);
      }
    }
    return sheets;
  }
}
