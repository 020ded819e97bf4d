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
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The engine never tells the app when it drops a task: a timer, a cancelled instance. Such a task
 * leaves every inbox within seconds, and completing it late is a clear conflict, never a 500.
 */
class TaskVanishesIT extends IntegrationTest {

  static final String TEACHER = "it.vanish.teacher";

  @Autowired CamundaClient camunda;

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
    await().atMost(Duration.ofSeconds(20)).until(() -> openTaskOf(teacher, instance).isEmpty());
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
