package cn.jiaoliu.app.tasklist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.jiaoliu.app.engine.QuietSteps;
import cn.jiaoliu.testsupport.TestDatabase;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.api.response.ActivatedJob;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.data.jdbc.DataJdbcTest;
import org.springframework.boot.test.autoconfigure.jdbc.AutoConfigureTestDatabase;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A task and what its arrival or completion changes in the case are stored together or not at all.
 * Found by AppCrashIT: the app killed between storing a task and moving its application to that
 * step left the application behind for good (a job already in the inbox is renewed, never delivered
 * again), so an approved application never showed as approved. A listener failing here stands for
 * the crash: it writes its effect and then throws.
 */
@DataJdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@ContextConfiguration(initializers = TestDatabase.class)
@Import({TaskQueries.class, TaskIntake.class, TaskSubjects.class, InboxPersistenceTest.Beans.class,
    TaskEffectsAtomicityTest.Beans.class, QuietSteps.class})
@Transactional(propagation = Propagation.NOT_SUPPORTED) // each step commits or rolls back as in the app
class TaskEffectsAtomicityTest {

  private static final AtomicLong KEYS = new AtomicLong(2251799813985249L);

  @Autowired TaskIntake intake;
  @Autowired TaskQueries queries;
  @Autowired InboxTaskRepository tasks;
  @Autowired JdbcClient jdbc;
  @Autowired TransactionTemplate tx;
  @Autowired ApplicationEventPublisher events;
  @Autowired Effects effects;

  @TestConfiguration
  static class Beans {
    @Bean
    Effects effects(JdbcClient jdbc) {
      return new Effects(jdbc);
    }
  }

  /** A listener recording each event in a table, failing after its write while {@code fail} is set. */
  static class Effects {
    final AtomicBoolean fail = new AtomicBoolean();
    private final JdbcClient jdbc;

    Effects(JdbcClient jdbc) {
      this.jdbc = jdbc;
    }

    @EventListener
    void arrived(UserTaskArrived event) {
      record("arrived", event.taskId());
    }

    @EventListener
    void completed(UserTaskCompleted event) {
      record("completed", event.taskId());
    }

    private void record(String what, long taskId) {
      jdbc.sql("insert into test_task_effect (what, task_id) values (:what, :id)")
          .param("what", what).param("id", taskId).update();
      if (fail.get()) {
        throw new IllegalStateException("the app dies here");
      }
    }
  }

  @BeforeEach
  void table() {
    jdbc.sql("create table if not exists test_task_effect (what varchar(20) not null, task_id bigint not null)").update();
    jdbc.sql("delete from test_task_effect").update();
    effects.fail.set(false);
  }

  private ActivatedJob job(long key) {
    return UserTaskJobs.job(key, "Task_ApproveApplication", "{\"applicationId\":7}", Map.of(
        "io.camunda.zeebe:candidateGroups", "[\"teaching-office:LC\"]", "io.camunda.zeebe:formKey", "approve-application"));
  }

  private long effectsOf(String what, long taskId) {
    return jdbc.sql("select count(*) from test_task_effect where what = :what and task_id = :id")
        .param("what", what).param("id", taskId).query(Long.class).single();
  }

  @Test
  void aTaskWhoseArrivalIsNotRecordedIsNotStoredAndIsStoredWithItWhenDeliveredAgain() {
    long key = KEYS.incrementAndGet();
    effects.fail.set(true);

    assertThatThrownBy(() -> intake.receive(job(key))).hasMessageContaining("the app dies here");

    assertThat(tasks.findByJobKey(key)).as("not in the inbox: the engine offers the job again").isEmpty();
    assertThat(jdbc.sql("select count(*) from test_task_effect").query(Long.class).single()).isZero();

    effects.fail.set(false);
    intake.receive(job(key));

    long id = tasks.findByJobKey(key).orElseThrow().id();
    assertThat(effectsOf("arrived", id)).isEqualTo(1);
  }

  @Test
  void aCompletionWhoseEffectsAreNotRecordedStaysCompletingUntilTheResendRecordsThem() {
    long key = KEYS.incrementAndGet();
    intake.receive(job(key));
    long id = tasks.findByJobKey(key).orElseThrow().id();
    assertThat(tasks.startCompletion(id, "office.chen", "{\"decision\":\"APPROVE\"}", OffsetDateTime.now())).isEqualTo(1);
    AtomicBoolean taken = new AtomicBoolean();
    TaskEngine engine = new TaskEngine() {
      @Override
      public void complete(long jobKey, Map<String, Object> variables) {
        if (!taken.compareAndSet(false, true)) {
          throw new TaskGoneException(jobKey); // the first attempt went through
        }
      }

      @Override
      public void reenter(long processInstanceKey, String elementId, List<Long> ended) {
        throw new UnsupportedOperationException();
      }

      @Override
      public boolean stillExists(long jobKey, Duration hold) {
        return !taken.get();
      }
    };
    TaskCompletions service = new TaskCompletions(queries, tasks, null, engine, new ObjectMapper(), tx,
        Clock.systemUTC(), null, events, null, null, null, null, null);
    Map<String, Object> decision = Map.of("decision", "APPROVE");

    effects.fail.set(true);
    assertThat(service.deliver(id, key, decision, true)).as("the engine has it: the user is told so")
        .isEqualTo(TaskService.CompletionResult.COMPLETED);
    assertThat(tasks.findById(id).orElseThrow().status()).isEqualTo(TaskStatus.COMPLETING);
    assertThat(effectsOf("completed", id)).isZero();

    effects.fail.set(false);
    assertThat(service.deliver(id, key, decision, false)).isEqualTo(TaskService.CompletionResult.COMPLETED);
    assertThat(tasks.findById(id).orElseThrow().status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(effectsOf("completed", id)).isEqualTo(1);

    // a late duplicate re-send records nothing twice
    service.deliver(id, key, decision, false);
    assertThat(effectsOf("completed", id)).isEqualTo(1);
  }
}
