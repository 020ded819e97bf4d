package cn.jiaoliu.app.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.jiaoliu.testsupport.TestDatabase;
import cn.jiaoliu.workers.tasks.StepDeadlines;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * An overdue step lands in the district teaching office's inbox as overdue (to follow up, not to
 * act for the school), the application is flagged, and the office is notified once.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
@ContextConfiguration(initializers = TestDatabase.class)
class EscalationTest {

  @Autowired StepDeadlines deadlines;
  @Autowired JdbcClient jdbc;
  @Autowired MockMvc mvc;

  static RequestPostProcessor office(String district) {
    return jwt().jwt(j -> j.claim("preferred_username", "office.chen").claim("roles", List.of("teaching-office"))
        .claim("district_code", district).claim("name", "陈 静"));
  }

  static RequestPostProcessor principal(String username, String school) {
    return jwt().jwt(j -> j.claim("preferred_username", username).claim("roles", List.of("principal"))
        .claim("district_code", "LC").claim("school_code", school).claim("name", username));
  }

  static RequestPostProcessor officeSession() {
    return org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oidcLogin()
        .idToken(t -> t.claims(c -> {
          c.put("sub", "office.chen");
          c.put("preferred_username", "office.chen");
          c.put("name", "陈静");
          c.put("roles", List.of("teaching-office"));
          c.put("district_code", "LC");
        }))
        .authorities(new org.springframework.security.core.authority.SimpleGrantedAuthority("ROLE_TEACHING_OFFICE"));
  }

  static RequestPostProcessor admin() {
    return jwt().jwt(j -> j.claim("preferred_username", "admin").claim("roles", List.of("admin"))
        .claim("district_code", "LC").claim("name", "系统管理员"));
  }

