package cn.jiaoliu.app.application;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jiaoliu.app.security.JiaoliuUser;
import cn.jiaoliu.app.security.Role;
import cn.jiaoliu.app.tasklist.TaskService;
import cn.jiaoliu.testsupport.TestDatabase;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * Nobody signs their own case: a principal's own application is signed for the dispatching school
 * by the district's teaching office (its step is routed there and the office's form lets it
 * sign), a teacher's by the school's principals as before.
 */
@SpringBootTest
@ActiveProfiles("test")
@ContextConfiguration(initializers = TestDatabase.class)
class OwnCaseSignerTest {

  @Autowired JdbcClient jdbc;
  @Autowired RotationApplicationRepository applications;
  @Autowired DispatchingSigner signer;
  @Autowired TaskService tasks;

  @Test
  void aPrincipalsOwnApplicationIsSignedByTheOfficeNotByThePrincipal() {
    String n = Long.toString(System.nanoTime(), 36);
    user("head" + n, "principal", "LC-U01");
    user("teach" + n, "teacher", "LC-U01");
    RotationApplication own = applications.findById(application("head" + n, n + "a")).orElseThrow();
    RotationApplication teachers = applications.findById(application("teach" + n, n + "b")).orElseThrow();

    assertThat(signer.groupOf(own)).isEqualTo("teaching-office:LC");
    assertThat(signer.groupOf(teachers)).isEqualTo("principal:LC-U01");

    JiaoliuUser office = new JiaoliuUser("office" + n, "教学办", Set.of(Role.TEACHING_OFFICE), null, "LC");
    JiaoliuUser head = new JiaoliuUser("head" + n, "校长", Set.of(Role.PRINCIPAL), "LC-U01", "LC");
    long ownTask = task(own.id(), "group:teaching-office:LC");
    long teachersTask = task(teachers.id(), "group:principal:LC-U01");
    assertThat(tasks.mayAct(office, tasks.get(office, ownTask))).isTrue();
    assertThat(tasks.mayAct(head, tasks.get(office, ownTask))).isFalse();
    assertThat(tasks.mayAct(head, tasks.get(head, teachersTask))).isTrue();
    assertThat(tasks.mayAct(office, tasks.get(head, teachersTask))).isFalse();
  }

  private void user(String username, String role, String school) {
    jdbc.sql("""
        insert into app_user (username, display_name, roles, school_code, district_code, last_seen_at)
        values (:u, :u, :r, :s, 'LC', current_timestamp)""").param("u", username).param("r", role)
        .param("s", school).update();
  }

  private long application(String teacher, String token) {
    jdbc.sql("""
        insert into rotation_application (teacher_username, teacher_name, home_school_code, target_school_code,
          district_code, batch_id, direction, post, subject, period_start, period_end, years_of_service, reasons,
          status, current_step, request_token, created_at, updated_at, version)
        values (:t, '申请人', 'LC-U01', 'LC-R01', 'LC', 1, 'URBAN_TO_RURAL', 'TEACHER', '数学',
          date '2027-09-01', date '2028-07-31', 8, '支教', 'AWAITING_OPINION', 'Task_SignOpinion', :token,
          current_timestamp, current_timestamp, 0)""").param("t", teacher).param("token", token).update();
    return jdbc.sql("select id from rotation_application where request_token = :t").param("t", token)
        .query(Long.class).single();
  }

  private long task(long applicationId, String candidate) {
    long job = System.nanoTime();
    jdbc.sql("""
        insert into inbox_task (job_key, process_instance_key, element_instance_key, bpmn_process_id, element_id,
          form_key, variables, status, created_at, checked_at, version, subject_type, subject_id, district_code)
        values (:job, :job, 2, 'rotation-application', 'Task_SignOpinion', 'sign-opinion', '{}', 'OPEN',
          current_timestamp, current_timestamp, 0, 'APPLICATION', :app, 'LC')""")
        .param("job", job).param("app", applicationId).update();
    long task = jdbc.sql("select id from inbox_task where job_key = :j").param("j", job).query(Long.class).single();
    jdbc.sql("insert into inbox_task_candidate (task_id, candidate) values (:id, :c)").param("id", task)
        .param("c", candidate).update();
    return task;
  }
}
