package cn.jiaoliu.app.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oidcLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.jiaoliu.app.export.TableExport;
import cn.jiaoliu.testsupport.TestDatabase;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The statistics over HTTP on the data set of {@link StatisticsDataSet}: the JSON of all reports and
 * of one, every report downloaded as XLSX and CSV and read back (Chinese headers, the numbers
 * counted by hand), the page with its charts and tables, and who gets a 403 or a 404.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
@ContextConfiguration(initializers = TestDatabase.class)
class StatisticsWebTest {

  @Autowired MockMvc mvc;
  @Autowired JdbcClient jdbc;

  @BeforeEach
  void dataSet() {
    StatisticsDataSet.ensure(jdbc);
  }

  static RequestPostProcessor bearer(String username, String role, String school, String district) {
    return jwt().jwt(j -> {
      j.claim("preferred_username", username).claim("roles", List.of(role)).claim("district_code", district);
      if (school != null) {
        j.claim("school_code", school);
      }
    });
  }

  static RequestPostProcessor browser(String username, String role, String school, String district) {
    Map<String, Object> claims = new HashMap<>(Map.of("sub", username, "preferred_username", username, "name", username,
        "roles", List.of(role), "district_code", district));
    if (school != null) {
      claims.put("school_code", school);
    }
    return oidcLogin().idToken(t -> t.claims(c -> c.putAll(claims)))
        .authorities(new SimpleGrantedAuthority("ROLE_" + role.toUpperCase().replace('-', '_')));
  }

  static final RequestPostProcessor OFFICE = bearer("office.st", "teaching-office", null, "ST");
  static final RequestPostProcessor PRINCIPAL_U1 = bearer("principal.st.u1", "principal", "ST-U1", "ST");

  @Test
  void allReportsAsJson() throws Exception {
    mvc.perform(get("/api/statistics").with(OFFICE))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.scope.districtCode").value("ST"))
        .andExpect(jsonPath("$.personTimes.urbanToRural").value(4))
        .andExpect(jsonPath("$.personTimes.ruralToUrban").value(2))
        .andExpect(jsonPath("$.personTimes.total").value(6))
        .andExpect(jsonPath("$.personTimes.byYear[0].label").value("2026-2027"))
        .andExpect(jsonPath("$.personTimes.byYear[0].urbanToRural").value(3))
        .andExpect(jsonPath("$.ruralReach.reached").value(2))
        .andExpect(jsonPath("$.ruralReach.ruralSchools").value(3))
        .andExpect(jsonPath("$.ruralReach.percent").value(66.7))
        .andExpect(jsonPath("$.openApprovals[0].elementId").value("Task_SignOpinion"))
        .andExpect(jsonPath("$.openApprovals[0].total").value(2))
        .andExpect(jsonPath("$.grades[0].schoolYear").value("2026-2027"))
        .andExpect(jsonPath("$.grades[0].excellent").value(1));
    mvc.perform(get("/api/statistics").param("year", "2027-2028").with(OFFICE))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.scope.schoolYear").value("2027-2028"))
        .andExpect(jsonPath("$.personTimes.total").value(1));
  }

  @Test
  void oneReportAsJson() throws Exception {
    mvc.perform(get("/api/statistics/person-times-by-year").with(OFFICE))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.report").value("person-times-by-year"))
        .andExpect(jsonPath("$.rows[0].label").value("2026-2027"))
        .andExpect(jsonPath("$.rows[0].urbanToRural").value(3))
        .andExpect(jsonPath("$.rows[0].ruralToUrban").value(2));
    mvc.perform(get("/api/statistics/no-such-report").with(OFFICE)).andExpect(status().isNotFound());
  }

