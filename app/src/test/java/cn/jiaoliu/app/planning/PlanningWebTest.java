package cn.jiaoliu.app.planning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oidcLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.jiaoliu.app.export.TableExport;
import cn.jiaoliu.testsupport.TestDatabase;
import java.io.ByteArrayInputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * The planning pages and downloads over HTTP on {@link PlanningDataSet}: the office's dashboard and
 * due lists, read back from XLSX field by field; a principal's own school only; the rules and the
 * exemption forms with their translated errors.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
@ContextConfiguration(initializers = TestDatabase.class)
class PlanningWebTest {

  @Autowired MockMvc mvc;
  @Autowired JdbcClient jdbc;
  long batch;

  static RequestPostProcessor browser(String username, String role, String school, String district) {
    Map<String, Object> claims = new HashMap<>(Map.of("sub", username, "preferred_username", username, "name", username,
        "roles", List.of(role), "district_code", district));
    if (school != null) {
      claims.put("school_code", school);
    }
    return oidcLogin().idToken(t -> t.claims(c -> c.putAll(claims)))
        .authorities(new SimpleGrantedAuthority("ROLE_" + role.toUpperCase().replace('-', '_')));
  }

  static final RequestPostProcessor OFFICE = browser("office.pl", "teaching-office", null, "PL");
  static final RequestPostProcessor OTHER_OFFICE = browser("office.px", "teaching-office", null, "PX");
  static final RequestPostProcessor PRINCIPAL = browser("principal.pl", "principal", "PL-U01", "PL");
  static final RequestPostProcessor TEACHER = browser("pl.t01", "teacher", "PL-U01", "PL");

  @BeforeEach
  void dataSet() {
    batch = PlanningDataSet.ensure(jdbc);
  }

