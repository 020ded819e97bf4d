package cn.jiaoliu.app.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.jiaoliu.testsupport.Infrastructure;
import cn.jiaoliu.testsupport.KeycloakAdmin;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/**
 * The approval operations on the real broker and Keycloak, through REST, as the people of a case
 * and people outside it: the applicant urges (once a day), the principal names a deputy who signs
 * in the principal's name, the deputy takes the decision back before the receiving school acts
 * and not after, the step is handed back, the office asks a colleague's opinion and waits for it, a
 * deputy outside the dates is refused, the office copies the case to a reader who may read it and
 * nothing more. The approval form prints "王芳（…代签）".
 */
class ApprovalOperationsIT extends IntegrationTest {

  private static final Duration WAIT = Duration.ofSeconds(45);

  @Test
  void urgeDeputyRecallHandoverOpinionAndCopyOnOneApplication() throws Exception {
    Infrastructure infra = Infrastructure.get();
    KeycloakAdmin.ensureUser("it.ops.teacher", "teacher", "LC-U01", "LC");
    KeycloakAdmin.ensureUser("it.ops.deputy", "principal", "LC-U01", "LC");
    KeycloakAdmin.ensureUser("it.ops.office2", "teaching-office", null, "LC");
    KeycloakAdmin.ensureUser("it.ops.reader", "teacher", "LC-R01", "LC");
    KeycloakAdmin.ensureUser("office.gc", "teaching-office", null, "GC");
    ApiClient teacher = client(infra, "it.ops.teacher");
    ApiClient wang = client(infra, "principal.wang");
    ApiClient deputy = client(infra, "it.ops.deputy");
    ApiClient liu = client(infra, "principal.liu");
    ApiClient zhao = client(infra, "principal.zhao");
    ApiClient office = client(infra, "office.chen");
    ApiClient office2 = client(infra, "it.ops.office2");
    ApiClient reader = client(infra, "it.ops.reader");
    ApiClient otherOffice = client(infra, "office.gc");
    for (ApiClient user : List.of(teacher, wang, deputy, liu, zhao, office, office2, reader, otherOffice)) {
      assertThat(user.get("/api/tasks").status()).as("known to the app").isEqualTo(200);
    }
    ApiClient.Response created = teacher.post("/api/applications", RotationApplicationIT.application("化学"));
    assertThat(created.status()).as("submit: %s", created.body()).isEqualTo(201);
    long id = created.body().path("id").asLong();
    long sign = RotationApplicationIT.awaitTask(wang, "Task_SignOpinion", id);

    // 催办: the applicant, once a day; someone of another district cannot even see the step
    assertThat(teacher.post("/api/tasks/" + sign + "/urge", Map.of()).status()).isEqualTo(200);
    assertThat(teacher.post("/api/tasks/" + sign + "/urge", Map.of()).status()).isEqualTo(409);
    assertThat(otherOffice.post("/api/tasks/" + sign + "/urge", Map.of()).status()).isEqualTo(404);

    // 委托: Wang names a deputy; the deputy signs in Wang's name
    LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
    assertThat(wang.post("/api/delegations", Map.of("deputy", "principal.liu", "startsOn", today.toString(),
        "endsOn", today.plusDays(2).toString())).status()).as("another school's principal").isEqualTo(400);
    assertThat(wang.post("/api/delegations", Map.of("deputy", "it.ops.deputy", "startsOn", today.toString(),
        "endsOn", today.plusDays(2).toString())).status()).isEqualTo(200);
    assertThat(deputy.post("/api/tasks/" + sign + "/complete", Map.of("decision", "APPROVE", "comment", "同意。",
        "onBehalfOf", "principal.wang")).status()).isIn(200, 202);
    long accept = RotationApplicationIT.awaitTask(liu, "Task_AcceptTeacher", id);
    assertThat(opinionSigners(teacher, id)).anySatisfy(s -> assertThat(s).startsWith("王芳（").endsWith("代签）"));

    // 撤回 while the receiving school has not touched its step: the step is the deputy's again
    assertThat(wang.post("/api/tasks/" + sign + "/recall", Map.of()).status()).as("not who signed").isIn(403, 404);
    assertThat(deputy.post("/api/tasks/" + sign + "/recall", Map.of()).status()).isEqualTo(200);
    long again = await().atMost(WAIT).until(() -> RotationApplicationIT.openTask(deputy, "Task_SignOpinion", id),
        java.util.Optional::isPresent).get().path("id").asLong();
    assertThat(deputy.get("/api/tasks/" + again).body().path("claimedBy").asText()).isEqualTo("it.ops.deputy");
    assertThat(RotationApplicationIT.openTask(liu, "Task_AcceptTeacher", id)).isEmpty();
    assertThat(liu.post("/api/tasks/" + accept + "/claim", Map.of()).status()).isEqualTo(409);
    await().atMost(WAIT).until(() -> "AWAITING_OPINION".equals(status(teacher, id)));
    assertThat(opinionSigners(teacher, id)).isEmpty();
    assertThat(deputy.post("/api/tasks/" + sign + "/recall", Map.of()).status()).as("twice").isEqualTo(409);

    // 转办: the deputy hands the step back to Wang, who decides himself
    assertThat(deputy.post("/api/tasks/" + again + "/transfer", Map.of("to", "principal.zhao", "reason", "x")).status())
        .as("another school").isEqualTo(400);
    assertThat(deputy.post("/api/tasks/" + again + "/transfer", Map.of("to", "principal.wang", "reason", "王校长已返校"))
        .status()).isEqualTo(200);
    assertThat(wang.post("/api/tasks/" + again + "/complete", Map.of("decision", "APPROVE", "comment", "同意推荐。"))
        .status()).isIn(200, 202);
    long accept2 = RotationApplicationIT.awaitTask(liu, "Task_AcceptTeacher", id);
    assertThat(liu.post("/api/tasks/" + accept2 + "/claim", Map.of()).status()).isEqualTo(200);
    assertThat(wang.post("/api/tasks/" + again + "/recall", Map.of()).status()).as("the next step was claimed")
        .isEqualTo(409);
    assertThat(liu.post("/api/tasks/" + accept2 + "/complete", Map.of("decision", "ACCEPT", "comment", "同意接收。"))
        .status()).isIn(200, 202);

    // 征求意见: the office asks a colleague and waits; a deputy outside the dates is refused
    long approve = RotationApplicationIT.awaitTask(office, "Task_ApproveApplication", id);
    assertThat(office.post("/api/tasks/" + approve + "/consultations", Map.of("consultees", List.of("office.gc"),
        "waits", true)).status()).as("another district").isEqualTo(400);
    assertThat(office.post("/api/tasks/" + approve + "/consultations", Map.of("consultees", List.of("it.ops.office2"),
        "question", "名额是否合适？", "waits", true)).status()).isEqualTo(200);
    assertThat(office.post("/api/tasks/" + approve + "/complete", Map.of("decision", "REJECT", "comment", "名额不足"))
        .status()).isEqualTo(409);
    assertThat(office.post("/api/delegations", Map.of("deputy", "it.ops.office2", "startsOn",
        today.plusDays(1).toString(), "endsOn", today.plusDays(3).toString())).status()).isEqualTo(200);
    assertThat(office2.post("/api/tasks/" + approve + "/complete", Map.of("decision", "REJECT", "comment", "名额不足",
        "onBehalfOf", "office.chen")).status()).as("deputy before the delegation starts").isEqualTo(403);
    JsonNode asked = office2.get("/api/consultations").body();
    long consultation = first(asked, "taskId", approve).path("id").asLong();
    assertThat(zhao.post("/api/consultations/" + consultation + "/answer", Map.of("opinion", "越权")).status())
        .isEqualTo(404);
    assertThat(office2.post("/api/consultations/" + consultation + "/answer", Map.of("opinion", "本批名额已用尽，建议下批。"))
        .status()).isEqualTo(200);
    // the colleague stands in for the office from today and signs in its name, with a handwritten signature
    assertThat(office.post("/api/delegations", Map.of("deputy", "it.ops.office2", "startsOn", today.toString(),
        "endsOn", today.toString())).status()).isEqualTo(200);
    assertThat(office2.post("/api/signature", Map.of("drawing", "data:image/png;base64," + signaturePng())).status())
        .isEqualTo(200);
    assertThat(office2.post("/api/tasks/" + approve + "/complete", Map.of("decision", "REJECT", "comment", "名额不足，下批再议",
        "onBehalfOf", "office.chen")).status()).isIn(200, 202);
    await().atMost(WAIT).until(() -> "REJECTED".equals(status(teacher, id)));
    // the model copies the office's decision to the principals of both schools (header copyTo)
    for (ApiClient principal : List.of(wang, liu)) {
      assertThat(principal.get("/api/copies").body().toString()).contains("\"subjectId\":" + id);
    }
    assertThat(zhao.get("/api/copies").body().toString()).doesNotContain("\"subjectId\":" + id + ",");

    // 抄送: the office copies the case to a teacher of the district, who may read it and nothing more
    assertThat(reader.get("/api/applications/" + id).status()).isEqualTo(404);
    assertThat(otherOffice.post("/api/cases/APPLICATION/" + id + "/copies", Map.of("people", List.of("it.ops.reader")))
        .status()).isEqualTo(404);
    assertThat(office.post("/api/cases/APPLICATION/" + id + "/copies", Map.of("people", List.of("it.ops.reader"),
        "note", "请知悉")).status()).isEqualTo(200);
    assertThat(reader.get("/api/applications/" + id).status()).isEqualTo(200);
    assertThat(reader.post("/api/applications/" + id + "/withdraw", Map.of()).status()).isIn(403, 404, 409);
    assertThat(reader.get("/api/copies").body().toString()).contains("\"subjectId\":" + id);
    assertThat(zhao.get("/api/applications/" + id).status()).as("another school's principal").isEqualTo(404);

    // the timeline shows every operation, and the printed form the deputy's signature
    List<String> actions = new ArrayList<>();
    teacher.get("/api/applications/" + id).body().path("audit").forEach(e -> actions.add(e.path("action").asText()));
    assertThat(actions).contains("TASK_URGED", "TASK_RECALLED", "TASK_TRANSFERRED", "OPINION_ASKED", "OPINION_GIVEN",
        "CASE_COPIED");
    var pdf = teacher.download("/api/applications/" + id + "/approval-form.pdf");
    assertThat(pdf.statusCode()).isEqualTo(200);
    try (var document = Loader.loadPDF(pdf.body())) {
      String text = new PDFTextStripper().getText(document).replaceAll("[\\s\u3000]+", "");
      assertThat(text).contains("同意推荐。", "本批名额已用尽，建议下批。", "陈静（", "代签）");
      int images = 0;
      for (var name : document.getPage(0).getResources().getXObjectNames()) {
        images += document.getPage(0).getResources().isImageXObject(name) ? 1 : 0;
      }
      assertThat(images).as("the deputy's handwritten signature").isEqualTo(1);
    }
  }

