package cn.jiaoliu.app.application.pdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oidcLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.jiaoliu.testsupport.TestDatabase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The approval form through the app without an engine: an application with a signed opinion in
 * the inbox's completed tasks; who may download it (page and API) and who gets 404.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
@ContextConfiguration(initializers = TestDatabase.class)
class ApprovalFormAccessTest {

  @Autowired MockMvc mvc;
  @Autowired JdbcClient jdbc;

  long applicationId;

  @BeforeEach
  void anApplicationWithTheDispatchingSchoolsOpinion() {
    long instance = System.nanoTime();
    String token = "approval-form-" + instance;
    jdbc.sql("""
        insert into rotation_application (teacher_username, teacher_name, home_school_code, target_school_code,
          district_code, batch_id, direction, post, subject, period_start, period_end, years_of_service, reasons,
          status, process_instance_key, request_token, created_at, updated_at, version)
        values ('teacher.zhang', '张伟', 'LC-U01', 'LC-R01', 'LC', 1, 'URBAN_TO_RURAL', 'TEACHER', '科学',
          date '2027-09-01', date '2028-07-31', 8, '到乡村学校开设科学实验课。', 'AWAITING_ACCEPTANCE', :instance, :token,
          current_timestamp, current_timestamp, 0)""").param("instance", instance).param("token", token).update();
    applicationId = jdbc.sql("select id from rotation_application where request_token = :t").param("t", token)
        .query(Long.class).single();
    jdbc.sql("""
        insert into inbox_task (job_key, process_instance_key, element_instance_key, bpmn_process_id, element_id,
          form_key, variables, status, created_at, checked_at, closed_at, completed_by, completed_by_name, submission,
          version, subject_type, subject_id)
        values (:job, :instance, 2, 'rotation-application', 'Task_SignOpinion', 'sign-opinion', '{}', 'COMPLETED',
          current_timestamp, current_timestamp, current_timestamp, 'principal.wang', '王芳', :submission, 0, 'APPLICATION',
          :app)""")
        .param("job", instance).param("instance", instance).param("app", applicationId)
        .param("submission", "{\"decision\":\"APPROVE\",\"comment\":\"实验教学能力突出，同意派出。\"}").update();
    jdbc.sql("delete from app_user where username = 'principal.wang'").update();
    jdbc.sql("""
        insert into app_user (username, display_name, roles, school_code, district_code, last_seen_at)
        values ('principal.wang', '王芳', 'principal', 'LC-U01', 'LC', current_timestamp)""").update();
  }

  static RequestPostProcessor bearer(String username, String role, String school, String district) {
    return jwt().jwt(j -> {
      j.claim("preferred_username", username).claim("roles", List.of(role)).claim("district_code", district);
      if (school != null) {
        j.claim("school_code", school);
      }
    });
  }

  static RequestPostProcessor browser(String username, String role, String school) {
    return oidcLogin().idToken(t -> t.claims(c -> c.putAll(Map.of("sub", username, "preferred_username", username,
            "roles", List.of(role), "district_code", "LC", "school_code", school))))
        .authorities(new SimpleGrantedAuthority("ROLE_" + role.toUpperCase()));
  }

  @Test
  void theTeacherDownloadsTheFormWithTheSignedOpinion() throws Exception {
    byte[] pdf = mvc.perform(get("/api/applications/" + applicationId + "/approval-form.pdf")
            .with(bearer("teacher.zhang", "teacher", "LC-U01", "LC")))
        .andExpect(status().isOk())
        .andExpect(content().contentType(MediaType.APPLICATION_PDF))
        .andReturn().getResponse().getContentAsByteArray();
    assertThat(ApprovalFormPdfTest.text(pdf)).contains("申请编号：" + applicationId, "张伟", "科学", "待接收学校接收",
        "派出学校签署意见", "意见：同意", "实验教学能力突出，同意派出。", "签名：王芳");
  }

  @Test
  void theReceivingPrincipalAndTheOfficeMayReadItInTheBrowserAndOverTheApi() throws Exception {
    mvc.perform(get("/applications/" + applicationId + "/approval-form.pdf").with(browser("principal.liu", "principal", "LC-R01")))
        .andExpect(status().isOk()).andExpect(content().contentType(MediaType.APPLICATION_PDF));
    mvc.perform(get("/api/applications/" + applicationId + "/approval-form.pdf")
            .with(bearer("office.chen", "teaching-office", null, "LC")))
        .andExpect(status().isOk());
  }

  @Test
  void outsidersGetNotFound() throws Exception {
    mvc.perform(get("/api/applications/" + applicationId + "/approval-form.pdf")
            .with(bearer("principal.zhao", "principal", "LC-U02", "LC")))
        .andExpect(status().isNotFound());
    mvc.perform(get("/api/applications/" + applicationId + "/approval-form.pdf")
            .with(bearer("office.gc", "teaching-office", null, "GC")))
        .andExpect(status().isNotFound());
    mvc.perform(get("/api/applications/" + applicationId + "/approval-form.pdf")
            .with(bearer("teacher.li", "teacher", "LC-R01", "LC")))
        .andExpect(status().isNotFound());
    mvc.perform(get("/applications/" + applicationId + "/approval-form.pdf").with(browser("principal.zhao", "principal", "LC-U02")))
        .andExpect(status().isNotFound());
    mvc.perform(get("/api/applications/999999999/approval-form.pdf").with(bearer("teacher.zhang", "teacher", "LC-U01", "LC")))
        .andExpect(status().isNotFound());
  }

  @Test
  void theApplicationPageLinksToTheForm() throws Exception {
    String page = mvc.perform(get("/applications/" + applicationId).with(browser("teacher.zhang", "teacher", "LC-U01")))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    assertThat(page).contains("href=\"/applications/" + applicationId + "/approval-form.pdf\"", "打印审批表（PDF）");
  }
}
