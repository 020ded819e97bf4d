package cn.jiaoliu.app.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.jiaoliu.testsupport.Infrastructure;
import cn.jiaoliu.testsupport.KeycloakAdmin;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A whole rotation application on the real broker and Keycloak, through the REST API, as four
 * different users with their own tokens; and what users outside the case cannot do.
 */
class RotationApplicationIT extends IntegrationTest {

  private static final Duration WAIT = Duration.ofSeconds(45);

  static ApiClient wang;
  static ApiClient liu;
  static ApiClient zhao;
  static ApiClient office;
  static ApiClient otherOffice;

  @Autowired JdbcClient jdbc;

  @BeforeAll
  static void users() {
    Infrastructure infra = Infrastructure.get();
    KeycloakAdmin.ensureUser("office.gc", "teaching-office", null, "GC");
    wang = new ApiClient(infra.appBaseUrl(), infra.tokenFor("principal.wang", "demo"));
    liu = new ApiClient(infra.appBaseUrl(), infra.tokenFor("principal.liu", "demo"));
    zhao = new ApiClient(infra.appBaseUrl(), infra.tokenFor("principal.zhao", "demo"));
    office = new ApiClient(infra.appBaseUrl(), infra.tokenFor("office.chen", "demo"));
    otherOffice = new ApiClient(infra.appBaseUrl(), infra.tokenFor("office.gc", "demo"));
  }

  static boolean usersKnown;

  /** Each test has a teacher of its own at LC-U01, so that one test's applications never make another's ineligible. */
  ApiClient teacher;

  @org.junit.jupiter.api.BeforeEach
  void ownTeacher(org.junit.jupiter.api.TestInfo test) {
    if (!usersKnown) {
      // every user once (the app runs by now), so the app knows their names and addresses for notifications
      for (ApiClient user : new ApiClient[] {wang, liu, zhao, office, otherOffice}) {
        assertThat(user.get("/api/tasks").status()).isEqualTo(200);
      }
      usersKnown = true;
    }
    String username = "it." + test.getTestMethod().orElseThrow().getName().substring(0, 12).toLowerCase();
    KeycloakAdmin.ensureUser(username, "teacher", "LC-U01", "LC");
    teacher = new ApiClient(Infrastructure.get().appBaseUrl(), Infrastructure.get().tokenFor(username, "demo"));
    this.username = username;
  }

  String username;

  static Map<String, Object> application(String subject) {
    Map<String, Object> form = new HashMap<>();
    form.put("batchId", 1);
    form.put("direction", "URBAN_TO_RURAL");
    form.put("targetSchoolCode", "LC-R01");
    form.put("post", "TEACHER");
    form.put("subject", subject);
    form.put("periodStart", "2027-09-01");
    form.put("periodEnd", "2028-07-31");
    form.put("yearsOfService", 8);
    form.put("reasons", "自愿到牛泉镇中心小学支教一年，承担数学教学和教研任务。");
    return form;
  }

  long submit(Map<String, Object> form) {
    ApiClient.Response created = teacher.post("/api/applications", form);
    assertThat(created.status()).as("submit: %s", created.body()).isEqualTo(201);
    return created.body().path("id").asLong();
  }

  static Optional<JsonNode> openTask(ApiClient user, String elementId, long applicationId) {
    ApiClient.Response response = user.get("/api/tasks");
    assertThat(response.status()).isEqualTo(200);
    return StreamSupport.stream(response.body().spliterator(), false)
        .filter(t -> t.path("elementId").asText().equals(elementId))
        .filter(t -> t.path("variables").path("applicationId").asLong() == applicationId)
        .findFirst();
  }

  static long awaitTask(ApiClient user, String elementId, long applicationId) {
    return await().atMost(WAIT).until(() -> openTask(user, elementId, applicationId), Optional::isPresent)
        .get().path("id").asLong();
  }

  String status(long applicationId) {
    return teacher.get("/api/applications/" + applicationId).body().path("application").path("status").asText();
  }