  @Test
  void personTimesByYearAsXlsxWithChineseHeaders() throws Exception {
    byte[] xlsx = mvc.perform(get("/api/statistics/person-times-by-year").param("format", "xlsx").with(OFFICE))
        .andExpect(status().isOk())
        .andExpect(content().contentType(TableExport.XLSX))
        .andReturn().getResponse().getContentAsByteArray();

    List<Row> rows = read(xlsx);
    assertThat(texts(rows.get(0))).containsExactly("学年", "支教人次", "跟岗人次", "合计");
    assertThat(texts(rows.get(1))).containsExactly("2026-2027", "3", "2", "5");
    assertThat(rows.get(1).getCell(1).getType()).isEqualTo(CellType.NUMBER);
    assertThat(texts(rows.get(2))).containsExactly("2027-2028", "1", "0", "1");
  }

  @Test
  void theFlowsOfTeachersAsXlsxEveryRow() throws Exception {
    byte[] xlsx = mvc.perform(get("/api/statistics/teacher-flows").param("format", "xlsx").with(OFFICE))
        .andExpect(status().isOk())
        .andExpect(content().contentType(TableExport.XLSX))
        .andReturn().getResponse().getContentAsByteArray();

    List<Row> rows = read(xlsx);
    assertThat(rows).extracting(StatisticsWebTest::texts).containsExactly(
        List.of("派出学校代码", "派出学校", "接收学校代码", "接收学校", "人次"),
        List.of("ST-U1", "城区一小", "ST-R1", "甲镇中心小学", "2"),
        List.of("ST-R1", "甲镇中心小学", "ST-U1", "城区一小", "1"),
        List.of("ST-R2", "乙村小学", "ST-U2", "城区二中", "1"),
        List.of("ST-U2", "城区二中", "ST-R1", "甲镇中心小学", "1"),
        List.of("ST-U2", "城区二中", "ST-R2", "乙村小学", "1"));
    assertThat(rows.get(1).getCell(4).getType()).isEqualTo(CellType.NUMBER);
    // the principal's export: U1's flows only
    byte[] principal = mvc.perform(get("/api/statistics/teacher-flows").param("format", "xlsx").with(PRINCIPAL_U1))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
    assertThat(read(principal)).extracting(StatisticsWebTest::texts).containsExactly(
        List.of("派出学校代码", "派出学校", "接收学校代码", "接收学校", "人次"),
        List.of("ST-U1", "城区一小", "ST-R1", "甲镇中心小学", "2"),
        List.of("ST-R1", "甲镇中心小学", "ST-U1", "城区一小", "1"));
    mvc.perform(get("/api/statistics/teacher-flows").with(OFFICE))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.rows[0].fromCode").value("ST-U1"))
        .andExpect(jsonPath("$.rows[0].toName").value("甲镇中心小学"))
        .andExpect(jsonPath("$.rows[0].personTimes").value(2));
  }

  @Test
  void theTrendOverSchoolYearsAsXlsxIgnoresTheYearFilter() throws Exception {
    long b2 = StatisticsDataSet.batchId(jdbc, StatisticsDataSet.BATCH_2);
    byte[] xlsx = mvc.perform(get("/api/statistics/person-times-trend").param("format", "xlsx")
            .param("year", "2027-2028").with(OFFICE))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();

    assertThat(read(xlsx)).extracting(StatisticsWebTest::texts).containsExactly(
        List.of("学年", "支教人次", "跟岗人次", "合计"), List.of("2026-2027", "3", "2", "5"), List.of("2027-2028", "1", "0", "1"));
    byte[] batch = mvc.perform(get("/api/statistics/person-times-trend").param("format", "xlsx")
            .param("batch", String.valueOf(b2)).with(OFFICE))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
    assertThat(read(batch)).extracting(StatisticsWebTest::texts).containsExactly(
        List.of("学年", "支教人次", "跟岗人次", "合计"), List.of("2026-2027", "0", "1", "1"), List.of("2027-2028", "1", "0", "1"));
    var csv = mvc.perform(get("/statistics/person-times-trend/export").param("format", "csv")
            .with(browser("principal.st.u1", "principal", "ST-U1", "ST")))
        .andExpect(status().isOk()).andReturn().getResponse();
    assertThat(csv.getContentAsString(StandardCharsets.UTF_8))
        .isEqualTo("\uFEFF\"学年\",\"支教人次\",\"跟岗人次\",\"合计\"\r\n\"2026-2027\",2,1,3\r\n");
  }

