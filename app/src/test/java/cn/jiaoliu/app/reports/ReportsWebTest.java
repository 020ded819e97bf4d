package cn.jiaoliu.app.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oidcLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.jiaoliu.app.export.TableExport;
import cn.jiaoliu.testsupport.TestDatabase;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;
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
 * The two reports on the data set of {@link ReportsDataSet}, with every answer worked out by hand in
 * the tests: the national rotation records and work history (page and both sheets read back cell by
 * cell), the month's subsidy roster (whole months, prorated days rounded half up, a rotation without
 * subsidy, one that does not overlap, totals per dispatching school and in all), and who is refused.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
@ContextConfiguration(initializers = TestDatabase.class)
class ReportsWebTest {

  @Autowired MockMvc mvc;
  @Autowired JdbcClient jdbc;

  static final RequestPostProcessor OFFICE = browser("office.rp", "teaching-office", null, "RP");
  static final RequestPostProcessor OTHER_OFFICE = browser("office.rx", "teaching-office", null, "RX");
  static final RequestPostProcessor PRINCIPAL = browser("principal.rp.u1", "principal", "RP-U1", "RP");
  static final RequestPostProcessor TEACHER = browser("rp.li", "teacher", "RP-U1", "RP");
  static final RequestPostProcessor ADMIN = browser("admin.rp", "admin", null, null);

  static final List<String> ROUTES = List.of("/reports/rotations", "/reports/rotations/export", "/reports/subsidies",
      "/reports/subsidies/export");

  @BeforeEach
  void dataSet() {
    ReportsDataSet.ensure(jdbc);
  }

  static RequestPostProcessor browser(String username, String role, String school, String district) {
    Map<String, Object> claims = new HashMap<>(Map.of("sub", username, "preferred_username", username, "name", username,
        "roles", List.of(role)));
    if (district != null) {
      claims.put("district_code", district);
    }
    if (school != null) {
      claims.put("school_code", school);
    }
    return oidcLogin().idToken(t -> t.claims(c -> c.putAll(claims)))
        .authorities(new SimpleGrantedAuthority("ROLE_" + role.toUpperCase().replace('-', '_')));
  }

  @Test
  void theNationalWorkbookHoldsTheSchoolYearsRotationsAndWorkHistoryFieldByField() throws Exception {
    var response = mvc.perform(get("/reports/rotations/export").param("year", "2026-2027").with(OFFICE))
        .andExpect(status().isOk())
        .andExpect(content().contentType(TableExport.XLSX))
        .andReturn().getResponse();
    assertThat(response.getHeader("Content-Disposition")).contains("rotations-RP-2026-2027.xlsx")
        .contains("filename*=UTF-8''%E4%BA%A4%E6%B5%81%E8%BD%AE%E5%B2%97%E4%B8%8A%E6%8A%A5-RP-2026-2027-");

    Map<String, List<List<String>>> sheets = read(response.getContentAsByteArray());
    assertThat(sheets.keySet()).containsExactly("交流轮岗", "工作经历");
    // A5 ended on 2026-07-31, before the school year; X1 is another district's
    assertThat(sheets.get("交流轮岗")).containsExactly(
        List.of("区县", "工号", "姓名", "交流轮岗类型", "是否调动人事关系", "开始年月", "结束年月", "原单位名称", "交流轮岗单位名称"),
        List.of("报表测试区", "RP-T001", "李明", "城镇学校到农村学校交流", "否", "2026-09", "2027-07", "报表城区一小", "报表甲镇小学"),
        List.of("报表测试区", "RP-T003", "赵强", "农村学校到城镇学校交流", "否", "2026-09", "2027-01", "报表乙村小学", "报表城区二中"),
        List.of("报表测试区", "RP-T002", "王芳", "城镇学校到农村学校交流", "否", "2026-11", "2027-08", "报表城区一小", "报表乙村小学"),
        List.of("报表测试区", "", "孙丽", "城镇学校到农村学校交流", "否", "2027-02", "2027-06", "报表城区二中", "报表乙村小学"));
    // per teacher (by name): the roster's current school (start = joined, open end), then each rotation;
    // 孙丽 is not on the roster: shown at her dispatching school, without staff number or start
    assertThat(sheets.get("工作经历")).containsExactly(
        List.of("区县", "工号", "姓名", "任职开始年月", "任职结束年月", "任职单位名称", "是否农村"),
        List.of("报表测试区", "", "孙丽", "", "", "报表城区二中", "否"),
        List.of("报表测试区", "", "孙丽", "2027-02", "2027-06", "报表乙村小学", "是"),
        List.of("报表测试区", "RP-T001", "李明", "2015-09", "", "报表城区一小", "否"),
        List.of("报表测试区", "RP-T001", "李明", "2026-09", "2027-07", "报表甲镇小学", "是"),
        List.of("报表测试区", "RP-T002", "王芳", "", "", "报表城区一小", "否"),
        List.of("报表测试区", "RP-T002", "王芳", "2026-11", "2027-08", "报表乙村小学", "是"),
        List.of("报表测试区", "RP-T003", "赵强", "2018-03", "", "报表乙村小学", "是"),
        List.of("报表测试区", "RP-T003", "赵强", "2026-09", "2027-01", "报表城区二中", "否"));
  }