  private long quotaUsed() {
    return jdbc.sql("select used from batch_quota where batch_id = 1 and school_code = 'LC-U01' and direction = 'URBAN_TO_RURAL'")
        .query(Long.class).single();
  }

  @Test
  void anApplicationGoesFromTheTeacherThroughThreeOpinionsToAnAssignment() throws Exception {
    long usedBefore = quotaUsed();
    long id = submit(application("数学"));

    long opinion = awaitTask(wang, "Task_SignOpinion", id);
    assertThat(status(id)).isEqualTo("AWAITING_OPINION");
    assertThat(wang.post("/api/tasks/" + opinion + "/complete", Map.of("decision", "APPROVE", "comment", "同意派出")).status())
        .isEqualTo(200);

    long accept = awaitTask(liu, "Task_AcceptTeacher", id);
    assertThat(liu.post("/api/tasks/" + accept + "/complete", Map.of("decision", "ACCEPT", "comment", "欢迎")).status())
        .isEqualTo(200);

    long approve = awaitTask(office, "Task_ApproveApplication", id);
    // the same task completed twice at once: one wins, the other is told it is done already
    var first = java.util.concurrent.CompletableFuture.supplyAsync(
        () -> office.post("/api/tasks/" + approve + "/complete", Map.of("decision", "APPROVE", "comment", "批准")).status());
    var second = java.util.concurrent.CompletableFuture.supplyAsync(
        () -> office.post("/api/tasks/" + approve + "/complete", Map.of("decision", "APPROVE", "comment", "批准")).status());
    assertThat(java.util.List.of(first.get(), second.get())).containsExactlyInAnyOrder(200, 409);

    await().atMost(WAIT).until(() -> status(id).equals("APPROVED"));
    JsonNode details = teacher.get("/api/applications/" + id).body();
    assertThat(details.path("assignment").path("monthlySubsidy").asInt()).isEqualTo(400);
    assertThat(details.path("opinions")).extracting(o -> o.path("step").asText() + ":" + o.path("decision").asText()
            + ":" + o.path("signer").asText())
        .containsExactly("Task_SignOpinion:APPROVE:principal.wang", "Task_AcceptTeacher:ACCEPT:principal.liu",
            "Task_ApproveApplication:APPROVE:office.chen");
    assertThat(details.path("audit")).extracting(e -> e.path("action").asText())
        .contains("SUBMITTED", "TASK_SUBMITTED", "ASSIGNMENT_CREATED");
    assertThat(quotaUsed()).isEqualTo(usedBefore + 1);

    await().atMost(WAIT).untilAsserted(() -> {
      JsonNode inbox = teacher.get("/api/notifications").body();
      assertThat(inbox.path("notifications")).extracting(n -> n.path("messageKey").asText()).contains("notification.approved");
    });
    await().atMost(WAIT).untilAsserted(() -> assertThat(Arrays.stream(MAIL.getReceivedMessages())
        .anyMatch(m -> recipient(m).equals(username + "@demo.jiaoliu.invalid") && body(m).contains("#" + id))).isTrue());
    assertThat(teacher.post("/api/applications/" + id + "/withdraw", null).status()).isEqualTo(409);
  }

  @Test
  void usersOutsideTheCaseGetNotFoundAndCannotComplete() {
    long id = submit(application("语文"));
    long opinion = awaitTask(wang, "Task_SignOpinion", id);

    for (ApiClient outsider : new ApiClient[] {zhao, otherOffice, liu}) {
      assertThat(outsider.get("/api/tasks/" + opinion).status()).isEqualTo(404);
      assertThat(outsider.post("/api/tasks/" + opinion + "/claim", null).status()).isEqualTo(404);
      assertThat(outsider.post("/api/tasks/" + opinion + "/complete", Map.of("decision", "APPROVE")).status()).isEqualTo(404);
    }
    assertThat(zhao.get("/api/applications/" + id).status()).isEqualTo(404);
    assertThat(otherOffice.get("/api/applications/" + id).status()).isEqualTo(404);
    assertThat(otherOffice.post("/api/applications/" + id + "/withdraw", null).status()).isEqualTo(404);
    assertThat(wang.post("/api/applications/" + id + "/withdraw", null).status()).isEqualTo(404);
    assertThat(openTask(wang, "Task_SignOpinion", id)).isPresent();
    assertThat(status(id)).isEqualTo("AWAITING_OPINION");

    // the receiving school may read the application, but not sign the dispatching school's opinion
    assertThat(liu.get("/api/applications/" + id).status()).isEqualTo(200);
    assertThat(teacher.post("/api/applications/" + id + "/withdraw", null).status()).isEqualTo(200);
  }

