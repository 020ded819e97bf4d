package cn.jiaoliu.app.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jiaoliu.app.notification.NotificationService;
import cn.jiaoliu.app.security.CandidateKey;
import cn.jiaoliu.processes.CandidateGroups;
import cn.jiaoliu.processes.ProcessIds;
import cn.jiaoliu.processes.application.ApplicationProcess;
import cn.jiaoliu.testsupport.TestDatabase;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * People are told when work arrives and when their case moves: a new task reaches every candidate
 * with a link to the task, an application sent back reaches its teacher as "returned", a decision
 * on a teacher's case reaches the teacher with the signer's name, never a login name.
 */
@SpringBootTest
@ActiveProfiles("test")
@ContextConfiguration(initializers = TestDatabase.class)
class TaskNoticesTest {

  @Autowired ApplicationEventPublisher events;
  @Autowired NotificationService notifications;
  @Autowired MessageSource messages;
  @Autowired JdbcClient jdbc;

  @Test
  void aNewTaskReachesEachCandidateOnceWithALinkToTheTask() {
    Case c = newCase();
    String principal1 = user("p1" + c.token(), "principal", c.home(), c.district(), "张校长");
    String principal2 = user("p2" + c.token(), "principal", c.home(), c.district(), "副校长");
    String otherSchool = user("p3" + c.token(), "principal", c.target(), c.district(), "别校校长");
    long task = task(c, ApplicationProcess.TASK_SIGN_OPINION, CandidateKey.group(CandidateGroups.principalOf(c.home())));
    for (int delivery = 0; delivery < 2; delivery++) {
      events.publishEvent(arrival(task, c, ApplicationProcess.TASK_SIGN_OPINION));
    }

    for (String principal : List.of(principal1, principal2)) {
      assertThat(notifications.latest(principal, 10)).singleElement().satisfies(n -> {
        assertThat(n.link()).isEqualTo("/tasks/" + task);
        assertThat(text(n)).isEqualTo("新待办「签署意见（派出学校）」：交流申请 #" + c.id() + "（通知教师）");
        assertThat(messages.getMessage(n.messageKey(), n.args(), Locale.ENGLISH)).startsWith("New task \"");
      });
    }
    assertThat(notifications.latest(otherSchool, 10)).isEmpty();
  }

  @Test
  void anApplicationSentBackReachesItsTeacherAsReturned() {
    Case c = newCase();
    long task = task(c, ApplicationProcess.TASK_REVISE_APPLICATION, CandidateKey.user(c.teacher()));
    events.publishEvent(arrival(task, c, ApplicationProcess.TASK_REVISE_APPLICATION));
    assertThat(notifications.latest(c.teacher(), 10)).singleElement().satisfies(n -> {
      assertThat(n.link()).isEqualTo("/tasks/" + task);
      assertThat(text(n)).startsWith("您的申请已被退回修改：交流申请 #" + c.id());
    });
  }

  @Test
  void aDecisionOnTheCaseReachesItsTeacherWithTheSignersNameButNotTheTeachersOwnStep() {
    Case c = newCase();
    String principal = user("p" + c.token(), "principal", c.home(), c.district(), "李明");
    long signed = task(c, ApplicationProcess.TASK_SIGN_OPINION, CandidateKey.group(CandidateGroups.principalOf(c.home())));
    jdbc.sql("""
        update inbox_task set status = 'COMPLETED', completed_by = :p, completed_by_name = '李明',
          closed_at = current_timestamp where id = :t""").param("p", principal).param("t", signed).update();
    events.publishEvent(new UserTaskCompleted(signed, ProcessIds.ROTATION_APPLICATION,
        ApplicationProcess.TASK_SIGN_OPINION, "APPLICATION", c.id(), principal,
        Map.of("decision", ApplicationProcess.RETURN, "comment", "请补充材料")));

    long revised = task(c, ApplicationProcess.TASK_REVISE_APPLICATION, CandidateKey.user(c.teacher()));
    events.publishEvent(new UserTaskCompleted(revised, ProcessIds.ROTATION_APPLICATION,
        ApplicationProcess.TASK_REVISE_APPLICATION, "APPLICATION", c.id(), c.teacher(), Map.of()));

    assertThat(notifications.latest(c.teacher(), 10)).singleElement().satisfies(n -> {
      assertThat(n.link()).isEqualTo("/applications/" + c.id());
      assertThat(text(n)).isEqualTo("交流申请 #" + c.id() + "（通知教师）：李明 已办理「签署意见（派出学校）」，意见：退回修改。")
          .doesNotContain(principal);
    });
    assertThat(notifications.latest(principal, 10)).isEmpty();
  }

