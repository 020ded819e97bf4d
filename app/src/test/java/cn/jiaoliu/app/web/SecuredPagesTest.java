package cn.jiaoliu.app.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oidcLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.jiaoliu.testsupport.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The app's security and pages without an engine: who gets in, which roles become authorities,
 * which tasks each user sees, and the translated errors.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
@ContextConfiguration(initializers = TestDatabase.class)
class SecuredPagesTest {

  @Autowired MockMvc mvc;
  @Autowired JdbcClient jdbc;

  private long wangsTask;
  private long applicationId;

  @BeforeEach
  void oneTaskForThePrincipalOfLcU01() {
    jdbc.sql("delete from inbox_task").update();
    String token = "secured-" + System.nanoTime();
    jdbc.sql("""
        insert into rotation_application (teacher_username, teacher_name, home_school_code, target_school_code,
          district_code, batch_id, direction, post, subject, period_start, period_end, years_of_service, reasons,
          status, request_token, created_at, updated_at, version)
        values ('teacher.zhang', '张伟', 'LC-U01', 'LC-R01', 'LC', 1, 'URBAN_TO_RURAL', 'TEACHER', '数学',
          date '2027-09-01', date '2028-07-31', 8, '支教', 'AWAITING_OPINION', :token, current_timestamp,
          current_timestamp, 0)""").param("token", token).update();
    applicationId = jdbc.sql("select id from rotation_application where request_token = :token").param("token", token)
        .query(Long.class).single();
    long jobKey = System.nanoTime();
    jdbc.sql("""
        insert into inbox_task (job_key, process_instance_key, element_instance_key, bpmn_process_id, element_id,
          form_key, variables, status, created_at, checked_at, version, subject_type, subject_id)
        values (:job, 1, 2, 'rotation-application', 'Task_SignOpinion', 'sign-opinion', :vars, 'OPEN',
          current_timestamp, current_timestamp, 0, 'APPLICATION', :app)""")
        .param("job", jobKey).param("vars", "{\"applicationId\":" + applicationId + "}").param("app", applicationId)
        .update();
    wangsTask = jdbc.sql("select id from inbox_task where job_key = :job").param("job", jobKey).query(Long.class).single();
    jdbc.sql("insert into inbox_task_candidate (task_id, candidate) values (:id, 'group:principal:LC-U01')")
        .param("id", wangsTask).update();
  }

  static RequestPostProcessor bearer(String username, String role, String school) {
    return jwt().jwt(j -> {
      j.claim("preferred_username", username).claim("roles", List.of(role)).claim("district_code", "LC");
      if (school != null) {
        j.claim("school_code", school);
      }
    });
  }

  static RequestPostProcessor browser(String username, String name, String role, String school) {
    OidcIdToken token = OidcIdToken.withTokenValue("id-token")
        .claim("sub", username)
        .claim("preferred_username", username)
        .claim("name", name)
        .claim("roles", List.of(role))
        .claim("district_code", "LC")
        .claims(c -> { if (school != null) { c.put("school_code", school); } })
        .build();
    return oidcLogin().idToken(t -> t.claims(c -> c.putAll(token.getClaims())))
        .authorities(new SimpleGrantedAuthority("ROLE_" + role.toUpperCase().replace('-', '_')));
  }

  @Test
  void theApiWantsABearerToken() throws Exception {
    mvc.perform(get("/api/tasks")).andExpect(status().isUnauthorized());
  }

  @Test
  void pagesSendTheBrowserToKeycloak() throws Exception {
    mvc.perform(get("/tasks"))
        .andExpect(status().is3xxRedirection())
        .andExpect(header().string("Location", containsString("/oauth2/authorization/keycloak")));
  }

  @Test
  void healthIsOpenForProbes() throws Exception {
    mvc.perform(get("/actuator/health/liveness")).andExpect(status().isOk());
  }

