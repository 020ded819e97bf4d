package cn.jiaoliu.app.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.jiaoliu.testsupport.Infrastructure;
import cn.jiaoliu.testsupport.KeycloakAdmin;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One year's assessment on the real broker and Keycloak, through the REST API as each user: the
 * office opens the round (twice: the second time adds nothing), the teacher writes, the receiving
 * school grades, the dispatching school signs, the office returns it once and then approves; the
 * archived PDF holds the Chinese entries, a changed byte is detected, and a year is credited.
 */
class AnnualAssessmentIT extends IntegrationTest {

  static final String TEACHER = "it.assessed.teacher";
  static final Duration WAIT = Duration.ofSeconds(45);

  @Autowired JdbcClient jdbc;

  static Optional<JsonNode> openTask(ApiClient user, String elementId, long assessmentId) {
    ApiClient.Response response = user.get("/api/tasks");
    assertThat(response.status()).isEqualTo(200);
    return StreamSupport.stream(response.body().spliterator(), false)
        .filter(t -> t.path("elementId").asText().equals(elementId))
        .filter(t -> t.path("variables").path("assessmentId").asLong() == assessmentId)
        .findFirst();
  }

  static long awaitTask(ApiClient user, String elementId, long assessmentId) {
    return await().atMost(WAIT).until(() -> openTask(user, elementId, assessmentId), Optional::isPresent)
        .get().path("id").asLong();
  }

  static void complete(ApiClient user, long task, Map<String, String> fields) {
    ApiClient.Response done = user.post("/api/tasks/" + task + "/complete", fields);
    assertThat(done.status()).as("%s", done.body()).isEqualTo(200);
  }

  private long assignmentOfTheTeacher() {
    String token = "assessment-it-" + System.nanoTime();
    jdbc.sql("""
        insert into rotation_application (teacher_username, teacher_name, home_school_code, target_school_code,
          district_code, batch_id, direction, post, subject, period_start, period_end, years_of_service, reasons,
          status, request_token, created_at, updated_at, version)
        values (:t, '赵老师', 'LC-U01', 'LC-R01', 'LC', 1, 'URBAN_TO_RURAL', 'TEACHER', '语文',
          date '2026-09-01', date '2027-07-31', 10, '支教', 'APPROVED', :token, current_timestamp, current_timestamp, 0)""")
        .param("t", TEACHER).param("token", token).update();
    long application = jdbc.sql("select id from rotation_application where request_token = :token").param("token", token)
        .query(Long.class).single();
    jdbc.sql("""
        insert into assignment (application_id, teacher_username, teacher_name, dispatching_school_code,
          receiving_school_code, batch_id, direction, post, starts_on, ends_on, monthly_subsidy, created_at)
        values (:app, :t, '赵老师', 'LC-U01', 'LC-R01', 1, 'URBAN_TO_RURAL', 'TEACHER', date '2026-09-01',
          date '2027-07-31', 400, current_timestamp)""").param("app", application).param("t", TEACHER).update();
    return jdbc.sql("select id from assignment where application_id = :app").param("app", application)
        .query(Long.class).single();
  }