  private static List<List<String>> read(byte[] xlsx) throws Exception {
    try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
      return workbook.getFirstSheet().read().stream().map(PlanningWebTest::texts).toList();
    }
  }

  private static List<String> texts(Row row) {
    return row.stream().map(c -> c == null ? "" : c.getType() == CellType.NUMBER
        ? c.asNumber().toBigInteger().toString() : c.getText()).toList();
  }

  private byte[] download(String path, RequestPostProcessor user) throws Exception {
    return mvc.perform(get(path).param("batch", "" + batch).param("format", "xlsx").with(user))
        .andExpect(status().isOk()).andExpect(content().contentType(TableExport.XLSX))
        .andReturn().getResponse().getContentAsByteArray();
  }

  @Test
  void theOfficeSeesEverySchoolsTargetAndTheDistrictTotals() throws Exception {
    mvc.perform(get("/planning").param("batch", "" + batch).with(OFFICE))
        .andExpect(status().isOk())
        .andExpect(content().string(allOf(containsString("规划一小"), containsString("规划二中"),
            containsString("id=\"targets-total\""), containsString("1 / 2"), not(containsString("规划镇小")))));

    List<List<String>> rows = read(download("/planning/export", OFFICE));
    assertThat(rows.get(0)).containsExactly("学校代码", "学校", "应交流人数", "下达时应交流人数", "指标", "骨干指标", "已申请",
        "已批准", "已批准骨干", "骨干占比", "完成情况");
    assertThat(rows.get(1)).containsExactly("PL-U01", "规划一小", "11", "11", "2", "1", "3", "2", "1", "50%", "已完成");
    assertThat(rows.get(2)).containsExactly("PL-U02", "规划二中", "3", "3", "1", "1", "1", "1", "0", "0%", "未完成");
    assertThat(rows.get(3)).containsExactly("", "合计", "14", "14", "3", "2", "4", "3", "1", "33%", "1/2");
    assertThat(rows).hasSize(4);
  }

  @Test
  void theDueListOfOneSchoolAsXlsx() throws Exception {
    List<List<String>> rows = read(mvc.perform(get("/planning/due/export").param("batch", "" + batch)
            .param("school", "PL-U01").param("format", "xlsx").with(OFFICE))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray());
    assertThat(rows.get(0)).containsExactly("学校代码", "学校", "工号", "姓名", "岗位", "骨干级别", "入校时间", "应交流日期", "情况",
        "免交流或退休", "本批次申请");
    Map<String, List<String>> byStaff = new HashMap<>();
    rows.subList(1, rows.size()).forEach(r -> byStaff.put(r.get(2), r));
    // T02 is not yet due: the list leaves those out
    assertThat(byStaff).doesNotContainKey("PL-T02").hasSize(15);
    assertThat(byStaff.get("PL-T01")).containsExactly("PL-U01", "规划一小", "PL-T01", "教师T01", "", "市级骨干", "2021-09-01",
        "2027-09-01", "应交流", "", "已批准");
    assertThat(byStaff.get("PL-T06")).containsExactly("PL-U01", "规划一小", "PL-T06", "教师T06", "", "", "2015-09-01",
        "2021-09-01", "免交流", "患重大疾病 (2027-01-01 – 2028-08-31, office.pl)", "");
    assertThat(byStaff.get("PL-T03").subList(8, 10)).containsExactly("临近退休", "退休日期 2028-03-01");
    assertThat(byStaff.get("PL-T08").subList(4, 9)).containsExactly("副校长", "", "2022-09-01", "2027-09-01", "应交流");
    assertThat(byStaff.get("PL-T10").get(8)).isEqualTo("正在交流");
    assertThat(byStaff.get("PL-T09").subList(6, 9)).containsExactly("", "", "入校时间不详");
    assertThat(byStaff.get("PL-T11").get(10)).isEqualTo("已撤回");
  }

  @Test
  void aPrincipalSeesTheirSchoolAndWhoHasNotAppliedButNoOtherSchool() throws Exception {
    mvc.perform(get("/planning/due").param("batch", "" + batch).with(PRINCIPAL))
        .andExpect(status().isOk())
        .andExpect(content().string(allOf(containsString("规划一小应交流人员"), containsString("应交流未申请 8 人"),
            containsString("id=\"due-PL-T13\""), not(containsString("PL-V01")), not(containsString("id=\"due-school\"")))));
    mvc.perform(get("/planning/due").param("school", "PL-U02").with(PRINCIPAL)).andExpect(status().isNotFound());
    mvc.perform(get("/planning/due/export").param("school", "PL-U02").with(PRINCIPAL)).andExpect(status().isNotFound());
    mvc.perform(get("/planning").param("batch", "" + batch).with(PRINCIPAL))
        .andExpect(status().isOk())
        .andExpect(content().string(allOf(containsString("target-PL-U01"), not(containsString("target-PL-U02")))));
    List<List<String>> rows = read(download("/planning/export", PRINCIPAL));
    assertThat(rows).extracting(r -> r.get(0)).containsExactly("学校代码", "PL-U01", "");
    mvc.perform(get("/planning/exemptions").with(PRINCIPAL)).andExpect(status().isForbidden());
    mvc.perform(post("/planning/rules").param("yearsAtSchool", "1").with(PRINCIPAL).with(csrf()))
        .andExpect(status().isForbidden());
  }

  @Test
  void pairingActivitiesOnThePageAndAsXlsx() throws Exception {
    mvc.perform(get("/planning/activities").param("semester", "2026-2027-1").with(OFFICE))
        .andExpect(status().isOk())
        .andExpect(content().string(allOf(containsString("2026-2027学年第一学期结对活动"),
            containsString("1 / 2 个结对达到联合教研要求"), containsString("课题 2026-11-20"),
            not(containsString("课题 2026-12-02")), not(containsString("课题 2026-10-12")))));
    mvc.perform(get("/planning/activities").param("semester", "2026-2027-9").with(OFFICE))
        .andExpect(status().isBadRequest());
    List<List<String>> rows = read(mvc.perform(get("/planning/activities/export").param("semester", "2026-2027-1")
            .param("format", "xlsx").with(OFFICE))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray());
    assertThat(rows.get(0)).containsExactly("城区学校", "农村学校", "联合教研", "送教", "最低要求", "完成情况", "活动");
    assertThat(rows.get(1)).containsExactly("规划一小", "规划镇小", "2", "1", "2", "已完成",
        "2026-10-15 课题 2026-10-15 (联合教研); 2026-11-20 课题 2026-11-20 (联合教研); 2026-12-01 课题 2026-12-01 (送教)");
    assertThat(rows.get(2)).containsExactly("规划二中", "规划镇小", "1", "0", "2", "未完成", "2026-10-10 课题 2026-10-10 (联合教研)");
    assertThat(rows).hasSize(3);
  }

  @Test
  void outsidersGetNothing() throws Exception {
    mvc.perform(get("/planning").with(TEACHER)).andExpect(status().isForbidden());
    mvc.perform(get("/planning/due").with(TEACHER)).andExpect(status().isForbidden());
    mvc.perform(get("/planning").param("batch", "" + batch).with(OTHER_OFFICE)).andExpect(status().isNotFound());
    mvc.perform(get("/planning/due").param("school", "PL-U01").with(OTHER_OFFICE)).andExpect(status().isNotFound());
    mvc.perform(post("/planning/targets").param("batch", "" + batch).with(OTHER_OFFICE).with(csrf()))
        .andExpect(status().isNotFound());
  }

  @Test
  void badRulesAndExemptionsAreShownAgainWithTheirErrors() throws Exception {
    mvc.perform(post("/planning/rules").with(OFFICE).with(csrf()).param("yearsAtSchool", "0").param("leaderYears", "abc")
            .param("retirementAge", "60").param("retirementWindowYears", "3").param("targetPercent", "101")
            .param("backbonePercent", "20").param("rounding", "SIDEWAYS").param("jointResearchPerTerm", "2"))
        .andExpect(status().isBadRequest())
        .andExpect(content().string(allOf(containsString("请填写 1 到 30 之间的整数。"), containsString("请填写 0 到 100 之间的整数。"),
            containsString("请选择一项。"), containsString("请输入数字。"))));
    assertThat(jdbc.sql("select years_at_school from rotation_rule where district_code = 'PL'").query(Integer.class)
        .single()).isEqualTo(6);

    mvc.perform(post("/planning/exemptions").with(OFFICE).with(csrf()).param("staffNumber", "PX-NOBODY")
            .param("reason", "OTHER").param("note", "").param("validFrom", "2027-13-01").param("validUntil", "2027-01-01"))
        .andExpect(status().isBadRequest())
        .andExpect(content().string(allOf(containsString("本区教师名册中没有这个工号。"), containsString("原因为“其他”时请写明说明。"))));
    long before = jdbc.sql("select count(*) from rotation_exemption").query(Long.class).single();
    mvc.perform(post("/planning/exemptions").with(OFFICE).with(csrf()).param("staffNumber", "PL-V03")
            .param("reason", "PREGNANCY_NURSING").param("note", "").param("validFrom", "2027-01-01")
            .param("validUntil", "2028-12-31"))
        .andExpect(status().is3xxRedirection());
    assertThat(jdbc.sql("select count(*) from rotation_exemption").query(Long.class).single()).isEqualTo(before + 1);
    mvc.perform(get("/planning/exemptions").with(OFFICE))
        .andExpect(status().isOk()).andExpect(content().string(containsString("PL-V03")));
    long id = jdbc.sql("select id from rotation_exemption where staff_number = 'PL-V03'").query(Long.class).single();
    mvc.perform(post("/planning/exemptions/" + id + "/revoke").with(OTHER_OFFICE).with(csrf()))
        .andExpect(status().isNotFound());
    mvc.perform(post("/planning/exemptions/" + id + "/revoke").with(OFFICE).with(csrf()))
        .andExpect(status().is3xxRedirection());
    assertThat(jdbc.sql("select revoked_by from rotation_exemption where id = :id").param("id", id).query(String.class)
        .single()).isEqualTo("office.pl");
  }
}