  @Test
  void everyReportDownloadsAsXlsxAndCsvWithTheStatedNumbers() throws Exception {
    Map<String, List<String>> firstRows = Map.ofEntries(
        Map.entry("person-times-by-direction", List.of("方向", "人次", "占比（%）")),
        Map.entry("person-times-by-batch", List.of("批次", "支教人次", "跟岗人次", "合计")),
        Map.entry("person-times-trend", List.of("学年", "支教人次", "跟岗人次", "合计")),
        Map.entry("teacher-flows", List.of("派出学校代码", "派出学校", "接收学校代码", "接收学校", "人次")),
        Map.entry("person-times-by-school", List.of("学校代码", "学校", "类型", "派出人次", "接收人次", "合计")),
        Map.entry("person-times-by-subject", List.of("学科", "支教人次", "跟岗人次", "合计")),
        Map.entry("rural-reach", List.of("农村学校数", "已覆盖", "覆盖率（%）")),
        Map.entry("rural-schools", List.of("学校代码", "学校", "类型", "人次", "是否覆盖")),
        Map.entry("open-approvals", List.of("环节", "3 天以内", "3–7 天", "7 天以上", "合计")),
        Map.entry("step-durations", List.of("流程", "环节", "已办结任务数", "平均用时（小时）", "平均用时（天）")),
        Map.entry("process-cases", List.of("流程", "办理中", "已结束", "合计")),
        Map.entry("grades", List.of("学年", "优秀", "合格", "基本合格", "不合格", "合计")));
    Map<String, List<String>> secondRows = Map.ofEntries(
        Map.entry("person-times-by-direction", List.of("支教（城区到农村）", "4", "66.7")),
        Map.entry("person-times-by-batch", List.of(StatisticsDataSet.BATCH_1, "3", "1", "4")),
        Map.entry("person-times-trend", List.of("2026-2027", "3", "2", "5")),
        Map.entry("teacher-flows", List.of("ST-U1", "城区一小", "ST-R1", "甲镇中心小学", "2")),
        Map.entry("person-times-by-school", List.of("ST-R1", "甲镇中心小学", "乡镇", "1", "3", "4")),
        Map.entry("person-times-by-subject", List.of("数学", "3", "0", "3")),
        Map.entry("rural-reach", List.of("3", "2", "66.7")),
        Map.entry("rural-schools", List.of("ST-R1", "甲镇中心小学", "乡镇", "4", "是")),
        Map.entry("open-approvals", List.of("派出学校签署意见", "1", "1", "0", "2")),
        Map.entry("step-durations", List.of("交流申请", "派出学校签署意见", "2", "20.0", "0.8")),
        Map.entry("process-cases", List.of("st-visit", "1", "1", "2")),
        Map.entry("grades", List.of("2026-2027", "1", "2", "0", "0", "3")));
    for (Report report : Report.values()) {
      if (report == Report.PERSON_TIMES_BY_YEAR) {
        continue;
      }
      String id = report.id();
      byte[] xlsx = mvc.perform(get("/api/statistics/" + id).param("format", "xlsx").with(OFFICE))
          .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
      List<Row> rows = read(xlsx);
      assertThat(texts(rows.get(0))).as(id).containsExactlyElementsOf(firstRows.get(id));
      assertRow(id, rows.get(1), secondRows.get(id));

      String csv = mvc.perform(get("/api/statistics/" + id).param("format", "csv").with(OFFICE))
          .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
      String[] lines = csv.split("\r\n");
      assertThat(lines[0]).as(id).isEqualTo("\uFEFF" + csvLine(firstRows.get(id), List.of()));
      assertThat(lines[1]).as(id).isEqualTo(csvLine(secondRows.get(id), numericColumns(rows.get(1))));
    }
  }