  @Test
  void thePrincipalOfTheSchoolSeesTheTask() throws Exception {
    mvc.perform(get("/api/tasks").with(bearer("principal.wang", "principal", "LC-U01")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$[0].id").value(wangsTask))
        .andExpect(jsonPath("$[0].name").value("签署意见（派出学校）"));
  }

  @Test
  void principalOfAnotherSchoolCannotSeeOrTouchTheTask() throws Exception {
    var liu = bearer("principal.liu", "principal", "LC-R01");
    mvc.perform(get("/api/tasks").with(liu)).andExpect(status().isOk()).andExpect(content().json("[]"));
    mvc.perform(get("/api/tasks/" + wangsTask).with(liu)).andExpect(status().isNotFound());
    mvc.perform(post("/api/tasks/" + wangsTask + "/claim").with(liu)).andExpect(status().isNotFound());
    mvc.perform(post("/api/tasks/" + wangsTask + "/complete").with(liu)
            .contentType("application/json").content("{\"decision\":\"APPROVE\"}"))
        .andExpect(status().isNotFound());

    assertThat(jdbc.sql("select claimed_by from inbox_task where id = :id").param("id", wangsTask)
        .query(String.class).optional()).isEmpty();
  }

  @Test
  void aTeacherWithTheSameRoleNameInAnotherClaimGetsNothing() throws Exception {
    mvc.perform(get("/api/tasks").with(bearer("teacher.zhang", "teacher", "LC-U01")))
        .andExpect(status().isOk()).andExpect(content().json("[]"));
  }

  @Test
  void badInputOnATaskIsATranslatedErrorAndChangesNothing() throws Exception {
    var wang = bearer("principal.wang", "principal", "LC-U01");
    mvc.perform(post("/api/tasks/" + wangsTask + "/complete").with(wang).header("Accept-Language", "zh-CN")
            .contentType("application/json").content("{\"decision\":\"REJECT\",\"comment\":\"\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.fields.comment").value("选择“不同意”时请填写意见说明。"));
    // the message names the decision it belongs to: returning asks what is to be revised
    mvc.perform(post("/api/tasks/" + wangsTask + "/complete").with(wang).header("Accept-Language", "zh-CN")
            .contentType("application/json").content("{\"decision\":\"RETURN\",\"comment\":\" \"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.fields.comment").value("退回修改时请写明需要修改的内容。"));
    mvc.perform(post("/api/tasks/" + wangsTask + "/complete").with(wang).header("Accept-Language", "en")
            .contentType("application/json").content("{\"decision\":\"MAYBE\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.fields.decision").value("Please choose one."));
    mvc.perform(post("/api/tasks/" + wangsTask + "/complete").with(wang)
            .contentType("application/json").content("{not json"))
        .andExpect(status().isBadRequest());
    mvc.perform(get("/api/tasks/not-a-number").with(wang)).andExpect(status().isBadRequest());

    assertThat(jdbc.sql("select status from inbox_task where id = :id").param("id", wangsTask)
        .query(String.class).single()).isEqualTo("OPEN");
  }

  @Test
  void claimingTwiceByTwoPeopleIsAConflict() throws Exception {
    mvc.perform(post("/api/tasks/" + wangsTask + "/claim").with(bearer("principal.wang", "principal", "LC-U01")))
        .andExpect(status().isOk()).andExpect(jsonPath("$.claimedBy").value("principal.wang"));
    mvc.perform(post("/api/tasks/" + wangsTask + "/claim").with(bearer("vice.zhou", "principal", "LC-U01")))
        .andExpect(status().isConflict());
  }

  @Test
  void theTeachersHomePageIsChineseByDefault() throws Exception {
    mvc.perform(get("/").with(browser("teacher.zhang", "张 伟", "teacher", "LC-U01")))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("您好，张伟")))
        .andExpect(content().string(containsString("教师工作台")))
        .andExpect(content().string(containsString("莱城区实验小学")))
        .andExpect(content().string(not(containsString("校长工作台"))));
  }

