package cn.jiaoliu.app.tasklist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.when;

import cn.jiaoliu.app.engine.QuietSteps;
import cn.jiaoliu.testsupport.TestDatabase;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.api.response.ActivatedJob;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiPredicate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.data.jdbc.DataJdbcTest;
import org.springframework.boot.test.autoconfigure.jdbc.AutoConfigureTestDatabase;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

/** The inbox on a real database: H2 by default, PostgreSQL with -Ppostgres. */
@DataJdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@ContextConfiguration(initializers = TestDatabase.class)
@Import({TaskQueries.class, TaskIntake.class, TaskSubjects.class, InboxPersistenceTest.Beans.class})
@RecordApplicationEvents
class InboxPersistenceTest {

  /** What the intake ends: the repeated instances. */
  static class RecordingSecondInstances implements SecondInstances {
    final List<Long> cancelled = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    public void cancel(long processInstanceKey) {
      cancelled.add(processInstanceKey);
    }
  }

  private static final AtomicLong KEYS = new AtomicLong(2251799813685249L);

  @Autowired TaskIntake intake;
  @Autowired RecordingSecondInstances secondInstances;
  @Autowired ApplicationEvents arrivals;
  @Autowired TaskQueries queries;
  @Autowired InboxTaskRepository tasks;
  @Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc;
  @Autowired TasklistProperties properties;
  /** Which steps only the app can end: none, unless a test says so. */
  @MockitoBean QuietSteps quietSteps;

  private static final List<String> WANG = List.of("user:principal.wang", "group:principal:LC-U01");
  private static final List<String> LIU = List.of("user:principal.liu", "group:principal:LC-R01");
  private static final List<String> ZHANG = List.of("user:teacher.zhang");

  @TestConfiguration
  static class Beans {
    @Bean
    ObjectMapper objectMapper() {
      return new ObjectMapper().findAndRegisterModules();
    }

    /** A process the inbox knows nothing of but what its provider files its tasks under. */
    @Bean
    TaskSubjectProvider leaveRequests() {
      return new TaskSubjectProvider() {
        @Override
        public Cases cases() {
          return new Cases("leave-request", "LEAVE", "leaveId");
        }

        @Override
        public CaseAttributes attributes(long subjectId) {
          return subjectId % 2 == 0
              ? new CaseAttributes(41L, "LC-U01", "LC-R01", "URBAN_TO_RURAL", "LC", "张三")
              : new CaseAttributes(42L, "LC-U02", "LC-R01", "RURAL_TO_URBAN", "LC", "李四");
        }

        /** Leave 99 runs in instance 1: a task of any other instance belongs to a repeat. */
        @Override
        public long ownInstance(long subjectId, long processInstanceKey) {
          return subjectId == 99 ? 1L : processInstanceKey;
        }

        @Override
        public TaskSubject describe(Map<String, Object> variables) {
          return new TaskSubject("task.subject.unknown", new Object[0], null);
        }
      };
    }

    @Bean
    RecordingSecondInstances secondInstances() {
      return new RecordingSecondInstances();
    }

    @Bean
    TasklistProperties tasklistProperties() {
      return new TasklistProperties(Duration.ofMinutes(10), Duration.ofSeconds(1), 500, Duration.ofSeconds(30),
          Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofHours(2));
    }

    @Bean
    Clock clock() {
      return Clock.fixed(OffsetDateTime.parse("2026-11-22T08:00:00Z").toInstant(), ZoneOffset.UTC);
    }
  }

  private ActivatedJob job(long key, Map<String, String> headers) {
    return UserTaskJobs.job(key, "Task_SignOpinion", "{\"applicationId\":7}", headers);
  }

  private long receivePrincipalTask(String school) {
    long key = KEYS.incrementAndGet();
    intake.receive(job(key, Map.of(
        "io.camunda.zeebe:candidateGroups", "[\"principal:" + school + "\"]",
        "io.camunda.zeebe:formKey", "sign-opinion",
        "io.camunda.zeebe:dueDate", "2026-11-29T08:00:00.000Z[Etc/UTC]")));
    return tasks.findByJobKey(key).orElseThrow().id();
  }

  @Test
  void aTaskIsVisibleOnlyToTheCandidatesOfItsScope() {
    long id = receivePrincipalTask("LC-U01");

    assertThat(open(WANG)).extracting(TaskView::id).contains(id);
    assertThat(open(LIU)).extracting(TaskView::id).doesNotContain(id);
    assertThat(open(ZHANG)).extracting(TaskView::id).doesNotContain(id);
    assertThat(queries.visible(id, LIU, "principal.liu")).isEmpty();
    TaskView seen = queries.visible(id, WANG, "principal.wang").orElseThrow();
    assertThat(seen.dueAt()).isEqualTo(OffsetDateTime.parse("2026-11-29T08:00:00Z"));
    assertThat(seen.formKey()).isEqualTo("sign-opinion");
  }