  @Test
  void thePagesDownloadNamesTheFilters() throws Exception {
    long b1 = StatisticsDataSet.batchId(jdbc, StatisticsDataSet.BATCH_1);
    var response = mvc.perform(get("/statistics/grades/export").param("format", "csv").param("year", "2026-2027")
            .param("batch", String.valueOf(b1)).with(browser("office.st", "teaching-office", null, "ST")))
        .andExpect(status().isOk()).andReturn().getResponse();

    assertThat(response.getHeader("Content-Disposition")).contains("statistics-grades-ST-2026-2027-batch" + b1 + ".csv");
    assertThat(response.getContentAsString(StandardCharsets.UTF_8))
        .isEqualTo("\uFEFF\"学年\",\"优秀\",\"合格\",\"基本合格\",\"不合格\",\"合计\"\r\n\"2026-2027\",1,2,0,0,3\r\n");
    mvc.perform(get("/statistics/grades/export").param("format", "pdf").with(browser("office.st", "teaching-office", null, "ST")))
        .andExpect(status().isBadRequest());
  }

  @Test
  void thePrincipalsExportHoldsOnlyTheirSchool() throws Exception {
    byte[] xlsx = mvc.perform(get("/api/statistics/person-times-by-school").param("format", "xlsx").with(PRINCIPAL_U1))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();

    List<Row> rows = read(xlsx);
    assertThat(rows).hasSize(2);
    assertThat(texts(rows.get(1))).containsExactly("ST-U1", "城区一小", "城区", "2", "1", "3");
    mvc.perform(get("/api/statistics").with(PRINCIPAL_U1))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.scope.schoolCode").value("ST-U1"))
        .andExpect(jsonPath("$.personTimes.total").value(3));
  }

  @Test
  void anotherSchoolIsNotFoundAndATeacherForbidden() throws Exception {
    mvc.perform(get("/api/statistics").param("school", "ST-U2").with(PRINCIPAL_U1))
        .andExpect(status().isNotFound())
        .andExpect(content().string(not(containsString("personTimes"))));
    mvc.perform(get("/api/statistics/grades").param("school", "ST-U2").param("format", "xlsx").with(PRINCIPAL_U1))
        .andExpect(status().isNotFound());
    mvc.perform(get("/statistics").param("school", "ST-U2").with(browser("principal.st.u1", "principal", "ST-U1", "ST")))
        .andExpect(status().isNotFound())
        .andExpect(content().string(not(containsString("城区二中"))));
    mvc.perform(get("/api/statistics").with(bearer("teacher.st", "teacher", "ST-U1", "ST"))).andExpect(status().isForbidden());
    mvc.perform(get("/statistics").with(browser("teacher.st", "teacher", "ST-U1", "ST"))).andExpect(status().isForbidden());
    mvc.perform(get("/statistics/grades/export").param("format", "csv").with(browser("teacher.st", "teacher", "ST-U1", "ST")))
        .andExpect(status().isForbidden());
    mvc.perform(get("/api/statistics").param("year", "2026").with(OFFICE))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.fields.year").value("学年格式应为 2026-2027（前后两年相连）。"));
  }

  @Test
  void theOfficeOfAnotherDistrictSeesNothingOfSt() throws Exception {
    var sx = bearer("office.sx", "teaching-office", null, "SX");
    mvc.perform(get("/api/statistics").with(sx))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.scope.districtCode").value("SX"))
        .andExpect(jsonPath("$.personTimes.total").value(0))
        .andExpect(content().string(not(containsString("ST-"))));
    mvc.perform(get("/api/statistics").param("school", "ST-U1").with(sx)).andExpect(status().isNotFound());
  }