  @Test
  void aReturnedApplicationIsRevisedAndResubmittedAndAWithdrawalClosesItsTasks() {
    long id = submit(application("英语"));
    long opinion = awaitTask(wang, "Task_SignOpinion", id);
    ApiClient.Response noComment = wang.post("/api/tasks/" + opinion + "/complete", Map.of("decision", "RETURN"));
    assertThat(noComment.status()).isEqualTo(400);
    assertThat(wang.post("/api/tasks/" + opinion + "/complete", Map.of("decision", "RETURN", "comment", "请补充教研计划")).status())
        .isEqualTo(200);

    long revise = awaitTask(teacher, "Task_ReviseApplication", id);
    assertThat(status(id)).isEqualTo("RETURNED");
    Map<String, Object> revised = application("英语（含教研计划）");
    revised.remove("batchId");
    revised.remove("direction");
    Map<String, String> fields = new HashMap<>();
    revised.forEach((k, v) -> fields.put(k, String.valueOf(v)));
    assertThat(teacher.post("/api/tasks/" + revise + "/complete", fields).status()).isEqualTo(200);

    awaitTask(wang, "Task_SignOpinion", id);
    assertThat(teacher.get("/api/applications/" + id).body().path("application").path("subject").asText())
        .isEqualTo("英语（含教研计划）");

    assertThat(teacher.post("/api/applications/" + id + "/withdraw", null).status()).isEqualTo(200);
    assertThat(openTask(wang, "Task_SignOpinion", id)).isEmpty();
    assertThat(status(id)).isEqualTo("WITHDRAWN");
  }

  /**
   * The teacher revises the target school: the acceptance goes to the new school's principal, who
   * accepts, and the old school's principal never sees it. The process once kept the target school
   * it was started with, so the case went to the old school and stalled.
   */
  @Test
  void aRevisionToAnotherTargetSchoolGoesToThatSchoolsPrincipal() {
    KeycloakAdmin.ensureUser("principal.r03", "principal", "LC-R03", "LC");
    ApiClient r03 = new ApiClient(Infrastructure.get().appBaseUrl(), Infrastructure.get().tokenFor("principal.r03", "demo"));
    long id = submit(application("科学"));
    long opinion = awaitTask(wang, "Task_SignOpinion", id);
    assertThat(wang.post("/api/tasks/" + opinion + "/complete", Map.of("decision", "RETURN", "comment", "请改派下水河小学"))
        .status()).isEqualTo(200);

    long revise = awaitTask(teacher, "Task_ReviseApplication", id);
    Map<String, Object> revised = application("科学");
    revised.remove("batchId");
    revised.remove("direction");
    revised.put("targetSchoolCode", "LC-R03");
    Map<String, String> fields = new HashMap<>();
    revised.forEach((k, v) -> fields.put(k, String.valueOf(v)));
    assertThat(teacher.post("/api/tasks/" + revise + "/complete", fields).status()).isEqualTo(200);
    long again = awaitTask(wang, "Task_SignOpinion", id);
    assertThat(wang.post("/api/tasks/" + again + "/complete", Map.of("decision", "APPROVE", "comment", "同意")).status())
        .isEqualTo(200);

    long accept = awaitTask(r03, "Task_AcceptTeacher", id);
    assertThat(openTask(liu, "Task_AcceptTeacher", id)).as("the old target school's principal").isEmpty();
    assertThat(r03.post("/api/tasks/" + accept + "/complete", Map.of("decision", "ACCEPT", "comment", "欢迎")).status())
        .isEqualTo(200);
    long approve = awaitTask(office, "Task_ApproveApplication", id);
    assertThat(office.post("/api/tasks/" + approve + "/complete", Map.of("decision", "APPROVE", "comment", "批准")).status())
        .isEqualTo(200);
    await().atMost(WAIT).until(() -> status(id).equals("APPROVED"));
    JsonNode details = teacher.get("/api/applications/" + id).body();
    assertThat(details.path("application").path("targetSchoolCode").asText()).isEqualTo("LC-R03");
    assertThat(details.path("opinions")).extracting(o -> o.path("step").asText() + ":" + o.path("signer").asText())
        .contains("Task_AcceptTeacher:principal.r03");
  }

