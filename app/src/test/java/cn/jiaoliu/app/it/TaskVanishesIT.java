package cn.jiaoliu.app.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.jiaoliu.testsupport.Infrastructure;
import cn.jiaoliu.testsupport.KeycloakAdmin;
import com.fasterxml.jackson.databind.JsonNode;
import io.camunda.client.CamundaClient;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The engine never tells the app when it drops a task: a timer, a cancelled instance. Such a task
 * leaves every inbox within seconds, and completing it late is a clear conflict, never a 500.
 */
class TaskVanishesIT extends IntegrationTest {

  static final String TEACHER = "it.vanish.teacher";

  @Autowired CamundaClient camunda;
  @Autowired JdbcClient jdbc;

  static ApiClient teacher;
  static ApiClient wang;

  @BeforeAll
  static void users() {
    KeycloakAdmin.ensureUser(TEACHER, "teacher", "LC-U01", "LC");
    teacher = new ApiClient(Infrastructure.get().appBaseUrl(), Infrastructure.get().tokenFor(TEACHER, "demo"));
    wang = new ApiClient(Infrastructure.get().appBaseUrl(), Infrastructure.get().tokenFor("principal.wang", "demo"));
  }

  static Optional<JsonNode> openTask(ApiClient user, long processInstanceKey) {
    ApiClient.Response response = user.get("/api/tasks");
    assertThat(response.status()).isEqualTo(200);
    return StreamSupport.stream(response.body().spliterator(), false)
        .filter(t -> t.path("variables").path("applicationId").asLong() == processInstanceKey)
        .findFirst();
  }

  static Optional<JsonNode> openTaskOf(ApiClient user, long processInstanceKey) {
    ApiClient.Response response = user.get("/api/tasks");
    assertThat(response.status()).isEqualTo(200);
    return StreamSupport.stream(response.body().spliterator(), false)
        .filter(t -> t.path("processInstanceKey").asText().equals(String.valueOf(processInstanceKey)))
        .findFirst();
  }

  @Test
  void aTaskClosedByAnInterruptingTimerLeavesTheInbox() {
    // a test-only process: a user task for the teacher with a five-second interrupting timer
    BpmnModelInstance model = Bpmn.createExecutableProcess("it-timer-task")
        .startEvent("Event_Started")
        .userTask("Task_Wait", t -> t.zeebeCandidateUsers(TEACHER).zeebeFormKey("none"))
        .boundaryEvent("Event_TimedOut", b -> b.timerWithDuration("PT5S").cancelActivity(true))
        .endEvent("Event_Expired")
        .moveToActivity("Task_Wait")
        .endEvent("Event_Done")
        .done();
    camunda.newDeployResourceCommand().addProcessModel(model, "it-timer-task.bpmn").send().join();
    long instance = camunda.newCreateInstanceCommand().bpmnProcessId("it-timer-task").latestVersion()
        .variables(Map.of("marker", System.nanoTime())).send().join().getProcessInstanceKey();

    // a task without a form the app knows shows none of its variables: it is found by its instance
    await().atMost(Duration.ofSeconds(30)).until(() -> openTaskOf(teacher, instance), Optional::isPresent);
    assertThat(openTaskOf(teacher, instance).get().path("variables").has("marker")).isFalse();
    assertThat(untilNextCheck(openTaskOf(teacher, instance).get().path("id").asLong()))
        .as("a model the app does not hold is checked every recheck-after").isEqualTo(Duration.ofSeconds(2));
    await().atMost(Duration.ofSeconds(20)).until(() -> openTaskOf(teacher, instance).isEmpty());
  }

  /**
   * The app's own steps, which only the app ends (a withdrawal closes them itself), are first
   * checked halfway through the job's first hold (20 s in the tests), then once per quiet-recheck
   * (an hour) with the long hold: the engine is not kept busy renewing weeks-long waits every minute.
   */
  @Test
  void theAppsOwnStepsAreCheckedHalfwayThroughTheFirstHoldThenHourly() {
    // a teacher of its own: one application at a time per teacher and batch
    KeycloakAdmin.ensureUser("it.vanish.quiet", "teacher", "LC-U01", "LC");
    ApiClient applicant = new ApiClient(Infrastructure.get().appBaseUrl(),
        Infrastructure.get().tokenFor("it.vanish.quiet", "demo"));
    ApiClient.Response created = applicant.post("/api/applications", RotationApplicationIT.application("地理"));
    assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
    long applicationId = created.body().path("id").asLong();
    long taskId = await().atMost(Duration.ofSeconds(45))
        .until(() -> openTask(wang, applicationId), Optional::isPresent).get().path("id").asLong();

    assertThat(untilNextCheck(taskId)).as("first check, halfway through the 20 s hold")
        .isEqualTo(Duration.ofSeconds(10));
    await().atMost(Duration.ofSeconds(30)).until(() -> checks(taskId).get("checked_at").isAfter(
        checks(taskId).get("created_at")));
    assertThat(untilNextCheck(taskId)).as("then hourly").isEqualTo(Duration.ofHours(1));
    assertThat(openTask(wang, applicationId)).as("still open after its check").isPresent();
  }

  private Duration untilNextCheck(long taskId) {
    Map<String, OffsetDateTime> times = checks(taskId);
    return Duration.between(times.get("checked_at"), times.get("next_check_at"));
  }

  private Map<String, OffsetDateTime> checks(long taskId) {
    return jdbc.sql("select created_at, checked_at, next_check_at from inbox_task where id = :id").param("id", taskId)
        .query((rs, n) -> Map.of("created_at", rs.getObject("created_at", OffsetDateTime.class),
            "checked_at", rs.getObject("checked_at", OffsetDateTime.class),
            "next_check_at", rs.getObject("next_check_at", OffsetDateTime.class))).single();
  }

  @Test
  void aTaskOfACancelledInstanceLeavesTheInboxAndALateCompletionIsAConflict() {
    Map<String, Object> form = RotationApplicationIT.application("历史");
    ApiClient.Response created = teacher.post("/api/applications", form);
    assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
    long applicationId = created.body().path("id").asLong();
    JsonNode task = await().atMost(Duration.ofSeconds(45))
        .until(() -> openTask(wang, applicationId), Optional::isPresent).get();
    long instanceKey = teacher.get("/api/applications/" + applicationId).body()
        .path("application").path("processInstanceKey").asLong();

    camunda.newCancelInstanceCommand(instanceKey).send().join();

    ApiClient.Response late = wang.post("/api/tasks/" + task.path("id").asLong() + "/complete",
        Map.of("decision", "APPROVE", "comment", "晚了"));
    assertThat(late.status()).as("%s", late.body()).isEqualTo(409);
    assertThat(late.body().path("detail").asText()).contains("不再有效");
    await().atMost(Duration.ofSeconds(10)).until(() -> openTask(wang, applicationId).isEmpty());
  }
}