  @Test
  void thePageShowsChartsTablesAndFilters() throws Exception {
    mvc.perform(get("/statistics").with(browser("office.st", "teaching-office", null, "ST")))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("统计测试区（全区）")))
        .andExpect(content().string(containsString("id=\"report-person-times-by-year\"")))
        // ECharts from the app's own webjar and charts.js, on this page; each chart's data as JSON, not script
        .andExpect(content().string(matchesPattern("(?s).*src=\"/webjars/echarts/[0-9.]+/dist/echarts\\.min\\.js\".*")))
        .andExpect(content().string(matchesPattern("(?s).*src=\"/js/charts-[0-9a-f]{32}\\.js\".*")))
        .andExpect(content().string(containsString("<script type=\"application/json\" id=\"chart-data-teacher-flows\">")))
        .andExpect(content().string(containsString("\"kind\":\"sankey\"")))
        .andExpect(content().string(containsString("\"kind\":\"line\"")))
        .andExpect(content().string(containsString("role=\"img\" id=\"chart-teacher-flows\"")))
        .andExpect(content().string(containsString(
            "aria-label=\"桑基图「教师流向（派出学校 → 接收学校）」：城区一小 → 甲镇中心小学 2；甲镇中心小学 → 城区一小 1；")))
        .andExpect(content().string(containsString(
            "aria-label=\"折线图「交流人次学年趋势」：2026-2027 支教人次 3、跟岗人次 2；2027-2028 支教人次 1、跟岗人次 0。数据见下方数据表。\"")))
        .andExpect(content().string(containsString("id=\"table-teacher-flows\"")))
        .andExpect(content().string(containsString("查看数据表")))
        .andExpect(content().string(containsString("2 / 3 所（66.7%）")))
        .andExpect(content().string(containsString(StatisticsDataSet.BATCH_2)))
        .andExpect(content().string(containsString("/statistics/grades/export?format=xlsx")))
        .andExpect(content().string(not(containsString("<script src=\"http"))));
    mvc.perform(get("/statistics").param("lang", "en").with(browser("principal.st.u1", "principal", "ST-U1", "ST")))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("Person-times by school year")))
        .andExpect(content().string(containsString("Sankey diagram, Flow of teachers")))
        .andExpect(content().string(containsString("\"name\":\"Support teaching\"")))
        .andExpect(content().string(containsString("城区一小")))
        .andExpect(content().string(not(containsString("城区二中"))))
        .andExpect(content().string(not(containsString("id=\"filter-school\""))));
  }

  @Test
  void theAppServesEChartsItself() throws Exception {
    mvc.perform(get("/webjars/echarts/dist/echarts.min.js").with(browser("office.st", "teaching-office", null, "ST")))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("echarts")));
    mvc.perform(get("/js/charts.js").with(browser("office.st", "teaching-office", null, "ST")))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("echarts.init")));
  }

  private static List<Row> read(byte[] xlsx) throws Exception {
    try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
      return workbook.getFirstSheet().read();
    }
  }

  /** Cell texts, numbers without trailing zeros beyond their scale (3, 66.7). */
  private static List<String> texts(Row row) {
    return row.stream().map(c -> c == null ? "" : c.getType() == CellType.NUMBER
        ? c.asNumber().stripTrailingZeros().scale() <= 0 ? c.asNumber().toBigInteger().toString()
            : c.asNumber().toPlainString() : c.getText()).toList();
  }

  /** Texts as texts, numbers as numbers (66.7 in a cell is the CSV's 66.7, 20 the CSV's 20.0). */
  private static void assertRow(String report, Row row, List<String> expected) {
    assertThat(row.getCellCount()).as(report).isEqualTo(expected.size());
    for (int i = 0; i < expected.size(); i++) {
      Cell cell = row.getCell(i);
      if (cell.getType() == CellType.NUMBER) {
        assertThat(cell.asNumber()).as(report + " column " + i).isEqualByComparingTo(expected.get(i));
      } else {
        assertThat(cell.getText()).as(report + " column " + i).isEqualTo(expected.get(i));
      }
    }
  }

  private static List<Integer> numericColumns(Row row) {
    return java.util.stream.IntStream.range(0, row.getCellCount())
        .filter(i -> row.getCell(i) != null && row.getCell(i).getType() == CellType.NUMBER).boxed().toList();
  }

  private static String csvLine(List<String> cells, List<Integer> numeric) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      line.append(i > 0 ? "," : "").append(numeric.contains(i) ? cells.get(i) : "\"" + cells.get(i) + "\"");
    }
    return line.toString();
  }
}