  @Test
  void englishIsSelectable() throws Exception {
    mvc.perform(get("/").param("lang", "en").with(browser("teacher.zhang", "张 伟", "teacher", "LC-U01")))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("Teacher workspace")));
  }

  @Test
  void thePrincipalsInboxPageListsTheirTask() throws Exception {
    mvc.perform(get("/tasks").with(browser("principal.wang", "王 芳", "principal", "LC-U01")))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("签署意见（派出学校）")))
        .andExpect(content().string(containsString("交流申请 #" + applicationId + "（张伟）")));
    mvc.perform(get("/tasks/" + wangsTask).with(browser("principal.wang", "王 芳", "principal", "LC-U01")))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("value=\"RETURN\"")))
        .andExpect(content().string(containsString("退回修改")))
        .andExpect(content().string(containsString("数学")));
    mvc.perform(get("/tasks/" + wangsTask).with(browser("principal.liu", "刘 洋", "principal", "LC-R01")))
        .andExpect(status().isNotFound())
        .andExpect(content().string(containsString("未找到该内容")));
  }

  @Test
  void formPostsNeedACsrfToken() throws Exception {
    var wang = browser("principal.wang", "王 芳", "principal", "LC-U01");
    mvc.perform(post("/tasks/" + wangsTask + "/claim").with(wang)).andExpect(status().isForbidden());
    mvc.perform(post("/tasks/" + wangsTask + "/claim").with(wang).with(csrf())).andExpect(status().is3xxRedirection());
  }

  @Test
  void anApplicationWithBadInputIsRejectedAndNotStored() throws Exception {
    long before = jdbc.sql("select count(*) from rotation_application").query(Long.class).single();
    mvc.perform(post("/api/applications").with(bearer("teacher.zhang", "teacher", "LC-U01"))
            .contentType("application/json").content("""
                {"batchId":"x","direction":"SIDEWAYS","targetSchoolCode":"NOPE","subject":"","periodStart":"2027-13-01",
                 "periodEnd":"2028-07-31","yearsOfService":"-1","reasons":"%s"}""".formatted("长".repeat(2001))))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.fields.batchId").value("请输入数字。"))
        .andExpect(jsonPath("$.fields.direction").value("请选择一项。"))
        .andExpect(jsonPath("$.fields.targetSchoolCode").value("该学校不存在或不属于本区。"))
        .andExpect(jsonPath("$.fields.subject").value("此项为必填。"))
        .andExpect(jsonPath("$.fields.periodStart").value("日期格式不正确。"))
        .andExpect(jsonPath("$.fields.yearsOfService").value("教龄应在 0 到 60 年之间。"))
        .andExpect(jsonPath("$.fields.reasons").value("内容过长。"));
    mvc.perform(post("/api/applications").with(bearer("principal.wang", "principal", "LC-U01"))
            .contentType("application/json").content("{\"subject\":\"t\"}"))
        .andExpect(status().isForbidden());
    assertThat(jdbc.sql("select count(*) from rotation_application").query(Long.class).single()).isEqualTo(before);
  }

  @Test
  void theFormRefusesAPrincipalOfAnotherSchoolEvenWhenACandidateGroupLetsThemIn() throws Exception {
    // a principal whose token names another school, though the candidate group matches by mistake, is refused by the form
    jdbc.sql("insert into inbox_task_candidate (task_id, candidate) values (:id, 'group:principal:LC-R01')")
        .param("id", wangsTask).update();
    mvc.perform(post("/api/tasks/" + wangsTask + "/complete").with(bearer("principal.liu", "principal", "LC-R01"))
            .contentType("application/json").content("{\"decision\":\"APPROVE\"}"))
        .andExpect(status().isForbidden());
    assertThat(jdbc.sql("select status from inbox_task where id = :id").param("id", wangsTask)
        .query(String.class).single()).isEqualTo("OPEN");
  }


  @Test
  void theInboxExportsAsTheUserSeesIt() throws Exception {
    byte[] xlsx = mvc.perform(get("/tasks/export?format=xlsx").with(browser("principal.wang", "王芳", "principal", "LC-U01")))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
    try (var workbook = new org.dhatim.fastexcel.reader.ReadableWorkbook(new java.io.ByteArrayInputStream(xlsx))) {
      var rows = workbook.getFirstSheet().read();
      assertThat(rows.getFirst().getCell(1).getText()).isEqualTo("任务");
      assertThat(rows).hasSize(2);
      assertThat(rows.get(1).getCell(0).getText()).isEqualTo(String.valueOf(wangsTask));
      assertThat(rows.get(1).getCell(1).getText()).isEqualTo("签署意见（派出学校）");
      assertThat(rows.getFirst().getCell(3).getText()).isEqualTo("教师");
      assertThat(rows.get(1).getCell(4).getText()).as("the home school by name").isEqualTo("莱城区实验小学");
      assertThat(rows.get(1).getCell(11).getText()).isEqualTo("未认领");
    }
    String csv = mvc.perform(get("/tasks/export?format=csv").with(browser("principal.zhao", "赵敏", "principal", "LC-U02")))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
    assertThat(csv.split("\r\n")).as("another school's principal exports only the header").hasSize(1);
  }

  @Test
  void theOfficeReadsItsDistrictsLedgerAndItsMenuNeverOffersAnApplicationOfItsOwn() throws Exception {
    var office = browser("office.chen", "陈静", "teaching-office", null);
    String page = mvc.perform(get("/applications/ledger").with(office))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    assertThat(page).contains("申请台账", "张伟", "/applications/" + applicationId)
        .doesNotContain(">我的申请<", "申请交流轮岗");
    assertThat(mvc.perform(get("/applications/ledger?q=不存在的人").with(office)).andReturn().getResponse()
        .getContentAsString()).contains("没有符合条件的申请").doesNotContain("张伟");
    byte[] xlsx = mvc.perform(get("/applications/ledger/export?format=xlsx&status=AWAITING_OPINION").with(office))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
    try (var workbook = new org.dhatim.fastexcel.reader.ReadableWorkbook(new java.io.ByteArrayInputStream(xlsx))) {
      var rows = workbook.getFirstSheet().read();
      assertThat(rows.getFirst().getCell(1).getText()).isEqualTo("教师");
      assertThat(rows).anySatisfy(r -> assertThat(r.getCell(0).getText()).isEqualTo(String.valueOf(applicationId)));
    }
    mvc.perform(get("/applications/ledger").with(browser("principal.wang", "王芳", "principal", "LC-U01")))
        .andExpect(status().isForbidden());
    mvc.perform(get("/applications/ledger").with(browser("teacher.zhang", "张伟", "teacher", "LC-U01")))
        .andExpect(status().isForbidden());
    mvc.perform(get("/applications/ledger?district=NOWHERE").with(browser("admin", "管理员", "admin", null)))
        .andExpect(status().isNotFound());
  }

  @Test
  void theOfficeKeepsItsGroupChannelsAndAPrincipalCannot() throws Exception {
    var office = browser("office.chen", "陈静", "teaching-office", null);
    mvc.perform(post("/admin/channels").with(office).with(csrf()).param("kind", "WECOM").param("name", "校长群")
            .param("url", "https://evil.example/hook"))
        .andExpect(status().isBadRequest())
        .andExpect(content().string(org.hamcrest.Matchers.containsString("qyapi.weixin.qq.com")));
    mvc.perform(post("/admin/channels").with(office).with(csrf()).param("kind", "WECOM").param("name", "校长群")
            .param("url", "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc123"))
        .andExpect(status().is3xxRedirection());
    String page = mvc.perform(get("/admin/channels").with(office)).andExpect(status().isOk())
        .andReturn().getResponse().getContentAsString();
    assertThat(page).contains("校长群", "企业微信群机器人").doesNotContain("abc123");
    mvc.perform(get("/admin/channels").with(browser("principal.wang", "王芳", "principal", "LC-U01")))
        .andExpect(status().isForbidden());
  }

  @Test
  void theInboxPagesInsteadOfCuttingOffAndFindsATeacherByName() throws Exception {
    for (int i = 0; i < 60; i++) {
      long job = System.nanoTime();
      jdbc.sql("""
          insert into inbox_task (job_key, process_instance_key, element_instance_key, bpmn_process_id, element_id,
            form_key, variables, status, created_at, checked_at, version, subject_type, subject_id, person_name,
            due_at)
          values (:job, :job, :job, 'rotation-application', 'Task_SignOpinion', 'sign-opinion', :vars, 'OPEN',
            current_timestamp, current_timestamp, 0, 'APPLICATION', :app, :name, current_timestamp)""")
          .param("job", job).param("vars", "{\"applicationId\":" + applicationId + "}").param("app", applicationId)
          .param("name", i == 0 ? "欧阳明" : "教师" + i).update();
      jdbc.sql("insert into inbox_task_candidate (task_id, candidate) select id, 'group:principal:LC-U01' from inbox_task"
          + " where job_key = :job").param("job", job).update();
    }
    var wang = browser("principal.wang", "王芳", "principal", "LC-U01");
    String first = mvc.perform(get("/tasks").with(wang)).andReturn().getResponse().getContentAsString();
    assertThat(first).contains("共 61 项", "第 1 / 2 页", "id=\"next-page\"");
    assertThat(first.split("<tr id=\"task-", -1)).hasSize(50 + 1);
    String second = mvc.perform(get("/tasks?page=2").with(wang)).andReturn().getResponse().getContentAsString();
    assertThat(second.split("<tr id=\"task-", -1)).hasSize(11 + 1);
    String found = mvc.perform(get("/tasks?q=欧阳").with(wang)).andReturn().getResponse().getContentAsString();
    assertThat(found).contains("共 1 项");
    String none = mvc.perform(get("/tasks?q=100%25").with(wang)).andReturn().getResponse().getContentAsString();
    assertThat(none).contains("没有符合筛选条件的任务");
  }

  @Test
  void theOfficesHomePageIsTheDistrictAtAGlanceAndShowsNoOtherDistrict() throws Exception {
    for (String district : List.of("LC", "GC")) {
      long job = System.nanoTime();
      jdbc.sql("""
          insert into inbox_task (job_key, process_instance_key, element_instance_key, bpmn_process_id, element_id,
            form_key, variables, status, created_at, checked_at, version, subject_type, subject_id, person_name,
            district_code, due_at)
          values (:job, :job, :job, 'rotation-application', 'Task_ApproveApplication', 'approve-application', :vars,
            'OPEN', current_timestamp, current_timestamp, 0, 'APPLICATION', :app, '张伟', :d,
            timestamp '2020-01-01 08:00:00')""")
          .param("job", job).param("vars", "{\"applicationId\":" + (district.equals("LC") ? applicationId : 999_999) + "}")
          .param("app", district.equals("LC") ? applicationId : 999_999).param("d", district).update();
    }
    String home = mvc.perform(get("/").with(browser("office.chen", "陈静", "teaching-office", null)))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    assertThat(home).contains("id=\"director\"", "申请状态", "/applications/ledger?status=AWAITING_OPINION",
        "逾期未办", "/applications/" + applicationId, "农村学校覆盖", "历年交流人次");
    assertThat(home.split("overdue-list")[1].split("</ul>")[0])
        .as("only the district's own overdue case").contains("张伟").doesNotContain("999999");
    String principal = mvc.perform(get("/").with(browser("principal.wang", "王芳", "principal", "LC-U01")))
        .andReturn().getResponse().getContentAsString();
    assertThat(principal).doesNotContain("id=\"director\"");
  }

  @Test
  void theEligibilityHintsAreTheTeachersOwnAndNobodyElses() throws Exception {
    String hints = mvc.perform(get("/applications/eligibility?batchId=1&direction=URBAN_TO_RURAL&yearsOfService=1")
            .with(browser("teacher.zhang", "张伟", "teacher", "LC-U01")))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    assertThat(hints).contains("id=\"eligibility\"", "教龄 1 年").doesNotContain("<header");
    mvc.perform(get("/applications/eligibility?batchId=1").with(browser("principal.wang", "王芳", "principal", "LC-U01")))
        .andExpect(status().isForbidden());
  }
}