  @Test
  void aCadrePostIsATemporaryPostAndARangeOfDatesFiltersByOverlap() throws Exception {
    Map<String, List<List<String>>> earlier = read(mvc.perform(get("/reports/rotations/export")
            .param("year", "2025-2026").with(OFFICE))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray());
    assertThat(earlier.get("交流轮岗")).hasSize(2);
    assertThat(earlier.get("交流轮岗").get(1)).containsExactly("报表测试区", "RP-T005", "周伟", "挂职交流", "否", "2025-09",
        "2026-07", "报表城区二中", "报表甲镇小学");

    // March 2027: A1, A2 and A4 are serving; A3 ended in January
    Map<String, List<List<String>>> march = read(mvc.perform(get("/reports/rotations/export")
            .param("from", "2027-03-01").param("to", "2027-03-31").with(OFFICE))
        .andExpect(status().isOk())
        .andExpect(header().string("Content-Disposition", containsString("rotations-RP-20270301-20270331.xlsx")))
        .andReturn().getResponse().getContentAsByteArray());
    assertThat(march.get("交流轮岗").stream().skip(1).map(r -> r.get(2))).containsExactly("李明", "王芳", "孙丽");

    mvc.perform(get("/reports/rotations").param("from", "2027-03-31").param("to", "2027-03-01").with(OFFICE))
        .andExpect(status().isBadRequest())
        .andExpect(content().string(containsString("截止日期不能早于起始日期")));
    mvc.perform(get("/reports/rotations/export").param("year", "2026").with(OFFICE))
        .andExpect(status().isBadRequest());
  }

