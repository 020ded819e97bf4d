package cn.jiaoliu.app.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;

import cn.jiaoliu.testsupport.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A signature keeps the name its signer had when signing: a principal who renames herself
 * "教育局局长" afterwards does not rewrite her opinion (pages and the approval form read the stored
 * name; they once looked it up anew).
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
@ContextConfiguration(initializers = TestDatabase.class)
class SignerNameTest {

  @Autowired MockMvc mvc;
  @Autowired JdbcClient jdbc;

  @Test
  void anOpinionKeepsTheNameItWasSignedWith() throws Exception {
    String token = "signer-" + System.nanoTime();
    long instance = System.nanoTime();
    jdbc.sql("""
        insert into rotation_application (teacher_username, teacher_name, home_school_code, target_school_code,
          district_code, batch_id, direction, post, subject, period_start, period_end, years_of_service, reasons,
          status, current_step, process_instance_key, request_token, created_at, updated_at, version)
        values ('teacher.signer', '签名教师', 'LC-U01', 'LC-R01', 'LC', 1, 'URBAN_TO_RURAL', 'TEACHER', '数学',
          date '2027-09-01', date '2028-07-31', 8, '支教', 'AWAITING_OPINION', 'Task_SignOpinion', :key, :token,
          current_timestamp, current_timestamp, 0)""").param("key", instance).param("token", token).update();
    long id = jdbc.sql("select id from rotation_application where request_token = :t").param("t", token)
        .query(Long.class).single();
    long job = System.nanoTime();
    jdbc.sql("""
        insert into inbox_task (job_key, process_instance_key, element_instance_key, bpmn_process_id, element_id,
          form_key, variables, status, created_at, checked_at, version, subject_type, subject_id)
        values (:job, :key, 2, 'rotation-application', 'Task_SignOpinion', 'sign-opinion', '{}', 'OPEN',
          current_timestamp, current_timestamp, 0, 'APPLICATION', :app)""")
        .param("job", job).param("key", instance).param("app", id).update();
    long task = jdbc.sql("select id from inbox_task where job_key = :j").param("j", job).query(Long.class).single();
    jdbc.sql("insert into inbox_task_candidate (task_id, candidate) values (:id, 'group:principal:LC-U01')")
        .param("id", task).update();
    jdbc.sql("""
        insert into app_user (username, display_name, roles, school_code, district_code, last_seen_at)
        values ('principal.signer', '王芳', 'principal', 'LC-U01', 'LC', current_timestamp)""").update();

    // signed (the engine is away in this test: the submission is kept, the signature with it)
    mvc.perform(post("/api/tasks/" + task + "/complete").with(jwt().jwt(j -> j.claim("preferred_username",
            "principal.signer").claim("name", "王芳").claim("roles", List.of("principal")).claim("school_code", "LC-U01")
            .claim("district_code", "LC"))).contentType("application/json")
        .content("{\"decision\":\"APPROVE\",\"comment\":\"同意\"}"));
    assertThat(jdbc.sql("select completed_by_name from inbox_task where id = :id").param("id", task)
        .query(String.class).single()).isEqualTo("王芳");

    // then renamed: the opinion still reads the name it was signed with
    jdbc.sql("update app_user set display_name = '教育局局长' where username = 'principal.signer'").update();
    mvc.perform(get("/api/applications/" + id).with(jwt().jwt(j -> j.claim("preferred_username", "teacher.signer")
            .claim("name", "签名教师").claim("roles", List.of("teacher")).claim("school_code", "LC-U01")
            .claim("district_code", "LC"))))
        .andExpect(jsonPath("$.opinions[0].signerName").value("王芳"));
  }
}
