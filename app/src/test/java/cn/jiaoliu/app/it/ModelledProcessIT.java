package cn.jiaoliu.app.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.jiaoliu.testsupport.Infrastructure;
import cn.jiaoliu.testsupport.KeycloakAdmin;
import com.fasterxml.jackson.databind.JsonNode;
import io.camunda.client.CamundaClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Processes modelled in Camunda Modeler, deployed through Jiaoliu and run without Java, on the real
 * broker and Keycloak, through REST as each of the people they name: the demonstration class (送教下乡)
 * from the teacher's proposal to the office's record, with the form's rules checked on the server and
 * outsiders refused; a model without scope refused with its reason in Chinese; a second version
 * deployed while an instance of the first waits, each finishing with its own form.
 */
class ModelledProcessIT extends IntegrationTest {

  @Autowired CamundaClient engine;

  private static final Duration WAIT = Duration.ofSeconds(60);

  @Test
  void theDemonstrationClassRunsFromProposalToRecordAsEachPersonItNames() throws IOException {
    Infrastructure infra = Infrastructure.get();
    ApiClient admin = client(infra, "admin");
    ApiClient teacher = client(infra, "teacher.zhang");
    ApiClient receiving = client(infra, "principal.liu");
    ApiClient dispatching = client(infra, "principal.wang");
    ApiClient otherSchool = client(infra, "principal.zhao");
    ApiClient office = client(infra, "office.chen");
    for (ApiClient user : List.of(admin, teacher, receiving, dispatching, otherSchool, office)) {
      assertThat(user.get("/api/tasks").status()).as("known to the app").isEqualTo(200);
    }
    Map<String, byte[]> files = new LinkedHashMap<>();
    for (Resource r : new PathMatchingResourcePatternResolver()
        .getResources("classpath*:modelled/demonstration-class/*.*")) {
      files.put(r.getFilename(), r.getContentAsByteArray());
    }
    assertThat(teacher.postFiles("/api/admin/models", List.of(), "files", files).status()).isEqualTo(403);
    ApiClient.Response deployed = admin.postFiles("/api/admin/models", List.of(Map.entry("starter", "teacher")),
        "files", files);
    assertThat(deployed.status()).as("deploy: %s", deployed.body()).isEqualTo(201);
    assertThat(names(teacher.get("/api/processes").body(), "id")).contains("demonstration-class");
    assertThat(names(receiving.get("/api/processes").body(), "id")).doesNotContain("demonstration-class");

    // the start form's rules, on the server: an option not offered, a field the form does not have
    String classDate = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(10).toString();
    Map<String, Object> proposal = new LinkedHashMap<>(Map.of("receivingSchoolCode", "LC-R01", "classDate", classDate,
        "subject", "数学", "grade", "五年级", "topic", "分数的初步认识", "format", "示范课", "plan", "一课时，含课后研讨"));
    Map<String, Object> notPaired = new LinkedHashMap<>(proposal);
    notPaired.put("receivingSchoolCode", "GC-R01");
    ApiClient.Response refused = teacher.post("/api/processes/demonstration-class/start", notPaired);
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.body().path("fields").path("receivingSchoolCode").asText()).isEqualTo("请从给出的选项中选择。");
    Map<String, Object> extra = new LinkedHashMap<>(proposal);
    extra.put("approved", true);
    assertThat(teacher.post("/api/processes/demonstration-class/start", extra).body().path("fields")
        .path("approved").asText()).isEqualTo("表单中没有此项：approved。");
    ApiClient.Response started = teacher.post("/api/processes/demonstration-class/start", proposal);
    assertThat(started.status()).as("start: %s", started.body()).isEqualTo(201);
    long caseId = started.body().path("id").asLong();