  private static String signaturePng() throws java.io.IOException {
    java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(240, 80,
        java.awt.image.BufferedImage.TYPE_INT_ARGB);
    java.awt.Graphics2D g = image.createGraphics();
    g.setColor(java.awt.Color.BLACK);
    g.drawLine(10, 70, 230, 10);
    g.dispose();
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    javax.imageio.ImageIO.write(image, "png", out);
    return java.util.Base64.getEncoder().encodeToString(out.toByteArray());
  }

  private static ApiClient client(Infrastructure infra, String username) {
    return new ApiClient(infra.appBaseUrl(), infra.tokenFor(username, "demo"));
  }

  private static String status(ApiClient teacher, long id) {
    return teacher.get("/api/applications/" + id).body().path("application").path("status").asText();
  }

  private static List<String> opinionSigners(ApiClient teacher, long id) {
    List<String> signers = new ArrayList<>();
    teacher.get("/api/applications/" + id).body().path("opinions").forEach(o -> signers.add(o.path("signerName").asText()));
    return signers;
  }

  private static JsonNode first(JsonNode array, String field, long value) {
    for (JsonNode node : array) {
      if (node.path(field).asLong() == value) {
        return node;
      }
    }
    throw new AssertionError("no " + field + "=" + value + " in " + array);
  }
}