  @Test
  void theInboxFiltersOnTheAttributesTheProcessFiledItsTasksUnder() {
    long even = receiveLeaveTask(10);
    long odd = receiveLeaveTask(11);
    List<String> office = List.of("group:office:LC");
    OffsetDateTime now = OffsetDateTime.parse("2026-11-22T08:00:00Z");

    assertThat(ids(queries.openFor(office, new InboxFilter(41L, null, null, null, false, null), now, 50))).containsExactly(even);
    assertThat(ids(queries.openFor(office, new InboxFilter(null, "LC-R01", null, null, false, null), now, 50)))
        .containsExactlyInAnyOrder(even, odd);
    assertThat(ids(queries.openFor(office, new InboxFilter(null, "LC-U02", null, null, false, null), now, 50)))
        .containsExactly(odd);
    assertThat(ids(queries.openFor(office, new InboxFilter(null, null, "URBAN_TO_RURAL", null, false, null), now, 50)))
        .containsExactly(even);
    assertThat(ids(queries.openFor(office, new InboxFilter(42L, "LC-U01", null, null, false, null), now, 50))).isEmpty();
  }

  @Test
  void aTaskOfAnInstanceThatRepeatsItsCasesOwnEndsThatInstanceAndDoesNotArrive() {
    long first = KEYS.incrementAndGet();
    intake.receive(UserTaskJobs.job(first, "leave-request", "Task_Approve", "{\"leaveId\":99}",
        Map.of("io.camunda.zeebe:candidateGroups", "[\"office:LC\"]")));

    assertThat(secondInstances.cancelled).containsExactly(first + 1000);
    assertThat(arrivals.stream(UserTaskArrived.class).filter(a -> a.processInstanceKey() == first + 1000)).isEmpty();
    long own = receiveLeaveTask(12);
    assertThat(arrivals.stream(UserTaskArrived.class).map(UserTaskArrived::taskId)).contains(own);
    assertThat(secondInstances.cancelled).containsExactly(first + 1000);
  }

  private long receiveLeaveTask(long leaveId) {
    long key = KEYS.incrementAndGet();
    intake.receive(UserTaskJobs.job(key, "leave-request", "Task_Approve", "{\"leaveId\":" + leaveId + "}",
        Map.of("io.camunda.zeebe:candidateGroups", "[\"office:LC\"]")));
    return tasks.findByJobKey(key).orElseThrow().id();
  }

  private List<TaskView> open(List<String> candidates) {
    return queries.openFor(candidates, InboxFilter.NONE, OffsetDateTime.parse("2026-11-22T08:00:00Z"), 500);
  }

  private static List<Long> ids(List<TaskView> views) {
    return views.stream().map(TaskView::id).toList();
  }

  @Test
  void aPageOfTheInboxComesWithHowManyMatchInAll() {
    String school = "PG-" + KEYS.incrementAndGet();
    List<String> candidates = List.of("group:principal:" + school);
    for (int i = 0; i < 5; i++) {
      receivePrincipalTask(school);
    }
    OffsetDateTime now = OffsetDateTime.now();
    List<TaskView> all = queries.openFor(candidates, InboxFilter.NONE, now, 0, 10);
    assertThat(all).hasSize(5);

    TaskQueries.OpenPage second = queries.openPage(candidates, InboxFilter.NONE, now, 2, 2);
    assertThat(ids(second.tasks())).isEqualTo(ids(all).subList(2, 4));
    assertThat(second.total()).isEqualTo(5);
    TaskQueries.OpenPage last = queries.openPage(candidates, InboxFilter.NONE, now, 4, 2);
    assertThat(ids(last.tasks())).isEqualTo(ids(all).subList(4, 5));
    assertThat(last.total()).isEqualTo(5);
    TaskQueries.OpenPage past = queries.openPage(candidates, InboxFilter.NONE, now, 10, 2);
    assertThat(past.tasks()).isEmpty();
    assertThat(past.total()).as("past the last page the total is still told").isEqualTo(5);
    assertThat(queries.openPage(List.of("group:principal:nobody"), InboxFilter.NONE, now, 0, 2).total()).isZero();
    assertThat(queries.openPage(candidates, InboxFilter.of(null, null, null, "Task_None", false, null), now, 0, 2)
        .total()).as("a filter counts what it lets through").isZero();
  }

