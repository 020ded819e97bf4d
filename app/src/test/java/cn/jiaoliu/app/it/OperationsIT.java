package cn.jiaoliu.app.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.jiaoliu.testsupport.Infrastructure;
import cn.jiaoliu.testsupport.KeycloakAdmin;
import com.fasterxml.jackson.databind.JsonNode;
import io.camunda.client.CamundaClient;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The operations view on the real broker: the app captures failing automated steps itself (no
 * Operate, no exporter), an exhausted step is an incident, a retry makes the engine run it again
 * without an incident key, and a running application shows its step and holder. Administrators only.
 */
class OperationsIT extends IntegrationTest {

  static final String TEACHER = "it.ops.teacher";
  static final String PROCESS = "it-flaky-step";

  @Autowired CamundaClient camunda;
  @Autowired FlakyStepWorker flaky;
  @Autowired JdbcClient jdbc;

  static ApiClient admin;
  static ApiClient teacher;
  static ApiClient principal;
  static ApiClient office;

  @BeforeAll
  static void users() {
    KeycloakAdmin.ensureUser(TEACHER, "teacher", "LC-U01", "LC");
    Infrastructure infra = Infrastructure.get();
    admin = new ApiClient(infra.appBaseUrl(), infra.tokenFor("admin", "demo"));
    teacher = new ApiClient(infra.appBaseUrl(), infra.tokenFor(TEACHER, "demo"));
    principal = new ApiClient(infra.appBaseUrl(), infra.tokenFor("principal.wang", "demo"));
    office = new ApiClient(infra.appBaseUrl(), infra.tokenFor("office.chen", "demo"));
  }

  @BeforeEach
  void deployTheFlakyProcess() {
    // unchanged resources are kept as they are: deploying before each test makes no new version
    camunda.newDeployResourceCommand().addResourceFromClasspath("it-processes/it-flaky-step.bpmn").send().join();
  }

  long start(long marker) {
    return camunda.newCreateInstanceCommand().bpmnProcessId(PROCESS).latestVersion()
        .variables(Map.of("marker", marker)).send().join().getProcessInstanceKey();
  }

  static Optional<JsonNode> failure(long processInstanceKey) {
    ApiClient.Response response = admin.get("/api/operations/failures");
    assertThat(response.status()).as("%s", response.body()).isEqualTo(200);
    return StreamSupport.stream(response.body().spliterator(), false)
        .filter(f -> f.path("processInstanceKey").asLong() == processInstanceKey)
        .findFirst();
  }

  static Optional<JsonNode> incident(long processInstanceKey) {
    return failure(processInstanceKey).filter(f -> f.path("incident").asBoolean());
  }

  @Test
  void aStepThatKeepsFailingBecomesAnIncidentAndRunsAgainOnRetry() {
    long marker = System.nanoTime();
    long instance = start(marker);

    JsonNode first = await().atMost(Duration.ofSeconds(30)).until(() -> failure(instance), Optional::isPresent).get();
    assertThat(first.path("elementId").asText()).isEqualTo("Task_FlakyStep");
    assertThat(first.path("jobType").asText()).isEqualTo("it-flaky-step");
    assertThat(first.path("bpmnProcessId").asText()).isEqualTo(PROCESS);
    assertThat(first.path("errorMessage").asText()).contains("database unavailable (marker " + marker + ")");

    JsonNode incident = await().atMost(Duration.ofSeconds(30)).until(() -> incident(instance), Optional::isPresent).get();
    assertThat(incident.path("attempts").asInt()).isEqualTo(2);
    assertThat(incident.path("retriesLeft").asInt()).isZero();
    assertThat(incident.path("status").asText()).isEqualTo("OPEN");
    OffsetDateTime lastFailure = OffsetDateTime.parse(incident.path("lastFailedAt").asText());
    assertThat(OffsetDateTime.parse(incident.path("firstFailedAt").asText())).isBefore(lastFailure);
    assertThat(flaky.runs(marker)).isEqualTo(2);

    // the app's check against the engine finds the incident still there and leaves it on the list
    JsonNode checked = await().atMost(Duration.ofSeconds(30))
        .until(() -> incident(instance),
            f -> f.isPresent() && OffsetDateTime.parse(f.get().path("checkedAt").asText()).isAfter(lastFailure))
        .get();
    assertThat(checked.path("attempts").asInt()).isEqualTo(2);

    flaky.allow(marker);
    long jobKey = incident.path("jobKey").asLong();
    ApiClient.Response retried = admin.post("/api/operations/failures/" + jobKey + "/retry", null);
    assertThat(retried.status()).as("%s", retried.body()).isEqualTo(200);
    assertThat(retried.body().path("status").asText()).isEqualTo("RETRIED");
    assertThat(retried.body().path("retriedBy").asText()).isEqualTo("admin");
    ApiClient.Response again = admin.post("/api/operations/failures/" + jobKey + "/retry", null);
    assertThat(again.status()).as("%s", again.body()).isEqualTo(200);
    assertThat(again.body().path("status").asText()).isEqualTo("RETRIED");

    await().atMost(Duration.ofSeconds(30)).until(() -> flaky.passed(marker));
    assertThat(flaky.runs(marker)).as("ran once more, once only").isEqualTo(3);
    assertThat(failure(instance)).isEmpty();
    assertThat(jdbc.sql("select action from audit_event where subject_type = 'PROCESS_INSTANCE' and subject_id = :id")
        .param("id", instance).query(String.class).list()).containsExactly("STEP_RETRIED");
  }

