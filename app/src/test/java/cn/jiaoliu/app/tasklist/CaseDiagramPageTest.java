package cn.jiaoliu.app.tasklist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oidcLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import cn.jiaoliu.testsupport.TestDatabase;
import cn.jiaoliu.testsupport.TestUsers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The application's page draws its process with the case's progress: the dispatching school's
 * opinion done, the receiving school's step current (held by its principals since the task
 * arrived), the office's approval next; and says the same in a line for a phone. A step the case
 * has not reached is neither done nor current. The task page of that step shows the same, in the
 * reader's language.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
@ContextConfiguration(initializers = TestDatabase.class)
class CaseDiagramPageTest {

  @Autowired MockMvc mvc;
  @Autowired JdbcClient jdbc;

  @Test
  void theApplicationPageShowsTheDiagramAtTheCurrentStep() throws Exception {
    Case c = newCase();
    MvcResult result = mvc.perform(get("/applications/" + c.id()).locale(Locale.SIMPLIFIED_CHINESE)
        .with(TestUsers.browser(c.teacher(), "teacher", "LC"))).andReturn();
    assertThat(result.getResponse().getStatus()).isEqualTo(200);
    String html = result.getResponse().getContentAsString(StandardCharsets.UTF_8);

    assertThat(html).contains("<details class=\"diagram-box fold\" id=\"diagram\">").contains("<svg")
        .contains("<g class=\"node human done\" data-element=\"Task_SignOpinion\"><title>签署意见（派出学校）</title>")
        .contains("<g class=\"node human current\" data-element=\"Task_AcceptTeacher\"><title>接收交流教师 — "
            + c.school() + " 校长，自 ")
        .contains("<g class=\"node human next\" data-element=\"Task_ApproveApplication\">")
        .contains("<g class=\"node human\" data-element=\"Task_ReviseApplication\">");
    assertThat(line(html)).contains("当前：接收交流教师（" + c.school() + " 校长，自 ")
        .contains("起）；下一步：审批交流申请 或 接收学校不接收（办结）");
  }

  @Test
  void theTaskPageOfTheCurrentStepShowsTheSameDiagramInEnglish() throws Exception {
    Case c = newCase();
    MvcResult result = mvc.perform(get("/tasks/" + c.current()).locale(Locale.ENGLISH)
        .with(receivingPrincipal())).andReturn();
    assertThat(result.getResponse().getStatus()).isEqualTo(200);
    String html = result.getResponse().getContentAsString(StandardCharsets.UTF_8);

    assertThat(html).contains("id=\"diagram\"")
        .contains("<g class=\"node human current\" data-element=\"Task_AcceptTeacher\">")
        .contains("<g class=\"node human done\" data-element=\"Task_SignOpinion\">");
    assertThat(line(html)).startsWith("Now: ").contains(c.school())
        .contains("; Next: ").contains(" or 接收学校不接收 (end)");
  }

  /** The line under the progress for those who do not read the drawing, as text. */
  private static String line(String html) {
    int start = html.indexOf(">", html.indexOf("id=\"next-steps\"")) + 1;
    return html.substring(start, html.indexOf("</p>", start)).replaceAll("<[^>]+>", "").strip();
  }

  private static RequestPostProcessor receivingPrincipal() {
    return oidcLogin().idToken(t -> t.claim("sub", "principal.diagram").claim("preferred_username", "principal.diagram")
            .claim("name", "principal.diagram").claim("roles", List.of("principal")).claim("district_code", "LC")
            .claim("school_code", "LC-R01"))
        .authorities(new SimpleGrantedAuthority("ROLE_PRINCIPAL"));
  }

  record Case(long id, String teacher, long current, String school) {}

  private Case newCase() {
    String teacher = "diagram" + Long.toString(System.nanoTime(), 36);
    long instance = System.nanoTime();
    jdbc.sql("""
        insert into rotation_application (teacher_username, teacher_name, home_school_code, target_school_code,
          district_code, batch_id, direction, post, subject, period_start, period_end, years_of_service, reasons,
          status, current_step, request_token, created_at, updated_at, version, process_instance_key)
        values (:t, '流程图教师', 'LC-U01', 'LC-R01', 'LC', 1, 'URBAN_TO_RURAL', 'TEACHER', '数学',
          date '2027-09-01', date '2028-07-31', 8, '支教', 'AWAITING_ACCEPTANCE', 'Task_AcceptTeacher', :t,
          current_timestamp, current_timestamp, 0, :instance)""").param("t", teacher).param("instance", instance)
        .update();
    long id = jdbc.sql("select id from rotation_application where request_token = :t").param("t", teacher)
        .query(Long.class).single();
    long signed = task(instance, id, "Task_SignOpinion", "group:principal:LC-U01");
    jdbc.sql("""
        update inbox_task set status = 'COMPLETED', completed_by = 'principal.wang', completed_by_name = '王校长',
          closed_at = current_timestamp where id = :t""").param("t", signed).update();
    long current = task(instance, id, "Task_AcceptTeacher", "group:principal:LC-R01");
    String school = jdbc.sql("select name from school where code = 'LC-R01'").query(String.class).single();
    return new Case(id, teacher, current, school);
  }

  private long task(long instance, long application, String step, String candidate) {
    String form = step.equals("Task_AcceptTeacher") ? "accept-teacher" : "sign-opinion";
    long job = System.nanoTime();
    jdbc.sql("""
        insert into inbox_task (job_key, process_instance_key, element_instance_key, bpmn_process_id, element_id,
          form_key, variables, status, created_at, checked_at, version, subject_type, subject_id, district_code)
        values (:job, :instance, :job, 'rotation-application', :step, :form, :vars, 'OPEN', current_timestamp,
          current_timestamp, 0, 'APPLICATION', :id, 'LC')""")
        .param("job", job).param("instance", instance).param("step", step).param("form", form)
        .param("vars", "{\"applicationId\":" + application + "}").param("id", application).update();
    long task = jdbc.sql("select id from inbox_task where job_key = :job").param("job", job).query(Long.class).single();
    jdbc.sql("insert into inbox_task_candidate (task_id, candidate, task_open) values (:t, :c, true)")
        .param("t", task).param("c", candidate).update();
    return task;
  }
}