  @Test
  void theSameJobDeliveredTwiceIsStoredOnce() {
    long key = KEYS.incrementAndGet();
    Map<String, String> headers = Map.of("io.camunda.zeebe:candidateUsers", "[\"teacher.zhang\"]");

    intake.receive(job(key, headers));
    intake.receive(job(key, headers));

    assertThat(tasks.findAll()).filteredOn(t -> t.jobKey() == key).hasSize(1);
    assertThat(queries.countOpenFor(ZHANG)).isEqualTo(1);
  }

  @Test
  void aJobDeliveredAgainAfterItsTaskWasThoughtGoneBringsTheTaskBack() {
    long key = KEYS.incrementAndGet();
    Map<String, String> headers = Map.of("io.camunda.zeebe:candidateGroups", "[\"principal:LC-U01\"]");
    intake.receive(job(key, headers));
    long id = tasks.findByJobKey(key).orElseThrow().id();
    assertThat(tasks.closeVanished(id, OffsetDateTime.parse("2026-11-22T09:00:00Z"))).isEqualTo(1);
    assertThat(open(WANG)).extracting(TaskView::id).doesNotContain(id);

    intake.receive(job(key, headers));

    assertThat(tasks.findAll()).filteredOn(t -> t.jobKey() == key).singleElement()
        .satisfies(t -> assertThat(t.status()).isEqualTo(TaskStatus.OPEN));
    assertThat(open(WANG)).extracting(TaskView::id).contains(id);
  }

  @Test
  void anAssigneeIsACandidateAndHasTheTaskClaimed() {
    long key = KEYS.incrementAndGet();
    intake.receive(job(key, Map.of("io.camunda.zeebe:assignee", "teacher.zhang")));

    TaskView task = open(ZHANG).getFirst();
    assertThat(task.jobKey()).isEqualTo(key);
    assertThat(task.claimedBy()).isEqualTo("teacher.zhang");
  }

  @Test
  void onlyOneUserCanClaimAndOnlyTheClaimerCanUnclaim() {
    long id = receivePrincipalTask("LC-U01");

    assertThat(tasks.claim(id, "principal.wang")).isEqualTo(1);
    assertThat(tasks.claim(id, "vice.principal")).isZero();
    assertThat(tasks.unclaim(id, "vice.principal")).isZero();
    assertThat(tasks.unclaim(id, "principal.wang")).isEqualTo(1);
    assertThat(tasks.claim(id, "vice.principal")).isEqualTo(1);
  }

  @Test
  void aSubmissionIsTakenOnceAndMovesTheTaskToDone() {
    long id = receivePrincipalTask("LC-U01");
    OffsetDateTime now = OffsetDateTime.parse("2026-11-22T09:00:00Z");

    assertThat(tasks.startCompletion(id, "principal.wang", "{\"decision\":\"APPROVE\"}", OffsetDateTime.now())).isEqualTo(1);
    assertThat(tasks.startCompletion(id, "principal.wang", "{\"decision\":\"REJECT\"}", OffsetDateTime.now())).isZero();
    assertThat(tasks.close(id, TaskStatus.COMPLETED.name(), now)).isEqualTo(1);

    assertThat(open(WANG)).extracting(TaskView::id).doesNotContain(id);
    TaskView done = queries.doneBy("principal.wang", 50).getFirst();
    assertThat(done.id()).isEqualTo(id);
    assertThat(done.submission()).contains("APPROVE");
    assertThat(done.closedAt()).isEqualTo(now);
  }

  @Test
  void aTaskGoneFromTheEngineIsCancelledUnlessItsSubmissionHasStarted() {
    long open = receivePrincipalTask("LC-U01");
    long submitted = receivePrincipalTask("LC-U01");
    OffsetDateTime now = OffsetDateTime.parse("2026-11-22T09:00:00Z");
    assertThat(tasks.startCompletion(submitted, "principal.wang", "{\"decision\":\"APPROVE\"}", OffsetDateTime.now())).isEqualTo(1);

    assertThat(tasks.closeVanished(open, now)).isEqualTo(1);
    // its job is gone because the submission completed it: the completion closes it, as completed
    assertThat(tasks.closeVanished(submitted, now)).isZero();
    assertThat(tasks.close(submitted, TaskStatus.COMPLETED.name(), now)).isEqualTo(1);

    assertThat(tasks.findById(open).orElseThrow().status()).isEqualTo(TaskStatus.CANCELLED);
    assertThat(tasks.findById(submitted).orElseThrow().status()).isEqualTo(TaskStatus.COMPLETED);
  }