  @Test
  void aStepThatFailsAndThenSucceedsLeavesTheFailingList() {
    long marker = System.nanoTime();
    flaky.failTimes(marker, 1);
    long instance = start(marker);

    await().atMost(Duration.ofSeconds(30)).until(() -> flaky.passed(marker));
    assertThat(failure(instance)).isEmpty();
    assertThat(jdbc.sql("select status, attempts, retries_left from job_failure where process_instance_key = :key")
        .param("key", instance).query().listOfRows())
        .containsExactly(Map.of("status", "RESOLVED", "attempts", 1, "retries_left", 1));
  }

  @Test
  void anyExceptionOfAWorkerIsCapturedAndARetryOfAStepTheEngineNoLongerHasIsAConflict() {
    long marker = System.nanoTime();
    flaky.failWithPlainException(marker);
    long instance = start(marker);
    JsonNode incident = await().atMost(Duration.ofSeconds(30)).until(() -> incident(instance), Optional::isPresent).get();
    assertThat(incident.path("errorMessage").asText()).contains("IllegalStateException", "数据库连接失败");

    camunda.newCancelInstanceCommand(instance).send().join();

    ApiClient.Response retry = admin.post("/api/operations/failures/" + incident.path("jobKey").asLong() + "/retry", null);
    assertThat(retry.status()).as("%s", retry.body()).isEqualTo(409);
    assertThat(retry.body().path("detail").asText()).contains("流程引擎中已没有该环节");
    assertThat(failure(instance)).isEmpty();
    assertThat(flaky.passed(marker)).isFalse();
  }

  @Test
  void aFailingStepWhoseInstanceIsCancelledLeavesTheListByItself() {
    long marker = System.nanoTime();
    long instance = start(marker);
    await().atMost(Duration.ofSeconds(30)).until(() -> incident(instance), Optional::isPresent);

    camunda.newCancelInstanceCommand(instance).send().join();

    await().atMost(Duration.ofSeconds(30)).until(() -> failure(instance).isEmpty());
    assertThat(jdbc.sql("select status from job_failure where process_instance_key = :key").param("key", instance)
        .query(String.class).single()).isEqualTo("GONE");
  }

  @Test
  void aRunningApplicationShowsItsStepAndWhoMayTakeIt() {
    ApiClient.Response created = teacher.post("/api/applications", RotationApplicationIT.application("运维"));
    assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
    long applicationId = created.body().path("id").asLong();

    JsonNode row = await().atMost(Duration.ofSeconds(45)).until(() -> runningApplication(applicationId),
        r -> r.isPresent() && "Task_SignOpinion".equals(r.get().path("stepId").asText())).get();
    assertThat(row.path("stepLabel").asText()).isEqualTo("派出学校签署意见");
    assertThat(row.path("holders").get(0).asText()).isEqualTo("莱城区实验小学 校长");
    assertThat(row.path("automated").asBoolean()).isFalse();
    assertThat(row.path("overdue").asBoolean()).isFalse();
    assertThat(row.path("districtCode").asText()).isEqualTo("LC");
  }

  static Optional<JsonNode> runningApplication(long applicationId) {
    ApiClient.Response response = admin.get("/api/operations/cases?kind=APPLICATION&district=LC");
    assertThat(response.status()).as("%s", response.body()).isEqualTo(200);
    return StreamSupport.stream(response.body().spliterator(), false)
        .filter(c -> c.path("id").asLong() == applicationId).findFirst();
  }

  @Test
  void nobodyButAdministratorsGetsIn() {
    for (ApiClient user : List.of(teacher, principal, office)) {
      assertThat(user.get("/api/operations/cases").status()).isEqualTo(403);
      assertThat(user.get("/api/operations/failures").status()).isEqualTo(403);
      ApiClient.Response retry = user.post("/api/operations/failures/1/retry", null);
      assertThat(retry.status()).isEqualTo(403);
      assertThat(retry.body().path("detail").asText()).isEqualTo("您无权执行此操作。");
    }
  }
}