  @Test
  void theRotationsPageShowsTheRecordsAndTheRules() throws Exception {
    mvc.perform(get("/reports/rotations").param("year", "2026-2027").with(OFFICE))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("统计期间：2026-09-01 至 2027-08-31")))
        .andExpect(content().string(containsString("交流轮岗（4 条）")))
        .andExpect(content().string(containsString("工作经历（8 条）")))
        .andExpect(content().string(containsString("农村学校到城镇学校交流")))
        .andExpect(content().string(containsString("是否调动人事关系：一律为“否”")))
        .andExpect(content().string(containsString("/reports/rotations/export?district=RP&amp;year=2026-2027")))
        .andExpect(content().string(containsString("id=\"nav-reports\"")))
        .andExpect(content().string(not(containsString("钱多"))))
        .andExpect(content().string(not(containsString("周伟"))));
  }

  @Test
  void novemberPaysAWholeMonthAndAProratedHalfMonthUnderTheDispatchingSchool() throws Exception {
    // A1 whole month 600; A2 from the 16th: 15 of 30 days, 450 × 15 ÷ 30 = 225; A3 serves without subsidy
    List<List<String>> rows = subsidies("2026-11");
    assertThat(rows).containsExactly(
        List.of("发放学校（派出学校）", "工号", "姓名", "任教学校", "补助标准（元/月）", "本月任教起止", "任教天数", "当月天数", "折合月数",
            "发放金额（元）"),
        List.of("报表城区一小", "RP-T001", "李明", "报表甲镇小学", "600", "2026-11-01 – 2026-11-30", "30", "30", "1", "600"),
        List.of("报表城区一小", "RP-T002", "王芳", "报表乙村小学", "450", "2026-11-16 – 2026-11-30", "15", "30", "0.5", "225"),
        List.of("报表城区一小 小计", "", "", "", "", "", "", "", "", "825"),
        List.of("合计", "", "", "", "", "", "", "", "", "825"));
  }

  @Test
  void februaryRoundsHalfUpAndTotalsEachDispatchingSchool() throws Exception {
    // A4 from 22 February: 7 of 28 days, 450 × 7 ÷ 28 = 112.5 → 113 (half up); A3 ended in January
    List<List<String>> rows = subsidies("2027-02");
    assertThat(rows.subList(1, rows.size())).containsExactly(
        List.of("报表城区一小", "RP-T001", "李明", "报表甲镇小学", "600", "2027-02-01 – 2027-02-28", "28", "28", "1", "600"),
        List.of("报表城区一小", "RP-T002", "王芳", "报表乙村小学", "450", "2027-02-01 – 2027-02-28", "28", "28", "1", "450"),
        List.of("报表城区一小 小计", "", "", "", "", "", "", "", "", "1050"),
        List.of("报表城区二中", "", "孙丽", "报表乙村小学", "450", "2027-02-22 – 2027-02-28", "7", "28", "0.25", "113"),
        List.of("报表城区二中 小计", "", "", "", "", "", "", "", "", "113"),
        List.of("合计", "", "", "", "", "", "", "", "", "1163"));
  }

  @Test
  void julyProratesTheLastFifteenDaysAndSeptemberCountsTheRotationWithoutSubsidy() throws Exception {
    // A1 ends on 15 July: 600 × 15 ÷ 31 = 290.32 → 290; A2 the whole month; A4 ended in June
    List<List<String>> july = subsidies("2027-07");
    assertThat(july.subList(1, july.size())).containsExactly(
        List.of("报表城区一小", "RP-T001", "李明", "报表甲镇小学", "600", "2027-07-01 – 2027-07-15", "15", "31", "0.48", "290"),
        List.of("报表城区一小", "RP-T002", "王芳", "报表乙村小学", "450", "2027-07-01 – 2027-07-31", "31", "31", "1", "450"),
        List.of("报表城区一小 小计", "", "", "", "", "", "", "", "", "740"),
        List.of("合计", "", "", "", "", "", "", "", "", "740"));

    mvc.perform(get("/reports/subsidies").param("month", "2026-09").with(OFFICE))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("共 1 人，合计 600 元")))
        .andExpect(content().string(containsString("另有 1 名交流教师本月在城区学校任教")))
        .andExpect(content().string(containsString("四舍五入到元")))
        .andExpect(content().string(containsString("按派出学校汇总")))
        .andExpect(content().string(not(containsString("赵强"))))
        .andExpect(content().string(not(containsString("钱多"))));
    // A5 ended before; nobody of RP serves in August 2026
    assertThat(subsidies("2026-08")).containsExactly(subsidies("2026-08").getFirst(),
        List.of("合计", "", "", "", "", "", "", "", "", "0"));
    mvc.perform(get("/reports/subsidies").param("month", "2026-13").with(OFFICE))
        .andExpect(status().isBadRequest())
        .andExpect(content().string(containsString("月份格式应为 2026-11")));
  }

  @Test
  void thePrincipalAndTheTeacherAreRefusedAndAnotherDistrictSeesNothingOfThisOne() throws Exception {
    for (String route : ROUTES) {
      mvc.perform(get(route).with(PRINCIPAL)).andExpect(status().isForbidden());
      mvc.perform(get(route).with(TEACHER)).andExpect(status().isForbidden());
      mvc.perform(get(route).param("district", "RP").with(OTHER_OFFICE)).andExpect(status().isNotFound());
    }
    mvc.perform(get("/reports/rotations").param("year", "2026-2027").with(OTHER_OFFICE))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("钱多")))
        .andExpect(content().string(not(containsString("李明"))))
        .andExpect(content().string(not(containsString("报表城区一小"))));
    List<List<String>> other = read(mvc.perform(get("/reports/subsidies/export").param("month", "2026-11")
            .with(OTHER_OFFICE)).andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray())
        .values().iterator().next();
    assertThat(other.subList(1, other.size())).containsExactly(
        List.of("另区城区小学", "", "钱多", "另区镇小学", "600", "2026-11-01 – 2026-11-30", "30", "30", "1", "600"),
        List.of("另区城区小学 小计", "", "", "", "", "", "", "", "", "600"),
        List.of("合计", "", "", "", "", "", "", "", "", "600"));
  }

  @Test
  void anAdministratorNamesTheDistrict() throws Exception {
    mvc.perform(get("/reports/subsidies").param("district", "RP").param("month", "2026-11").with(ADMIN))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("共 2 人，合计 825 元")));
    mvc.perform(get("/reports/subsidies").param("district", "NOWHERE").with(ADMIN)).andExpect(status().isNotFound());
    mvc.perform(get("/reports/rotations").with(ADMIN)).andExpect(status().isNotFound());
  }

  @Test
  void bothPagesSpeakEnglishToo() throws Exception {
    mvc.perform(get("/reports/rotations").param("year", "2026-2027").param("lang", "en").with(OFFICE))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("Rotations (4)")))
        .andExpect(content().string(containsString("Rural school to urban school")))
        .andExpect(content().string(not(containsString("??"))));
    mvc.perform(get("/reports/subsidies").param("month", "2027-02").param("lang", "en").with(OFFICE))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("3 teachers, 1,163 yuan in all")))
        .andExpect(content().string(containsString("报表城区二中 subtotal")))
        .andExpect(content().string(not(containsString("??"))));
  }

  private List<List<String>> subsidies(String month) throws Exception {
    byte[] xlsx = mvc.perform(get("/reports/subsidies/export").param("month", month).with(OFFICE))
        .andExpect(status().isOk())
        .andExpect(header().string("Content-Disposition", containsString("subsidies-RP-" + month + ".xlsx")))
        .andReturn().getResponse().getContentAsByteArray();
    Map<String, List<List<String>>> sheets = read(xlsx);
    assertThat(sheets.keySet()).containsExactly("交流教师生活补助发放表（" + month + "）");
    return sheets.values().iterator().next();
  }

  /** Every sheet by name, each row as cell texts (numbers as plain numbers, empty cells as ""). */
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