  @Test
  void anIneligibleApplicationEndsWithEveryReasonShownToTheTeacher() {
    Map<String, Object> form = application("体育");
    form.put("yearsOfService", 1);
    long id = submit(form);

    await().atMost(WAIT).until(() -> status(id).equals("NOT_ELIGIBLE"));
    JsonNode application = teacher.get("/api/applications/" + id).body().path("application");
    assertThat(application.path("ineligibleReasons").asText()).isEqualTo("TOO_FEW_YEARS");
    assertThat(openTask(wang, "Task_SignOpinion", id)).isEmpty();
    await().atMost(WAIT).untilAsserted(() -> assertThat(teacher.get("/api/notifications").body().path("notifications"))
        .extracting(n -> n.path("messageKey").asText()).contains("notification.outcome.NOT_ELIGIBLE"));
  }

  @Test
  void badInputIsRejectedWithTranslatedMessagesAndNothingIsStored() {
    long before = jdbc.sql("select count(*) from rotation_application").query(Long.class).single();
    Map<String, Object> bad = application("");
    bad.put("targetSchoolCode", "LC-R02");
    bad.put("periodEnd", "2027-08-01");
    ApiClient.Response response = teacher.post("/api/applications", bad);
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body().path("fields").path("subject").asText()).isEqualTo("此项为必填。");
    assertThat(response.body().path("fields").path("periodEnd").asText()).isEqualTo("结束日期必须晚于开始日期。");

    Map<String, Object> unknownBatch = application("数学");
    unknownBatch.put("batchId", 999);
    assertThat(teacher.post("/api/applications", unknownBatch).body().path("fields").path("batchId").asText())
        .isEqualTo("该批次不存在或不属于本区。");
    Map<String, Object> notPaired = application("数学");
    notPaired.put("targetSchoolCode", "LC-R02");
    assertThat(teacher.post("/api/applications", notPaired).body().path("fields").path("targetSchoolCode").asText())
        .isEqualTo("所选学校在该期间与本校没有结对关系。");
    assertThat(jdbc.sql("select count(*) from rotation_application").query(Long.class).single()).isEqualTo(before);

    String key = UUID.randomUUID().toString();
    ApiClient.Response first = teacher.postWithHeader("/api/applications", application("物理"), "Idempotency-Key", key);
    ApiClient.Response again = teacher.postWithHeader("/api/applications", application("物理"), "Idempotency-Key", key);
    assertThat(again.body().path("id").asLong()).isEqualTo(first.body().path("id").asLong());
    assertThat(jdbc.sql("select count(*) from rotation_application").query(Long.class).single()).isEqualTo(before + 1);
    teacher.post("/api/applications/" + first.body().path("id").asLong() + "/withdraw", null);
  }

  private static String recipient(MimeMessage m) {
    try {
      return m.getAllRecipients()[0].toString();
    } catch (Exception e) {
      return "";
    }
  }

  private static String body(MimeMessage m) {
    try {
      return String.valueOf(m.getContent());
    } catch (Exception e) {
      return "";
    }
  }
}
