package cn.jiaoliu.app.programme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.jiaoliu.testsupport.TestDatabase;
import cn.jiaoliu.testsupport.TestUsers;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Programme administration through the REST API and the pages: who may do what (administrator
 * everywhere, teaching office in its own district, nobody else), what a bad form gets back, and
 * that nothing changes when it is refused.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
@ContextConfiguration(initializers = TestDatabase.class)
class AdminTest {

  @Autowired MockMvc mvc;
  @Autowired JdbcClient jdbc;

  static final RequestPostProcessor OFFICE = TestUsers.bearer("office.ad", "teaching-office", "AD", null);
  static final RequestPostProcessor OTHER_OFFICE = TestUsers.bearer("office.lc", "teaching-office", "LC", null);
  static final RequestPostProcessor ADMIN = TestUsers.bearer("admin.ad", "admin", "LC", null);
  static final RequestPostProcessor PRINCIPAL = TestUsers.bearer("principal.ad", "principal", "AD", "AD-U01");
  static final RequestPostProcessor TEACHER = TestUsers.bearer("teacher.ad", "teacher", "AD", "AD-U01");

  @BeforeEach
  void aDistrictWithSchools() {
    if (jdbc.sql("select count(*) from district where code = 'AD'").query(Long.class).single() > 0) {
      return;
    }
    jdbc.sql("insert into district (code, name) values ('AD', '管理测试区')").update();
    jdbc.sql("""
        insert into school (code, name, district_code, area_type, remoteness_tier, pupils) values
          ('AD-U01', '管理测试区第一小学', 'AD', 'URBAN', 0, 1500),
          ('AD-R01', '管理测试区东镇小学', 'AD', 'TOWNSHIP', 1, 300),
          ('AD-R02', '管理测试区西村小学', 'AD', 'VILLAGE', 3, 60)""").update();
  }

  private long count(String sql) {
    return jdbc.sql(sql).query(Long.class).single();
  }