    // the receiving school confirms the date; another school's principal sees nothing
    JsonNode confirm = awaitTask(receiving, "Task_ConfirmDate", caseId);
    assertThat(confirm.path("name").asText()).isEqualTo("接收学校确认日期");
    assertThat(confirm.path("processInstanceKey").asText()).doesNotContain(",");
    assertThat(fieldNames(confirm.path("variables"))).doesNotContain("starterUsername", "jiaoliuCaseId", "plan");
    long confirmId = confirm.path("id").asLong();
    assertThat(otherSchool.get("/api/tasks/" + confirmId).status()).isEqualTo(404);
    assertThat(otherSchool.get("/api/processes/cases/" + caseId).status()).isEqualTo(404);
    assertThat(office.post("/api/tasks/" + confirmId + "/complete", Map.of("dateConfirmed", "yes")).status())
        .as("the office does not act on the school's step").isIn(403, 404);
    ApiClient.Response bad = receiving.post("/api/tasks/" + confirmId + "/complete", Map.of("dateConfirmed", "maybe"));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body().path("fields").has("dateConfirmed")).isTrue();
    assertThat(receiving.post("/api/tasks/" + confirmId + "/complete", Map.of("dateConfirmed", "yes",
        "classDate", classDate, "dateOpinion", "欢迎，安排在五(2)班。")).status()).isIn(200, 202);

    long approve = awaitTask(dispatching, "Task_ApproveDispatch", caseId).path("id").asLong();
    assertThat(dispatching.post("/api/tasks/" + approve + "/complete", Map.of("dispatchApproved", "yes",
        "dispatchOpinion", "同意。")).status()).isIn(200, 202);

    long report = awaitTask(teacher, "Task_FileReport", caseId).path("id").asLong();
    assertThat(teacher.post("/api/tasks/" + report + "/complete", Map.of("pupilsPresent", -1, "teachersPresent", 5,
        "summary", "x")).body().path("fields").path("pupilsPresent").asText()).isEqualTo("不能小于 0。");
    assertThat(teacher.post("/api/tasks/" + report + "/complete", Map.of("pupilsPresent", 42, "teachersPresent", 6,
        "summary", "示范课后与该校数学组教研一小时。")).status()).isIn(200, 202);

    long confirmReport = awaitTask(receiving, "Task_ConfirmReport", caseId).path("id").asLong();
    assertThat(receiving.post("/api/tasks/" + confirmReport + "/complete", Map.of("reportConfirmed", "yes",
        "reportOpinion", "属实。")).status()).isIn(200, 202);

    long record = awaitTask(office, "Task_RecordActivity", caseId).path("id").asLong();
    assertThat(office.post("/api/tasks/" + record + "/complete", Map.of("recorded", true)).status()).isIn(200, 202);

    await().atMost(WAIT).until(() -> "ENDED".equals(teacher.get("/api/processes/cases/" + caseId).body()
        .path("status").asText()));
    JsonNode c = teacher.get("/api/processes/cases/" + caseId).body();
    assertThat(c.path("done")).hasSize(5);
    assertThat(c.toString()).contains("欢迎，安排在五(2)班。", "示范课后与该校数学组教研一小时。", "分数的初步认识");
    assertThat(office.get("/api/processes/cases/" + caseId).status()).isEqualTo(200);
  }

  @Test
  void aModelWithoutScopeIsRefusedAndANewVersionLeavesTheOldInstanceItsForm() throws IOException {
    Infrastructure infra = Infrastructure.get();
    ApiClient admin = client(infra, "admin");
    KeycloakAdmin.ensureUser("it.mp.teacher", "teacher", "LC-U01", "LC");
    ApiClient teacher = client(infra, "it.mp.teacher");
    ApiClient principal = client(infra, "principal.wang");
    for (ApiClient user : List.of(admin, teacher, principal)) {
      assertThat(user.get("/api/tasks").status()).isEqualTo(200);
    }
    ApiClient.Response refused = admin.postFiles("/api/admin/models", List.of(), "files",
        Map.of("leave.bpmn", leave("candidateGroups=\"approvers\"", "审批").getBytes(StandardCharsets.UTF_8),
            "leave-approve.form", form(false).getBytes(StandardCharsets.UTF_8)));
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.body().path("problems").get(0).path("message").asText()).contains("候选组“approvers”没有范围");

    String scoped = "candidateGroups=\"=[&quot;principal:&quot; + starterSchoolCode]\"";
    assertThat(admin.postFiles("/api/admin/models", List.of(Map.entry("starter", "teacher")), "files",
        Map.of("leave.bpmn", leave(scoped, "审批").getBytes(StandardCharsets.UTF_8),
            "leave-approve.form", form(false).getBytes(StandardCharsets.UTF_8))).status()).isEqualTo(201);
    long first = teacher.post("/api/processes/it-leave/start", Map.of()).body().path("id").asLong();
    JsonNode firstTask = awaitTask(principal, "Task_Approve", first);
    assertThat(firstTask.path("name").asText()).isEqualTo("审批");

    ApiClient.Response second = admin.postFiles("/api/admin/models", List.of(Map.entry("starter", "teacher")),
        "files", Map.of("leave.bpmn", leave(scoped, "校长审批").getBytes(StandardCharsets.UTF_8),
            "leave-approve.form", form(true).getBytes(StandardCharsets.UTF_8)));
    assertThat(second.status()).isEqualTo(201);
    assertThat(second.body().path("deployed").get(0).path("version").asInt()).isEqualTo(2);
    long later = teacher.post("/api/processes/it-leave/start", Map.of()).body().path("id").asLong();
    long laterTask = awaitTask(principal, "Task_Approve", later).path("id").asLong();

    // the new version's form asks for the days; the old instance keeps the old form, which does not
    assertThat(principal.post("/api/tasks/" + laterTask + "/complete", Map.of("approved", "yes")).body()
        .path("fields").has("days")).isTrue();
    assertThat(principal.post("/api/tasks/" + firstTask.path("id").asLong() + "/complete",
        Map.of("approved", "yes", "days", 2)).body().path("fields").has("days")).as("not on the old form").isTrue();
    assertThat(principal.post("/api/tasks/" + firstTask.path("id").asLong() + "/complete", Map.of("approved", "yes"))
        .status()).isIn(200, 202);
    assertThat(principal.post("/api/tasks/" + laterTask + "/complete", Map.of("approved", "no", "days", 2)).status())
        .isIn(200, 202);
    for (long id : List.of(first, later)) {
      await().atMost(WAIT).until(() -> "ENDED".equals(teacher.get("/api/processes/cases/" + id).body()
          .path("status").asText()));
    }

    // an instance started outside the app (another client) gets a case of its own, seen by operations
    long elsewhere = engine.newCreateInstanceCommand().bpmnProcessId("it-leave").latestVersion()
        .variables(Map.of("starterSchoolCode", "LC-U01")).send().join().getProcessInstanceKey();
    JsonNode outside = await().atMost(WAIT).until(() -> StreamSupport.stream(principal.get("/api/tasks").body()
            .spliterator(), false).filter(t -> t.path("processInstanceKey").asText().equals(String.valueOf(elsewhere)))
        .findFirst(), Optional::isPresent).get();
    assertThat(outside.path("name").asText()).isEqualTo("校长审批");
    assertThat(outside.path("subjectType").asText()).isEqualTo("PROCESS_CASE");
    long outsideCase = outside.path("subjectId").asLong();
    assertThat(admin.get("/api/operations/cases?kind=PROCESS_CASE&format=json").body().toString())
        .contains("\"id\":" + outsideCase);
    assertThat(principal.post("/api/tasks/" + outside.path("id").asLong() + "/complete",
        Map.of("approved", "yes", "days", 1)).status()).isIn(200, 202);
    await().atMost(WAIT).until(() -> "ENDED".equals(principal.get("/api/processes/cases/" + outsideCase).body()
        .path("status").asText()));
  }

  private static String leave(String assignment, String taskName) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="x">
          <bpmn:process id="it-leave" name="请假（测试）" isExecutable="true">
            <bpmn:startEvent id="Event_Start"/>
            <bpmn:sequenceFlow id="Flow_1" sourceRef="Event_Start" targetRef="Task_Approve"/>
            <bpmn:userTask id="Task_Approve" name="%s">
              <bpmn:extensionElements>
                <zeebe:userTask/>
                <zeebe:formDefinition formId="leave-approve"/>
                <zeebe:assignmentDefinition %s/>
                <zeebe:taskSchedule dueDate="=now() + duration(&quot;P3D&quot;)"/>
              </bpmn:extensionElements>
            </bpmn:userTask>
            <bpmn:sequenceFlow id="Flow_2" sourceRef="Task_Approve" targetRef="Event_End"/>
            <bpmn:endEvent id="Event_End"/>
          </bpmn:process>
        </bpmn:definitions>""".formatted(taskName, assignment);
  }

  private static String form(boolean withDays) {
    return """
        {"id": "leave-approve", "type": "default", "components": [
          {"type": "radio", "key": "approved", "label": "意见", "validate": {"required": true},
           "values": [{"label": "同意", "value": "yes"}, {"label": "不同意", "value": "no"}]}%s]}"""
        .formatted(withDays ? ", {\"type\": \"number\", \"key\": \"days\", \"label\": \"天数\", \"validate\": {\"required\": true}}"
            : "");
  }

  private static JsonNode awaitTask(ApiClient user, String elementId, long caseId) {
    return await().atMost(WAIT).until(() -> openTask(user, elementId, caseId), Optional::isPresent).get();
  }

  private static Optional<JsonNode> openTask(ApiClient user, String elementId, long caseId) {
    ApiClient.Response response = user.get("/api/tasks");
    assertThat(response.status()).isEqualTo(200);
    return StreamSupport.stream(response.body().spliterator(), false)
        .filter(t -> t.path("elementId").asText().equals(elementId))
        .filter(t -> "PROCESS_CASE".equals(t.path("subjectType").asText()) && t.path("subjectId").asLong() == caseId)
        .findFirst();
  }

  private static List<String> names(JsonNode array, String field) {
    List<String> found = new ArrayList<>();
    array.forEach(n -> found.add(n.path(field).asText()));
    return found;
  }

  private static List<String> fieldNames(JsonNode object) {
    List<String> found = new ArrayList<>();
    object.fieldNames().forEachRemaining(found::add);
    return found;
  }

  private static ApiClient client(Infrastructure infra, String username) {
    return new ApiClient(infra.appBaseUrl(), infra.tokenFor(username, "demo"));
  }
}