  private String text(NotificationService.Notification n) {
    return messages.getMessage(n.messageKey(), n.args(), Locale.SIMPLIFIED_CHINESE);
  }

  private static UserTaskArrived arrival(long task, Case c, String step) {
    return new UserTaskArrived(task, ProcessIds.ROTATION_APPLICATION, step, "APPLICATION", c.id(), 9_100_000_000L + c.id());
  }

  record Case(long id, String token, String district, String home, String target, String teacher) {}

  private Case newCase() {
    String n = Long.toString(System.nanoTime(), 36);
    String district = "T" + n.toUpperCase();
    jdbc.sql("insert into district (code, name) values (:d, '通知区')").param("d", district).update();
    for (String[] school : new String[][] {{district + "-U", "URBAN", "0"}, {district + "-R", "TOWNSHIP", "1"}}) {
      jdbc.sql("insert into school (code, name, district_code, area_type, remoteness_tier) values (:c, :c, :d, :a, :t)")
          .param("c", school[0]).param("d", district).param("a", school[1]).param("t", Integer.parseInt(school[2]))
          .update();
    }
    jdbc.sql("""
        insert into rotation_batch (district_code, name, opens_on, closes_on, period_starts, period_ends, status)
        values (:d, '批次', date '2026-01-01', date '2026-12-31', date '2027-09-01', date '2028-07-31', 'OPEN')""")
        .param("d", district).update();
    long batch = jdbc.sql("select id from rotation_batch where district_code = :d").param("d", district)
        .query(Long.class).single();
    String teacher = user("t" + n, "teacher", district + "-U", district, "通知教师");
    jdbc.sql("""
        insert into rotation_application (teacher_username, teacher_name, home_school_code, target_school_code,
          district_code, batch_id, direction, post, subject, period_start, period_end, years_of_service, reasons,
          status, current_step, request_token, created_at, updated_at, version)
        values (:teacher, '通知教师', :home, :target, :district, :batch, 'URBAN_TO_RURAL', 'TEACHER', '数学',
          date '2027-09-01', date '2028-07-31', 8, '支教', 'AWAITING_OPINION', 'Task_SignOpinion', :token,
          current_timestamp, current_timestamp, 0)""")
        .param("teacher", teacher).param("home", district + "-U").param("target", district + "-R")
        .param("district", district).param("batch", batch).param("token", n).update();
    long id = jdbc.sql("select id from rotation_application where request_token = :t").param("t", n)
        .query(Long.class).single();
    return new Case(id, n, district, district + "-U", district + "-R", teacher);
  }

  private long task(Case c, String step, String candidate) {
    long job = System.nanoTime();
    jdbc.sql("""
        insert into inbox_task (job_key, process_instance_key, element_instance_key, bpmn_process_id, element_id,
          form_key, variables, status, created_at, checked_at, version, subject_type, subject_id, district_code)
        values (:job, :instance, :job, :process, :step, 'form', :vars, 'OPEN', current_timestamp, current_timestamp,
          0, 'APPLICATION', :id, :district)""")
        .param("job", job).param("instance", 9_100_000_000L + c.id()).param("process", ProcessIds.ROTATION_APPLICATION)
        .param("step", step).param("vars", "{\"applicationId\":" + c.id() + "}").param("id", c.id())
        .param("district", c.district()).update();
    long task = jdbc.sql("select id from inbox_task where job_key = :job").param("job", job).query(Long.class).single();
    jdbc.sql("insert into inbox_task_candidate (task_id, candidate, task_open) values (:t, :c, true)")
        .param("t", task).param("c", candidate).update();
    return task;
  }

  private String user(String username, String role, String school, String district, String name) {
    jdbc.sql("""
        insert into app_user (username, display_name, email, roles, school_code, district_code, last_seen_at)
        values (:u, :name, null, :role, :school, :district, current_timestamp)""")
        .param("u", username).param("name", name).param("role", role).param("school", school)
        .param("district", district).update();
    return username;
  }
}