  @Test
  void cancellingAnInstanceClosesItsOpenTasksAndARedeliveryReopensThem() {
    long id = receivePrincipalTask("LC-U01");
    InboxTask task = tasks.findById(id).orElseThrow();
    OffsetDateTime now = OffsetDateTime.parse("2026-11-22T09:00:00Z");

    assertThat(tasks.cancelOpenTasksOf(task.processInstanceKey(), now)).isEqualTo(1);
    assertThat(open(WANG)).extracting(TaskView::id).doesNotContain(id);

    assertThat(tasks.reopenIfCancelled(task.jobKey(), now)).isEqualTo(1);
    assertThat(open(WANG)).extracting(TaskView::id).contains(id);
  }

  @Test
  void candidateRowsFollowWhetherTheirTaskIsOpen() {
    long completed = receivePrincipalTask("LC-U01");
    long cancelled = receivePrincipalTask("LC-U01");
    long open = receivePrincipalTask("LC-U01");
    OffsetDateTime now = OffsetDateTime.parse("2026-11-22T09:00:00Z");
    InboxTask cancelledTask = tasks.findById(cancelled).orElseThrow();

    tasks.startCompletion(completed, "principal.wang", "{\"decision\":\"APPROVE\"}", OffsetDateTime.now());
    tasks.close(completed, TaskStatus.COMPLETED.name(), now);
    tasks.cancelOpenTasksOf(cancelledTask.processInstanceKey(), now);

    assertThat(openCandidateRows(completed)).isZero();
    assertThat(openCandidateRows(cancelled)).isZero();
    assertThat(openCandidateRows(open)).isEqualTo(1);
    assertThat(queries.countOpenFor(WANG)).isEqualTo(open(WANG).size());

    tasks.reopenIfCancelled(cancelledTask.jobKey(), now);
    assertThat(openCandidateRows(cancelled)).isEqualTo(1);
    tasks.reopenIfCancelled(tasks.findById(completed).orElseThrow().jobKey(), now);
    assertThat(openCandidateRows(completed)).as("a completed task is never reopened").isZero();
  }

  private long openCandidateRows(long taskId) {
    return jdbc.sql("select count(*) from inbox_task_candidate where task_id = :id and task_open = true")
        .param("id", taskId).query(Long.class).single();
  }

  @Test
  void theReconcilerSeesTheTasksDueLongestAgoFirst() {
    long first = receivePrincipalTask("LC-U01");
    long second = receivePrincipalTask("LC-U01");
    tasks.markChecked(List.of(first), OffsetDateTime.parse("2026-11-22T10:00:00Z"),
        OffsetDateTime.parse("2026-11-22T10:01:00Z"));

    var due = tasks.openTasksDue(OffsetDateTime.parse("2026-11-22T11:00:00Z"), 100);

    assertThat(due).extracting(InboxTaskRepository.DueTask::id).containsSubsequence(second, first);
  }

  @Test
  void aTaskCheckedRecentlyIsNotCheckedAgainYet() {
    long checked = receivePrincipalTask("LC-U01");
    long due = receivePrincipalTask("LC-U01");
    tasks.markChecked(List.of(checked), OffsetDateTime.parse("2026-11-22T10:00:00Z"),
        OffsetDateTime.parse("2026-11-22T10:01:00Z"));

    // received at 08:00 (the test clock), so due at 08:01; the other checked at 10:00, due at 10:01
    assertThat(tasks.openTasksDue(OffsetDateTime.parse("2026-11-22T08:00:59Z"), 100))
        .extracting(InboxTaskRepository.DueTask::id).doesNotContain(due, checked);
    assertThat(tasks.openTasksDue(OffsetDateTime.parse("2026-11-22T09:00:00Z"), 100))
        .extracting(InboxTaskRepository.DueTask::id).contains(due).doesNotContain(checked);
  }

