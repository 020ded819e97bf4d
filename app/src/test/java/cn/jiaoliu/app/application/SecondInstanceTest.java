package cn.jiaoliu.app.application;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jiaoliu.app.tasklist.UserTaskArrived;
import cn.jiaoliu.testsupport.TestDatabase;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * The app killed right after the engine created an application's instance, before it stored the
 * instance's key (or the engine answering too late): the first task of that instance tells the app
 * its key, so the pending-start retry does not start a second one; a second one that was started
 * anyway is cancelled when its first task arrives.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
@ContextConfiguration(initializers = TestDatabase.class)
class SecondInstanceTest {

  @Autowired RotationApplicationRepository applications;
  @Autowired JdbcClient jdbc;

  @Test
  void theFirstTaskOfAnInstanceTheAppNeverLearnedOfIsAdoptedAndASecondInstanceIsNotItsOwn() {
    String token = "second-instance-" + System.nanoTime();
    jdbc.sql("""
        insert into rotation_application (teacher_username, teacher_name, home_school_code, target_school_code,
          district_code, batch_id, direction, post, subject, period_start, period_end, years_of_service, reasons,
          status, request_token, created_at, updated_at, version)
        values ('teacher.zhang', '张伟', 'LC-U01', 'LC-R01', 'LC', 1, 'URBAN_TO_RURAL', 'TEACHER', '数学',
          date '2027-09-01', date '2028-07-31', 8, '支教', 'SUBMITTED', :token,
          current_timestamp, current_timestamp, 0)""").param("token", token).update();
    long id = jdbc.sql("select id from rotation_application where request_token = :t").param("t", token)
        .query(Long.class).single();
    ApplicationProgress progress = new ApplicationProgress(applications, Clock.systemUTC());

    assertThat(progress.ownInstance(id, 111L)).as("the instance the app never heard of is its own").isEqualTo(111L);
    progress.taskArrived(new UserTaskArrived(1, "rotation-application", "Task_SignOpinion", "APPLICATION", id, 111L));

    RotationApplication adopted = applications.findById(id).orElseThrow();
    assertThat(adopted.processInstanceKey()).as("the instance the app never heard of is its own").isEqualTo(111L);
    assertThat(adopted.status()).isEqualTo(ApplicationStatus.AWAITING_OPINION);
    assertThat(applications.findTop20ByProcessInstanceKeyIsNullAndStatusAndCreatedAtBeforeOrderById(
        ApplicationStatus.SUBMITTED, java.time.OffsetDateTime.now().plusDays(1)))
        .extracting(RotationApplication::id).as("not started again").doesNotContain(id);

    assertThat(progress.ownInstance(id, 222L)).as("a second instance of the same application is not its own")
        .isEqualTo(111L);
    assertThat(applications.findById(id).orElseThrow().processInstanceKey()).isEqualTo(111L);

    assertThat(progress.ownInstance(id, 111L)).as("the own instance's next step").isEqualTo(111L);
    progress.taskArrived(new UserTaskArrived(3, "rotation-application", "Task_AcceptTeacher", "APPLICATION", id, 111L));
    assertThat(applications.findById(id).orElseThrow().status()).isEqualTo(ApplicationStatus.AWAITING_ACCEPTANCE);
  }
}
