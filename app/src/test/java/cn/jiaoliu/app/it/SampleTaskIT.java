package cn.jiaoliu.app.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.jiaoliu.testsupport.Infrastructure;
import com.fasterxml.jackson.databind.JsonNode;
import io.camunda.client.CamundaClient;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The whole foundation on the real broker and the real Keycloak: a teacher submits over REST, the
 * principal of the teacher's school (and nobody else) gets the task, claims and completes it, the
 * teacher acknowledges, the worker closes the request. Tasks the engine drops leave the inbox.
 */
class SampleTaskIT extends IntegrationTest {

  private static final Duration WAIT = Duration.ofSeconds(30);

  static ApiClient teacher;
  static ApiClient wang;
  static ApiClient liu;
  static ApiClient office;

  @Autowired CamundaClient camunda;

  @BeforeAll
  static void tokens() {
    Infrastructure infra = Infrastructure.get();
    teacher = new ApiClient(infra.appBaseUrl(), infra.tokenFor("teacher.zhang", "demo"));
    wang = new ApiClient(infra.appBaseUrl(), infra.tokenFor("principal.wang", "demo"));
    liu = new ApiClient(infra.appBaseUrl(), infra.tokenFor("principal.liu", "demo"));
    office = new ApiClient(infra.appBaseUrl(), infra.tokenFor("office.chen", "demo"));
  }

  private static Optional<JsonNode> openTask(ApiClient user, String elementId, long requestId) {
    ApiClient.Response response = user.get("/api/tasks");
    assertThat(response.status()).isEqualTo(200);
    return StreamSupport.stream(response.body().spliterator(), false)
        .filter(t -> t.path("elementId").asText().equals(elementId))
        .filter(t -> t.path("variables").path("requestId").asLong() == requestId)
        .findFirst();
  }

  private static long submit(String title) {
    ApiClient.Response created = teacher.post("/api/sample-requests", Map.of("title", title, "reasons", "到乡村学校支教一年"));
    assertThat(created.status()).as("submit: %s", created.body()).isEqualTo(201);
    return created.body().path("id").asLong();
  }

  @Test
  void aRequestGoesFromTheTeacherThroughTheirPrincipalAndBack() {
    long requestId = submit("申请到牛泉镇中心小学支教");

    JsonNode task = await().atMost(WAIT).until(() -> openTask(wang, "Task_SignOpinion", requestId), Optional::isPresent).get();
    long taskId = task.path("id").asLong();
    assertThat(task.path("name").asText()).isEqualTo("签署意见");
    assertThat(task.path("dueAt").asText()).isNotBlank();

    assertThat(openTask(liu, "Task_SignOpinion", requestId)).as("principal of another school").isEmpty();
    assertThat(openTask(office, "Task_SignOpinion", requestId)).as("teaching office").isEmpty();
    assertThat(openTask(teacher, "Task_SignOpinion", requestId)).as("the teacher").isEmpty();
    assertThat(liu.get("/api/tasks/" + taskId).status()).isEqualTo(404);
    assertThat(liu.post("/api/tasks/" + taskId + "/complete", Map.of("decision", "APPROVE")).status()).isEqualTo(404);

    assertThat(wang.post("/api/tasks/" + taskId + "/claim", null).body().path("claimedBy").asText()).isEqualTo("principal.wang");
    assertThat(wang.post("/api/tasks/" + taskId + "/unclaim", null).body().path("claimedBy").isMissingNode()).isTrue();
    assertThat(wang.post("/api/tasks/" + taskId + "/claim", null).status()).isEqualTo(200);

    ApiClient.Response bad = wang.post("/api/tasks/" + taskId + "/complete", Map.of("decision", "REJECT"));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body().path("fields").path("comment").asText()).isEqualTo("不同意时请填写意见说明。");

    ApiClient.Response done = wang.post("/api/tasks/" + taskId + "/complete", Map.of("decision", "APPROVE", "comment", "同意"));
    assertThat(done.status()).as("%s", done.body()).isEqualTo(200);
    assertThat(wang.post("/api/tasks/" + taskId + "/complete", Map.of("decision", "APPROVE")).status()).isEqualTo(409);
    assertThat(StreamSupport.stream(wang.get("/api/tasks?view=done").body().spliterator(), false)
        .anyMatch(t -> t.path("id").asLong() == taskId)).isTrue();

    JsonNode acknowledge = await().atMost(WAIT)
        .until(() -> openTask(teacher, "Task_AcknowledgeOutcome", requestId), Optional::isPresent).get();
    assertThat(teacher.post("/api/tasks/" + acknowledge.path("id").asLong() + "/complete", Map.of()).status()).isEqualTo(200);

    await().atMost(WAIT).untilAsserted(() -> {
      JsonNode request = teacher.get("/api/sample-requests/" + requestId).body();
      assertThat(request.path("status").asText()).isEqualTo("CLOSED");
      assertThat(request.path("outcome").asText()).isEqualTo("APPROVE");
    });
    assertThat(wang.get("/api/sample-requests/" + requestId).status()).isEqualTo(200);
    assertThat(liu.get("/api/sample-requests/" + requestId).status()).isEqualTo(404);
  }

  @Test
  void aTaskWhoseInstanceIsCancelledLeavesTheInboxAndCannotBeCompleted() {
    long requestId = submit("取消测试");
    JsonNode task = await().atMost(WAIT).until(() -> openTask(wang, "Task_SignOpinion", requestId), Optional::isPresent).get();
    long instanceKey = teacher.get("/api/sample-requests/" + requestId).body().path("processInstanceKey").asLong();

    camunda.newCancelInstanceCommand(instanceKey).send().join();

    ApiClient.Response late = wang.post("/api/tasks/" + task.path("id").asLong() + "/complete",
        Map.of("decision", "APPROVE", "comment", "晚了"));
    assertThat(late.status()).as("%s", late.body()).isEqualTo(409);
    assertThat(late.body().path("detail").asText()).contains("不再有效");
    await().atMost(Duration.ofSeconds(10)).until(() -> openTask(wang, "Task_SignOpinion", requestId).isEmpty());
  }

  @Test
  void aTaskClosedByItsTimerLeavesTheInboxWithinSeconds() {
    long requestId = submit("逾期测试");
    long instanceKey = await().atMost(WAIT).until(
        () -> teacher.get("/api/sample-requests/" + requestId).body().path("processInstanceKey").asLong(), k -> k > 0);
    await().atMost(WAIT).until(() -> openTask(wang, "Task_SignOpinion", requestId), Optional::isPresent);
    camunda.newCancelInstanceCommand(instanceKey).send().join();
    await().atMost(Duration.ofSeconds(10)).until(() -> openTask(wang, "Task_SignOpinion", requestId).isEmpty());

    // the same request again with a five-second opinion deadline, started straight on the engine
    camunda.newCreateInstanceCommand().bpmnProcessId("sample-opinion").latestVersion()
        .variables(Map.of("requestId", requestId, "teacherUsername", "teacher.zhang", "schoolCode", "LC-U01",
            "opinionDuePeriod", "PT5S"))
        .send().join();
    await().atMost(WAIT).until(() -> openTask(wang, "Task_SignOpinion", requestId), Optional::isPresent);

    await().atMost(Duration.ofSeconds(25)).until(() -> openTask(wang, "Task_SignOpinion", requestId).isEmpty());
    await().atMost(WAIT).untilAsserted(() ->
        assertThat(teacher.get("/api/sample-requests/" + requestId).body().path("outcome").asText()).isEqualTo("OVERDUE"));
  }
}