  @Test
  void onlyAdministratorsAndTeachingOfficesAdminister() throws Exception {
    mvc.perform(get("/api/admin/schools").with(TEACHER)).andExpect(status().isForbidden());
    mvc.perform(get("/api/admin/schools").with(PRINCIPAL)).andExpect(status().isForbidden());
    mvc.perform(get("/api/admin/schools").with(OFFICE)).andExpect(status().isOk())
        .andExpect(jsonPath("$[*].code", org.hamcrest.Matchers.hasItems("AD-U01", "AD-R01", "AD-R02")))
        .andExpect(jsonPath("$[*].districtCode", org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.is("AD"))));
    mvc.perform(get("/api/admin/schools?district=AD").with(OTHER_OFFICE)).andExpect(status().isNotFound());
    mvc.perform(get("/api/admin/schools?district=AD").with(ADMIN)).andExpect(status().isOk())
        .andExpect(jsonPath("$[*].code", org.hamcrest.Matchers.hasItems("AD-U01", "AD-R01", "AD-R02")));
    mvc.perform(post("/api/admin/districts").with(OFFICE).contentType(MediaType.APPLICATION_JSON)
        .content("{\"code\":\"ZZ\",\"name\":\"越权区\"}")).andExpect(status().isForbidden());
    mvc.perform(get("/admin").with(TestUsers.browser("teacher.ad", "teacher", "AD"))).andExpect(status().isForbidden());
    assertThat(count("select count(*) from district where code = 'ZZ'")).isZero();
  }

  @Test
  void aSchoolIsAddedAndChangedWithCheckedFieldsAndAnotherDistrictsSchoolIsNotFound() throws Exception {
    mvc.perform(post("/api/admin/schools").with(OFFICE).contentType(MediaType.APPLICATION_JSON).header("Accept-Language", "zh-CN")
            .content("{\"code\":\"AD U9\",\"name\":\"\",\"districtCode\":\"AD\",\"areaType\":\"URBAN\",\"remotenessTier\":\"2\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.fields.code").value(containsString("字母、数字和连字符")))
        .andExpect(jsonPath("$.fields.name").value("此项为必填。"))
        .andExpect(jsonPath("$.fields.remotenessTier").value(containsString("城区学校的偏远等级应为 0")));
    mvc.perform(post("/api/admin/schools").with(OFFICE).contentType(MediaType.APPLICATION_JSON)
            .content("{\"code\":\"AD-R03\",\"name\":\"管理测试区南村小学\",\"districtCode\":\"LC\",\"areaType\":\"VILLAGE\",\"remotenessTier\":\"2\"}"))
        .andExpect(status().isNotFound());
    mvc.perform(post("/api/admin/schools").with(OFFICE).contentType(MediaType.APPLICATION_JSON)
            .content("{\"code\":\"AD-R03\",\"name\":\"管理测试区南村小学\",\"districtCode\":\"AD\",\"areaType\":\"VILLAGE\",\"remotenessTier\":\"2\",\"pupils\":\"88\"}"))
        .andExpect(status().isOk()).andExpect(jsonPath("$.districtName").value("管理测试区"));
    mvc.perform(post("/api/admin/schools").with(OFFICE).contentType(MediaType.APPLICATION_JSON)
            .content("{\"code\":\"AD-R03\",\"name\":\"重复\",\"districtCode\":\"AD\",\"areaType\":\"VILLAGE\",\"remotenessTier\":\"2\"}"))
        .andExpect(status().isBadRequest()).andExpect(jsonPath("$.fields.code").exists());
    mvc.perform(put("/api/admin/schools/AD-R03").with(OFFICE).contentType(MediaType.APPLICATION_JSON)
            .content("{\"name\":\"管理测试区南村小学\",\"areaType\":\"VILLAGE\",\"remotenessTier\":\"3\",\"pupils\":\"90\"}"))
        .andExpect(status().isOk()).andExpect(jsonPath("$.remotenessTier").value(3));
    mvc.perform(put("/api/admin/schools/AD-R03").with(OTHER_OFFICE).contentType(MediaType.APPLICATION_JSON)
            .content("{\"name\":\"越权\",\"areaType\":\"VILLAGE\",\"remotenessTier\":\"1\"}"))
        .andExpect(status().isNotFound());
    assertThat(jdbc.sql("select name from school where code = 'AD-R03'").query(String.class).single()).isEqualTo("管理测试区南村小学");
  }

  @Test
  void oneUrbanSchoolIsPairedWithSeveralRuralSchoolsForThreeYearsByDefault() throws Exception {
    jdbc.sql("delete from pairing where urban_school_code = 'AD-U01'").update();
    mvc.perform(post("/api/admin/pairings").with(OFFICE).contentType(MediaType.APPLICATION_JSON)
            .content("{\"urbanSchoolCode\":\"AD-R01\",\"ruralSchoolCodes\":[\"AD-U01\"],\"startsOn\":\"2026-09-01\",\"helpKinds\":[\"GOLD\"]}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.fields.urbanSchoolCode").exists())
        .andExpect(jsonPath("$.fields.ruralSchoolCodes").exists())
        .andExpect(jsonPath("$.fields.helpKinds").exists());
    mvc.perform(post("/api/admin/pairings").with(OFFICE).contentType(MediaType.APPLICATION_JSON)
            .content("{\"urbanSchoolCode\":\"AD-U01\",\"ruralSchoolCodes\":[\"AD-R01\",\"AD-R02\"],\"startsOn\":\"2026-09-01\",\"helpKinds\":[\"TEACHERS\",\"MATERIALS\"]}"))
        .andExpect(status().isOk()).andExpect(jsonPath("$", hasSize(2)))
        .andExpect(jsonPath("$[0].endsOn").value("2029-08-31"));
    mvc.perform(post("/api/admin/pairings").with(OFFICE).contentType(MediaType.APPLICATION_JSON)
            .content("{\"urbanSchoolCode\":\"AD-U01\",\"ruralSchoolCodes\":[\"AD-R02\"],\"startsOn\":\"2028-09-01\",\"helpKinds\":[\"TEACHERS\"]}"))
        .andExpect(status().isBadRequest()).andExpect(jsonPath("$.fields.ruralSchoolCodes").exists());
    long id = jdbc.sql("select id from pairing where urban_school_code = 'AD-U01' and rural_school_code = 'AD-R02'")
        .query(Long.class).single();
    mvc.perform(post("/api/admin/pairings/" + id + "/end").with(OTHER_OFFICE).contentType(MediaType.APPLICATION_JSON)
        .content("{\"endsOn\":\"2027-08-31\"}")).andExpect(status().isNotFound());
    mvc.perform(post("/api/admin/pairings/" + id + "/end").with(OFFICE).contentType(MediaType.APPLICATION_JSON)
        .content("{\"endsOn\":\"2027-08-31\"}")).andExpect(status().isOk()).andExpect(jsonPath("$.endsOn").value("2027-08-31"));
    assertThat(count("select count(*) from pairing where urban_school_code = 'AD-U01'")).isEqualTo(2);
  }

  @Test
  void anEducationGroupHasALeadAndMembersOfItsDistrict() throws Exception {
    mvc.perform(post("/api/admin/groups").with(OFFICE).contentType(MediaType.APPLICATION_JSON)
            .content("{\"name\":\"管理测试区第一教育集团\",\"leadSchoolCode\":\"AD-U01\",\"memberSchoolCodes\":[\"AD-R01\",\"LC-R01\"]}"))
        .andExpect(status().isBadRequest()).andExpect(jsonPath("$.fields.memberSchoolCodes").exists());
    mvc.perform(post("/api/admin/groups").with(OFFICE).contentType(MediaType.APPLICATION_JSON)
            .content("{\"name\":\"管理测试区第一教育集团\",\"leadSchoolCode\":\"AD-U01\",\"memberSchoolCodes\":[\"AD-R01\",\"AD-R02\",\"AD-U01\"]}"))
        .andExpect(status().isOk()).andExpect(jsonPath("$.leadName").value("管理测试区第一小学"))
        .andExpect(jsonPath("$.members", hasSize(2)));
    mvc.perform(post("/api/admin/groups").with(OFFICE).contentType(MediaType.APPLICATION_JSON)
            .content("{\"name\":\"管理测试区第一教育集团\",\"leadSchoolCode\":\"AD-U01\",\"memberSchoolCodes\":[\"AD-R01\"]}"))
        .andExpect(status().isBadRequest()).andExpect(jsonPath("$.fields.name").exists());
    mvc.perform(get("/api/admin/groups").with(OTHER_OFFICE)).andExpect(status().isOk())
        .andExpect(content().string(org.hamcrest.Matchers.not(containsString("管理测试区"))));
  }

  @Test
  void aBatchHasDatesDueDaysAndQuotasOfTheDispatchingSchools() throws Exception {
    String body = """
        {"name":"管理测试区2027学年第一批","opensOn":"2026-12-01","closesOn":"2027-03-31","periodStarts":"2027-09-01",
         "periodEnds":"2028-07-31","status":"OPEN","minYearsOfService":"3","signOpinionDays":"5","reviseDays":"7",
         "acceptDays":"5","approveDays":"7","reminderLeadDays":"%s"}""";
    mvc.perform(post("/api/admin/batches").with(OFFICE).contentType(MediaType.APPLICATION_JSON).content(body.formatted("9")))
        .andExpect(status().isBadRequest()).andExpect(jsonPath("$.fields.reminderLeadDays").exists());
    String created = mvc.perform(post("/api/admin/batches").with(OFFICE).contentType(MediaType.APPLICATION_JSON)
            .content(body.formatted("1")))
        .andExpect(status().isOk()).andExpect(jsonPath("$.districtCode").value("AD")).andReturn().getResponse()
        .getContentAsString(StandardCharsets.UTF_8);
    long batch = Long.parseLong(created.replaceAll(".*\"id\":(\\d+).*", "$1"));
    mvc.perform(put("/api/admin/batches/" + batch + "/quotas").with(OFFICE).contentType(MediaType.APPLICATION_JSON)
            .content("{\"schoolCode\":\"AD-R01\",\"direction\":\"URBAN_TO_RURAL\",\"quota\":\"3\"}"))
        .andExpect(status().isBadRequest()).andExpect(jsonPath("$.fields.direction").exists());
    mvc.perform(put("/api/admin/batches/" + batch + "/quotas").with(OFFICE).contentType(MediaType.APPLICATION_JSON)
            .content("{\"schoolCode\":\"AD-U01\",\"direction\":\"URBAN_TO_RURAL\",\"quota\":\"4\"}"))
        .andExpect(status().isOk()).andExpect(jsonPath("$[0].quota").value(4));
    jdbc.sql("update batch_quota set used = 3 where batch_id = :b").param("b", batch).update();
    mvc.perform(put("/api/admin/batches/" + batch + "/quotas").with(OFFICE).contentType(MediaType.APPLICATION_JSON)
            .content("{\"schoolCode\":\"AD-U01\",\"direction\":\"URBAN_TO_RURAL\",\"quota\":\"2\"}"))
        .andExpect(status().isBadRequest()).andExpect(jsonPath("$.fields.quota").exists());
    mvc.perform(get("/api/admin/batches/" + batch + "/quotas").with(OTHER_OFFICE)).andExpect(status().isNotFound());
    assertThat(count("select quota from batch_quota where school_code = 'AD-U01'")).isEqualTo(4);
  }

  @Test
  void listsExportToXlsxWithChineseHeaders() throws Exception {
    byte[] xlsx = mvc.perform(get("/api/admin/schools?format=xlsx").with(OFFICE)).andExpect(status().isOk())
        .andReturn().getResponse().getContentAsByteArray();
    try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
      var rows = workbook.getFirstSheet().read();
      assertThat(rows.getFirst().getCell(0).getText()).isEqualTo("学校代码");
      assertThat(rows).anySatisfy(r -> {
        assertThat(r.getCell(1).getText()).isEqualTo("管理测试区西村小学");
        assertThat(r.getCell(3).getText()).isEqualTo("村");
      });
    }
    String csv = mvc.perform(get("/admin/export/schools?format=csv").with(TestUsers.browser("office.ad", "teaching-office", "AD")))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    assertThat(csv).startsWith("\uFEFF\"学校代码\"").contains("\"AD-R01\",\"管理测试区东镇小学\",\"AD\",\"乡镇\",1,300");
  }

  /** A crafted workbook (one row numbered two billion, 1.7 KB) is refused with a translated 400; nothing goes in. */
  @Test
  void aCraftedWorkbookIsRefusedWithATranslatedMessage() throws Exception {
    byte[] crafted = SpreadsheetLimitsTest.xlsx(
        "<row r=\"2000000000\"><c r=\"A2000000000\" t=\"inlineStr\"><is><t>AD-R99</t></is></c></row>");
    long before = jdbc.sql("select count(*) from school").query(Long.class).single();
    mvc.perform(multipart("/api/admin/imports/schools").file(new MockMultipartFile("file", "s.xlsx",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", crafted))
            .with(OFFICE).header("Accept-Language", "zh-CN"))
        .andExpect(status().isBadRequest())
        .andExpect(content().string(org.hamcrest.Matchers.containsString("超出范围的行号")));
    assertThat(jdbc.sql("select count(*) from school").query(Long.class).single()).isEqualTo(before);
  }

  @Test
  void anImportThroughTheApiAnswersRowColumnAndMessageOrTheCounts() throws Exception {
    byte[] bad = "学校代码,学校名称,区县代码,类型,偏远等级\nAD-R09,新村小学,AD,村,9\n".getBytes(StandardCharsets.UTF_8);
    mvc.perform(multipart("/api/admin/imports/schools").file(new MockMultipartFile("file", "s.csv", "text/csv", bad))
            .with(OFFICE).header("Accept-Language", "zh-CN"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].row").value(2))
        .andExpect(jsonPath("$.errors[0].column").value("偏远等级"))
        .andExpect(jsonPath("$.errors[0].message").value("应为 0 到 3 之间的整数。"));
    byte[] good = "学校代码,学校名称,区县代码,类型,偏远等级\nAD-R09,新村小学,AD,村,2\n".getBytes(StandardCharsets.UTF_8);
    mvc.perform(multipart("/api/admin/imports/schools").file(new MockMultipartFile("file", "s.csv", "text/csv", good))
            .with(OFFICE))
        .andExpect(status().isOk()).andExpect(jsonPath("$.added").value(1));
    mvc.perform(multipart("/api/admin/imports/schools").file(new MockMultipartFile("file", "s.csv", "text/csv", good))
            .with(TEACHER))
        .andExpect(status().isForbidden());
  }

  @Test
  void everyAdministrationPageRendersAndAFormPostNeedsItsCsrfToken() throws Exception {
    var office = TestUsers.browser("office.ad", "teaching-office", "AD");
    for (String page : List.of("/admin", "/admin/schools", "/admin/schools/AD-U01", "/admin/pairings", "/admin/groups",
        "/admin/batches", "/admin/teachers", "/admin/import")) {
      mvc.perform(get(page).with(office)).andExpect(status().isOk());
    }
    mvc.perform(get("/admin/schools/LC-U01").with(office)).andExpect(status().isNotFound());
    mvc.perform(post("/admin/schools").with(office).param("code", "AD-U77").param("name", "无令牌")
        .param("districtCode", "AD").param("areaType", "URBAN").param("remotenessTier", "0")).andExpect(status().isForbidden());
    mvc.perform(post("/admin/schools").with(office).with(csrf()).param("code", "AD-U77").param("name", "")
            .param("districtCode", "AD").param("areaType", "URBAN").param("remotenessTier", "0"))
        .andExpect(status().isBadRequest()).andExpect(content().string(containsString("此项为必填")))
        .andExpect(content().string(containsString("value=\"AD-U77\"")));
    assertThat(count("select count(*) from school where code = 'AD-U77'")).isZero();
    mvc.perform(multipart("/admin/import").file(new MockMultipartFile("file", "x.csv", "text/csv",
            "学校代码,学校名称\nAD-U78,缺列\n".getBytes(StandardCharsets.UTF_8))).param("kind", "schools").with(office).with(csrf()))
        .andExpect(status().isBadRequest()).andExpect(content().string(containsString("缺少此列")));
  }

  @Test
  void aBatchFormWithTextWhereADateOrNumberBelongsIsShownAgainWithAMessagePerFieldAndStoresNothing() throws Exception {
    var office = TestUsers.browser("office.ad", "teaching-office", "AD");
    long before = count("select count(*) from rotation_batch where district_code = 'AD'");
    mvc.perform(post("/admin/batches").with(office).with(csrf()).param("districtCode", "AD").param("name", "类型有误的批次")
            .param("opensOn", "下周一").param("closesOn", "2027-03-31").param("periodStarts", "2027-09-01")
            .param("periodEnds", "2028-07-31").param("status", "DRAFT").param("minYearsOfService", "三")
            .param("signOpinionDays", "5").param("reviseDays", "7").param("acceptDays", "5").param("approveDays", "7")
            .param("reminderLeadDays", "1"))
        .andExpect(status().isBadRequest())
        .andExpect(content().string(containsString("日期格式不正确")))
        .andExpect(content().string(containsString("请输入数字")))
        .andExpect(content().string(containsString("value=\"类型有误的批次\"")));
    mvc.perform(post("/api/admin/batches").with(OFFICE).contentType(MediaType.APPLICATION_JSON).content("""
            {"name":"","opensOn":"2026-12-01","closesOn":"2027-03-31","periodStarts":"2027-09-01",
             "periodEnds":"2028-07-31","status":"OPEN","minYearsOfService":"41","signOpinionDays":"5","reviseDays":"7",
             "acceptDays":"5","approveDays":"7","reminderLeadDays":"1"}"""))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.fields.name").value("此项为必填。"))
        .andExpect(jsonPath("$.fields.minYearsOfService").value("超出允许的范围。"));
    assertThat(count("select count(*) from rotation_batch where district_code = 'AD'")).isEqualTo(before);
  }
}