  @Test
  void oneAssessmentFromTheRoundToTheArchive() throws Exception {
    Infrastructure infra = Infrastructure.get();
    KeycloakAdmin.ensureUser(TEACHER, "teacher", "LC-U01", "LC");
    ApiClient teacher = new ApiClient(infra.appBaseUrl(), infra.tokenFor(TEACHER, "demo"));
    ApiClient liu = new ApiClient(infra.appBaseUrl(), infra.tokenFor("principal.liu", "demo"));
    ApiClient wang = new ApiClient(infra.appBaseUrl(), infra.tokenFor("principal.wang", "demo"));
    ApiClient zhao = new ApiClient(infra.appBaseUrl(), infra.tokenFor("principal.zhao", "demo"));
    ApiClient office = new ApiClient(infra.appBaseUrl(), infra.tokenFor("office.chen", "demo"));
    KeycloakAdmin.ensureUser("office.gc", "teaching-office", null, "GC");
    ApiClient otherOffice = new ApiClient(infra.appBaseUrl(), infra.tokenFor("office.gc", "demo"));
    long assignment = assignmentOfTheTeacher();

    assertThat(teacher.post("/api/assessment-rounds", Map.of("schoolYear", "2026-2027")).status()).isEqualTo(403);
    assertThat(office.post("/api/assessment-rounds", Map.of("schoolYear", "2026-2028")).status()).isEqualTo(400);
    assertThat(office.post("/api/assessment-rounds", Map.of("schoolYear", "2026-2027")).body().path("added").asInt())
        .isGreaterThanOrEqualTo(1);
    assertThat(office.post("/api/assessment-rounds", Map.of("schoolYear", "2026-2027")).body().path("added").asInt())
        .isZero();
    long id = jdbc.sql("select id from annual_assessment where assignment_id = :a").param("a", assignment)
        .query(Long.class).single();

    long write = awaitTask(teacher, "Task_WriteSelfEvaluation", id);
    ApiClient.Response tooLong = teacher.post("/api/tasks/" + write + "/complete", Map.of("selfEvaluation", "长".repeat(3001),
        "demonstrationClasses", "3", "researchActivities", "5", "pupilsTaught", "42"));
    assertThat(tooLong.status()).isEqualTo(400);
    complete(teacher, write, Map.of("selfEvaluation", "一年来承担三年级语文教学，开展读书会，带动乡村学校教研。",
        "demonstrationClasses", "3", "researchActivities", "5", "pupilsTaught", "42"));

    long assess = awaitTask(liu, "Task_AssessTeacher", id);
    assertThat(zhao.get("/api/tasks/" + assess).status()).isEqualTo(404);
    assertThat(zhao.get("/api/assessments/" + id).status()).isEqualTo(404);
    assertThat(otherOffice.get("/api/assessments/" + id).status()).isEqualTo(404);
    assertThat(otherOffice.get("/api/tasks/" + assess).status()).isEqualTo(404);
    ApiClient.Response foreignRound = otherOffice.post("/api/assessment-rounds", Map.of("schoolYear", "2026-2027"));
    assertThat(foreignRound.status()).as("%s", foreignRound.body()).isEqualTo(409);
    assertThat(foreignRound.body().path("detail").asText()).contains("尚未在系统中登记");
    assertThat(jdbc.sql("select count(*) from assessment_round where district_code = 'GC'").query(Long.class).single())
        .isZero();
    assertThat(wang.post("/api/tasks/" + assess + "/complete", Map.of("grade", "EXCELLENT", "comment", "越权")).status())
        .as("the dispatching principal cannot grade").isEqualTo(404);
    complete(liu, assess, Map.of("grade", "QUALIFIED", "comment", "工作认真，成效明显。"));

    long sign = awaitTask(wang, "Task_SignDispatchingOpinion", id);
    complete(wang, sign, Map.of("comment", "同意接收学校的考核意见。"));

    long approve = awaitTask(office, "Task_ApproveAssessment", id);
    assertThat(office.post("/api/tasks/" + approve + "/complete", Map.of("decision", "RETURN", "comment", "请补充评语"))
        .status()).isEqualTo(400);
    assertThat(office.post("/api/tasks/" + approve + "/complete",
        Map.of("decision", "RETURN", "returnTo", "Task_ApproveAssessment", "comment", "退回到自己")).status()).isEqualTo(400);
    complete(office, approve, Map.of("decision", "RETURN", "returnTo", "Task_AssessTeacher", "comment", "请补充具体事例"));

    long again = awaitTask(liu, "Task_AssessTeacher", id);
    assertThat(teacher.get("/api/assessments/" + id).body().path("assessment").path("selfEvaluation").asText())
        .contains("读书会");
    complete(liu, again, Map.of("grade", "EXCELLENT", "comment", "开展读书会十二次，学生阅读量明显提高。"));
    complete(wang, awaitTask(wang, "Task_SignDispatchingOpinion", id), Map.of("comment", "同意。"));
    complete(office, awaitTask(office, "Task_ApproveAssessment", id), Map.of("decision", "APPROVE", "comment", "审核通过"));

    await().atMost(WAIT).until(() -> teacher.get("/api/assessments/" + id).body().path("archive").has("sha256"));
    byte[] pdf = download(TEACHER, id);
    String text;
    try (var document = Loader.loadPDF(pdf)) {
      text = new PDFTextStripper().getText(document);
    }
    assertThat(text).contains("赵老师", "牛泉镇中心小学", "莱城区实验小学", "优秀", "开展读书会十二次", "读书会");
    assertThat(teacher.get("/api/rural-service").body().path("years").asInt()).isEqualTo(1);
    assertThat(teacher.get("/api/rural-service").body().path("seniorTitleEligible").asBoolean()).isTrue();

    JsonNode district = office.get("/api/rural-service/district").body();
    assertThat(district).anySatisfy(row -> {
      assertThat(row.path("teacherUsername").asText()).isEqualTo(TEACHER);
      assertThat(row.path("years").asInt()).isEqualTo(1);
    });
    assertThat(teacher.get("/api/rural-service/district").status()).isEqualTo(403);
    HttpResponse<String> csv = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create(infra.appBaseUrl() + "/api/rural-service/district?format=csv"))
        .header("Authorization", "Bearer " + infra.tokenFor("office.chen", "demo")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(csv.body()).contains("认定年数").contains("\"" + TEACHER + "\",\"赵老师\"");

    // a correction: a new version beside the old one, and the credit follows the corrected grade
    assertThat(wang.post("/api/assessments/" + id + "/corrections",
        Map.of("grade", "BASICALLY_QUALIFIED", "reason", "复核")).status()).isEqualTo(403);
    assertThat(office.post("/api/assessments/" + id + "/corrections", Map.of("grade", "BASICALLY_QUALIFIED")).status())
        .isEqualTo(400);
    assertThat(otherOffice.post("/api/assessments/" + id + "/corrections",
        Map.of("grade", "BASICALLY_QUALIFIED", "reason", "越权")).status()).isEqualTo(404);
    ApiClient.Response corrected = office.post("/api/assessments/" + id + "/corrections",
        Map.of("grade", "BASICALLY_QUALIFIED", "reason", "复核发现示范课记录有误"));
    assertThat(corrected.status()).as("%s", corrected.body()).isEqualTo(200);
    assertThat(corrected.body().path("version").asInt()).isEqualTo(2);
    assertThat(teacher.get("/api/assessments/" + id + "/archives").body()).hasSize(2);
    assertThat(teacher.get("/api/rural-service").body().path("years").asInt()).isZero();
    try (var document = Loader.loadPDF(download(TEACHER, id))) {
      assertThat(new PDFTextStripper().getText(document)).contains("复核发现示范课记录有误", "基本合格", "更正", "开展读书会十二次");
    }

    // a changed byte in the stored archive is detected and the file is not served as genuine
    jdbc.sql("update assessment_archive set pdf = :pdf where assessment_id = :id")
        .param("pdf", tamper(pdf)).param("id", id).update();
    HttpResponse<String> tampered = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create(infra.appBaseUrl() + "/api/assessments/" + id + "/archive.pdf"))
        .header("Authorization", "Bearer " + infra.tokenFor(TEACHER, "demo")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(tampered.statusCode()).isEqualTo(409);
  }

  private static byte[] tamper(byte[] pdf) {
    byte[] copy = pdf.clone();
    copy[copy.length / 2] ^= 0x01;
    return copy;
  }

  private static byte[] download(String username, long id) throws Exception {
    Infrastructure infra = Infrastructure.get();
    HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create(infra.appBaseUrl() + "/api/assessments/" + id + "/archive.pdf"))
        .header("Authorization", "Bearer " + infra.tokenFor(username, "demo")).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/pdf");
    return response.body();
  }
}