  /**
   * A step only the app can end is asked about halfway through its first hold, and from then on
   * hourly with a two-hour hold; any other step every minute with the ten-minute hold, as before.
   */
  @Test
  void aQuietTaskIsCheckedHalfwayThroughItsFirstHoldThenHourlyWithALongHold() {
    when(quietSteps.quiet(any(), eq("Task_Quiet"))).thenReturn(true);
    long quiet = receiveStep("Task_Quiet");
    long other = receiveStep("Task_Other");
    assertThat(tasks.openTasksDue(OffsetDateTime.parse("2026-11-22T08:04:59Z"), 100))
        .extracting(InboxTaskRepository.DueTask::id).contains(other).doesNotContain(quiet);

    Map<Long, Duration> holds = new java.util.concurrent.ConcurrentHashMap<>();
    TaskEngine engine = renewing(holds);
    reconcilerAt("2026-11-22T08:05:00Z", engine).closeVanishedTasks();

    long quietJob = tasks.findById(quiet).orElseThrow().jobKey();
    long otherJob = tasks.findById(other).orElseThrow().jobKey();
    assertThat(holds).containsEntry(quietJob, Duration.ofHours(2)).containsEntry(otherJob, Duration.ofMinutes(10));
    assertThat(nextCheckOf(quiet)).isEqualTo(OffsetDateTime.parse("2026-11-22T09:05:00Z"));
    assertThat(nextCheckOf(other)).isEqualTo(OffsetDateTime.parse("2026-11-22T08:06:00Z"));

    holds.clear();
    reconcilerAt("2026-11-22T08:30:00Z", engine).closeVanishedTasks();
    assertThat(holds).as("within the hour only the other step is asked").containsOnlyKeys(otherJob);
  }

  @Test
  void aQuietTaskGoneFromTheEngineLeavesTheInboxAtItsCheck() {
    when(quietSteps.quiet(any(), eq("Task_Quiet"))).thenReturn(true);
    long quiet = receiveStep("Task_Quiet");
    long jobKey = tasks.findById(quiet).orElseThrow().jobKey();
    reconcilerAt("2026-11-22T08:05:00Z", answering((asked, hold) -> asked != jobKey)).closeVanishedTasks();

    assertThat(tasks.findById(quiet).orElseThrow().status()).isEqualTo(TaskStatus.CANCELLED);
  }

  private long receiveStep(String elementId) {
    long key = KEYS.incrementAndGet();
    intake.receive(UserTaskJobs.job(key, elementId, "{\"applicationId\":7}", Map.of("io.camunda.zeebe:candidateGroups", "[\"principal:LC-U01\"]",
        "io.camunda.zeebe:formKey", "sign-opinion")));
    return tasks.findByJobKey(key).orElseThrow().id();
  }

  private OffsetDateTime nextCheckOf(long id) {
    return jdbc.sql("select next_check_at from inbox_task where id = :id").param("id", id)
        .query(OffsetDateTime.class).single().withOffsetSameInstant(ZoneOffset.UTC);
  }

  private TaskReconciler reconcilerAt(String instant, TaskEngine engine) {
    return new TaskReconciler(tasks, engine, quietSteps, null, properties, new ObjectMapper(),
        Clock.fixed(OffsetDateTime.parse(instant).toInstant(), ZoneOffset.UTC));
  }

  /** An engine that has every job and records how long each check held it. */
  private static TaskEngine renewing(Map<Long, Duration> holds) {
    return answering((jobKey, hold) -> {
      holds.put(jobKey, hold);
      return true;
    });
  }

  /** An engine the reconciler only asks: whether each job still exists, by {@code answer}. */
  private static TaskEngine answering(BiPredicate<Long, Duration> answer) {
    return new TaskEngine() {
      @Override
      public void complete(long jobKey, Map<String, Object> variables) {
        throw new UnsupportedOperationException();
      }

      @Override
      public void reenter(long processInstanceKey, String elementId, List<Long> ended) {
        throw new UnsupportedOperationException();
      }

      @Override
      public boolean stillExists(long jobKey, Duration hold) {
        return answer.test(jobKey, hold);
      }
    };
  }

  /**
   * Found by AppCrashIT under load: the reconciler listed a task as open, a principal completed it
   * meanwhile (the engine took the completion, so the job was gone), and the reconciler then
   * cancelled it: the signed opinion showed as cancelled in the inbox.
   */
  @Test
  void aCompletionThatWinsTheRaceWithTheReconcilerIsNotCancelled() {
    long id = receivePrincipalTask("LC-U01");
    long jobKey = tasks.findById(id).orElseThrow().jobKey();
    Clock clock = Clock.fixed(OffsetDateTime.parse("2026-11-22T09:00:00Z").toInstant(), ZoneOffset.UTC);
    TaskEngine engine = answering((asked, hold) -> {
      if (asked != jobKey) {
        return true;
      }
      // while the reconciler asks, the principal's completion is stored and taken by the engine
      tasks.startCompletion(id, "principal.wang", "{\"decision\":\"APPROVE\"}", OffsetDateTime.now());
      return false;
    });
    TaskReconciler reconciler = new TaskReconciler(tasks, engine, quietSteps, null, properties, new ObjectMapper(),
        clock);
    reconciler.closeVanishedTasks();

    assertThat(tasks.findById(id).orElseThrow().status()).as("the completion is delivered and closes it")
        .isEqualTo(TaskStatus.COMPLETING);
  }
}