  @Test
  void anOverdueOpinionIsShownToTheOfficeWhoMayFollowItUpButNotSign() throws Exception {
    String token = "escalation-" + System.nanoTime();
    jdbc.sql("""
        insert into rotation_application (teacher_username, teacher_name, home_school_code, target_school_code,
          district_code, batch_id, direction, post, subject, period_start, period_end, years_of_service, reasons,
          status, current_step, request_token, created_at, updated_at, version)
        values ('teacher.zhang', '张伟', 'LC-U01', 'LC-R01', 'LC', 1, 'URBAN_TO_RURAL', 'TEACHER', '数学',
          date '2027-09-01', date '2028-07-31', 8, '支教', 'AWAITING_OPINION', 'Task_SignOpinion', :token,
          current_timestamp, current_timestamp, 0)""").param("token", token).update();
    long id = jdbc.sql("select id from rotation_application where request_token = :t").param("t", token)
        .query(Long.class).single();
    long jobKey = System.nanoTime();
    long instanceKey = jobKey + 1;
    // as the intake files it: under the case's district, whose teaching office supervises it
    jdbc.sql("""
        insert into inbox_task (job_key, process_instance_key, element_instance_key, bpmn_process_id, element_id,
          form_key, variables, status, created_at, checked_at, version, subject_type, subject_id, due_at,
          district_code)
        values (:job, :instance, 2, 'rotation-application', 'Task_SignOpinion', 'sign-opinion', :vars, 'OPEN',
          current_timestamp, current_timestamp, 0, 'APPLICATION', :app, timestamp '2026-01-01 00:00:00', 'LC')""")
        .param("job", jobKey).param("instance", instanceKey).param("vars", "{\"applicationId\":" + id + "}")
        .param("app", id).update();
    long taskId = jdbc.sql("select id from inbox_task where job_key = :j").param("j", jobKey).query(Long.class).single();
    jdbc.sql("insert into inbox_task_candidate (task_id, candidate) values (:id, 'group:principal:LC-U01')")
        .param("id", taskId).update();
    mvc.perform(get("/api/tasks").with(office("LC"))).andExpect(status().isOk())
        .andExpect(jsonPath("$[?(@.id == " + taskId + ")]").isEmpty());

    // two office users: the repeated escalation meets a notification the first already has, and must
    // not abort its transaction before the second user's (on PostgreSQL a failed insert would)
    for (String office : List.of("office.chen", "office.deputy")) {
      jdbc.sql("""
          insert into app_user (username, display_name, roles, district_code, last_seen_at)
          values (:u, :u, 'teaching-office', 'LC', current_timestamp) on conflict do nothing""").param("u", office).update();
    }
    long officeUsers = jdbc.sql("""
        select count(*) from app_user where district_code = 'LC' and roles like '%teaching-office%'""")
        .query(Long.class).single();
    deadlines.escalate(instanceKey, "Task_SignOpinion");
    deadlines.escalate(instanceKey, "Task_SignOpinion");
    assertThat(jdbc.sql("select count(*) from notification where application_id = :id and message_key = 'notification.overdue'")
        .param("id", id).query(Long.class).single()).as("each office user told once").isEqualTo(officeUsers);

    mvc.perform(get("/api/tasks").with(office("LC"))).andExpect(status().isOk())
        .andExpect(jsonPath("$[?(@.id == " + taskId + ")].elementId").value("Task_SignOpinion"));
    mvc.perform(get("/api/tasks").with(office("GC"))).andExpect(status().isOk())
        .andExpect(jsonPath("$[?(@.id == " + taskId + ")]").isEmpty());
    mvc.perform(post("/api/tasks/" + taskId + "/complete").with(office("LC"))
            .contentType("application/json").content("{\"decision\":\"APPROVE\"}"))
        .andExpect(status().isForbidden());
    // nor through the bulk decision of the inbox page, with a realistic decision
    mvc.perform(post("/tasks/bulk-complete").with(officeSession()).with(csrf()).param("taskId", String.valueOf(taskId))
            .param("decision", "APPROVE").param("comment", "同意"))
        .andExpect(status().is3xxRedirection())
        .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash().attribute("bulkDone", 0));
    assertThat(jdbc.sql("select status from inbox_task where id = :id").param("id", taskId).query(String.class).single())
        .isEqualTo("OPEN");
    // seeing is not acting: the office cannot claim or unclaim the principal's step (it once claimed
    // it and locked the principal out), the principal can, and an administrator can release a claim
    mvc.perform(post("/api/tasks/" + taskId + "/claim").with(office("LC"))).andExpect(status().isForbidden());
    mvc.perform(post("/api/tasks/" + taskId + "/unclaim").with(office("LC"))).andExpect(status().isForbidden());
    mvc.perform(post("/api/tasks/" + taskId + "/claim").with(principal("principal.wang", "LC-U01")))
        .andExpect(status().isOk()).andExpect(jsonPath("$.claimedBy").value("principal.wang"));
    mvc.perform(post("/api/tasks/" + taskId + "/release").with(office("LC"))).andExpect(status().isForbidden());
    mvc.perform(post("/api/tasks/" + taskId + "/release").with(admin())).andExpect(status().isOk());
    assertThat(jdbc.sql("select claimed_by from inbox_task where id = :id").param("id", taskId).query(String.class)
        .optional()).isEmpty();
    assertThat(jdbc.sql("select count(*) from audit_event where subject_id = :id and action = 'CLAIM_RELEASED'")
        .param("id", id).query(Long.class).single()).isEqualTo(1);
    // and the case's page tells it in words
    mvc.perform(get("/applications/" + id).with(officeSession())).andExpect(status().isOk())
        .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
            .string(org.hamcrest.Matchers.allOf(org.hamcrest.Matchers.containsString("管理员释放了认领"),
                org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("??audit.")))));
    // nobody decides on their own case: the applicant holding the principal role too may not sign
    mvc.perform(post("/api/tasks/" + taskId + "/claim").with(jwt().jwt(j -> j.claim("preferred_username", "teacher.zhang")
            .claim("roles", List.of("teacher", "principal")).claim("district_code", "LC").claim("school_code", "LC-U01"))))
        .andExpect(status().isForbidden());
    mvc.perform(post("/api/tasks/" + taskId + "/complete").with(jwt().jwt(j -> j.claim("preferred_username", "teacher.zhang")
            .claim("roles", List.of("teacher", "principal")).claim("district_code", "LC").claim("school_code", "LC-U01")))
            .contentType("application/json").content("{\"decision\":\"APPROVE\",\"comment\":\"同意\"}"))
        .andExpect(status().isForbidden());
    assertThat(jdbc.sql("select overdue_step from rotation_application where id = :id").param("id", id)
        .query(String.class).single()).isEqualTo("Task_SignOpinion");
    assertThat(jdbc.sql("select count(*) from inbox_task_candidate where task_id = :id").param("id", taskId)
        .query(Long.class).single()).isEqualTo(2);
    assertThat(jdbc.sql("select count(*) from audit_event where subject_id = :id and action = 'OVERDUE'").param("id", id)
        .query(Long.class).single()).isEqualTo(1);
  }
}
