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

  /**
   * A round opens once its school year has been served, from 60 days before its end by default
   * (AssessmentRoundRulesTest). These tests cannot wait for July: LC opens its rounds up to a year
   * before the end, as a district may set, so that the current school year can be assessed now.
   */
  @org.junit.jupiter.api.BeforeEach
  void theCurrentYearMayBeAssessed() {
    jdbc.sql("update district set assessment_open_days = 366 where code = 'LC'").update();
  }

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
    assertThat(sheet(office.download("/api/rural-service/district?format=xlsx")))
        .anySatisfy(row -> assertThat(row).startsWith(TEACHER, "赵老师", "LC-U01", "1"));
    assertThat(office.get("/api/rural-service/district?format=pdf").status()).isEqualTo(400);
    assertThat(sheet(office.download("/api/assessment-rounds/2026-2027/assessments?format=xlsx")))
        .first().satisfies(headers -> assertThat(headers).contains("姓名", "派出学校", "考核等级"));
    assertThat(sheet(office.download("/api/assessment-rounds/2026-2027/assessments?format=xlsx")))
        .anySatisfy(row -> assertThat(row).contains("赵老师", "莱城区实验小学", "牛泉镇中心小学", "已归档", "优秀"));
    assertThat(liu.get("/api/assessment-rounds/2026-2027/assessments").status()).isEqualTo(403);
    assertThat(otherOffice.get("/api/assessment-rounds/2026-2027/assessments").body())
        .as("another district's office sees none of ours").isEmpty();
    assertThat(office.get("/api/assessment-rounds").body().path("rounds"))
        .anySatisfy(r -> assertThat(r.path("schoolYear").asText()).isEqualTo("2026-2027"));

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
    HttpResponse<byte[]> first = teacher.download("/api/assessments/" + id + "/archives/1/pdf");
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.body()).as("the first version is kept byte for byte").isEqualTo(pdf);
    assertThat(teacher.download("/api/assessments/" + id + "/archives/3/pdf").statusCode()).isEqualTo(404);
    assertThat(zhao.download("/api/assessments/" + id + "/archives/1/pdf").statusCode()).isEqualTo(404);
    assertThat(teacher.get("/api/assessments/" + id + "/archives").body().get(1).path("reason").asText())
        .isEqualTo("复核发现示范课记录有误");

    // a changed byte in the stored archive is detected and the file is not served as genuine
    jdbc.sql("update assessment_archive set pdf = :pdf where assessment_id = :id")
        .param("pdf", tamper(pdf)).param("id", id).update();
    HttpResponse<String> tampered = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create(infra.appBaseUrl() + "/api/assessments/" + id + "/archive.pdf"))
        .header("Authorization", "Bearer " + infra.tokenFor(TEACHER, "demo")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(tampered.statusCode()).isEqualTo(409);
  }

  /**
   * The default opening date: set an hour ahead, moved to a few seconds ahead (a message to the
   * waiting timer on the real broker), and the round opens by itself; its date can no longer change.
   * Bad dates, another role and a cancelled schedule are refused or change nothing.
   */
  @Test
  void theRoundOpensByItselfOnItsDefaultDate() throws Exception {
    Infrastructure infra = Infrastructure.get();
    KeycloakAdmin.ensureUser(SCHEDULED_TEACHER, "teacher", "LC-U02", "LC");
    ApiClient office = new ApiClient(infra.appBaseUrl(), infra.tokenFor("office.chen", "demo"));
    ApiClient wang = new ApiClient(infra.appBaseUrl(), infra.tokenFor("principal.wang", "demo"));
    ApiClient teacher = new ApiClient(infra.appBaseUrl(), infra.tokenFor(SCHEDULED_TEACHER, "demo"));
    java.time.ZonedDateTime now = java.time.ZonedDateTime.now(java.time.ZoneId.of("Asia/Shanghai"));
    int first = now.getMonthValue() >= 9 ? now.getYear() : now.getYear() - 1;
    String year = first + "-" + (first + 1);
    String nextYear = (first + 1) + "-" + (first + 2);
    long assignment = insertAssignment(SCHEDULED_TEACHER, "孙老师", "LC-U02", "LC-R02",
        java.time.LocalDate.of(first, 9, 1), java.time.LocalDate.of(first + 1, 7, 31));
    String path = "/api/assessment-rounds/" + year + "/schedule";

    assertThat(wang.put(path, Map.of("opensAt", now.plusHours(1).toOffsetDateTime().toString())).status()).isEqualTo(403);
    assertThat(office.put(path, Map.of("opensAt", "明天早上")).body().path("fields").path("opensAt").asText())
        .contains("有效的开启时间");
    assertThat(office.put(path, Map.of("opensAt", now.minusHours(1).toOffsetDateTime().toString())).status()).isEqualTo(400);
    assertThat(office.put(path, Map.of("opensAt", (first + 2) + "-01-05T08:00")).body().path("fields")
        .path("opensAt").asText()).contains("9 月 1 日");
    assertThat(office.put("/api/assessment-rounds/2026-2029/schedule", Map.of("opensAt", "2027-06-20T08:00")).status())
        .isEqualTo(400);
    assertThat(jdbc.sql("select count(*) from assessment_schedule where school_year = :y").param("y", year)
        .query(Long.class).single()).as("bad input changes nothing").isZero();

    ApiClient.Response later = office.put(path, Map.of("opensAt", now.plusHours(1).toLocalDateTime().withNano(0).toString()));
    assertThat(later.status()).as("%s", later.body()).isEqualTo(200);
    assertThat(later.body().path("state").asText()).isEqualTo("WAITING");
    assertThat(later.body().path("sent").asBoolean()).as("the engine took it").isTrue();
    assertThat(office.put(path, Map.of("opensAt", now.plusSeconds(3).toOffsetDateTime().toString())).status()).isEqualTo(200);

    await().atMost(WAIT).until(() -> jdbc.sql("""
        select count(*) from annual_assessment where assignment_id = :a and process_instance_key is not null""")
        .param("a", assignment).query(Long.class).single() == 1);
    await().atMost(WAIT).until(() -> office.get("/api/assessment-rounds").body().path("schedules").findValues("state")
        .stream().anyMatch(state -> state.asText().equals("OPENED")));
    long id = jdbc.sql("select id from annual_assessment where assignment_id = :a").param("a", assignment)
        .query(Long.class).single();
    awaitTask(teacher, "Task_WriteSelfEvaluation", id);
    assertThat(office.put(path, Map.of("opensAt", now.plusHours(2).toOffsetDateTime().toString())).status())
        .as("a schedule that fired cannot move").isEqualTo(409);
    assertThat(office.post("/api/assessment-rounds", Map.of("schoolYear", year)).body().path("added").asInt())
        .as("opening by hand afterwards adds nobody twice").isZero();

    // the next year's schedule: set, cancelled (the engine's instance ends), set again (a new instance)
    String nextPath = "/api/assessment-rounds/" + nextYear + "/schedule";
    assertThat(office.put(nextPath, Map.of("opensAt", (first + 2) + "-06-20T08:00")).status()).isEqualTo(200);
    Long firstInstance = scheduleInstance(nextYear);
    assertThat(office.delete(nextPath).body().path("state").asText()).isEqualTo("CANCELLED");
    assertThat(scheduleInstance(nextYear)).isNull();
    assertThat(office.put(nextPath, Map.of("opensAt", (first + 2) + "-06-21T08:00")).body().path("state").asText())
        .isEqualTo("WAITING");
    assertThat(scheduleInstance(nextYear)).isNotNull().isNotEqualTo(firstInstance);
    assertThat(office.delete("/api/assessment-rounds/" + (first + 5) + "-" + (first + 6) + "/schedule").status())
        .isEqualTo(404);
  }

  static final String SCHEDULED_TEACHER = "it.scheduled.teacher";

  private Long scheduleInstance(String year) {
    return jdbc.sql("select process_instance_key from assessment_schedule where district_code = 'LC' and school_year = :y")
        .param("y", year).query(Long.class).optional().orElse(null);
  }

  private long insertAssignment(String username, String name, String home, String target, java.time.LocalDate start,
      java.time.LocalDate end) {
    String token = "assessment-it-" + System.nanoTime();
    jdbc.sql("""
        insert into rotation_application (teacher_username, teacher_name, home_school_code, target_school_code,
          district_code, batch_id, direction, post, subject, period_start, period_end, years_of_service, reasons,
          status, request_token, created_at, updated_at, version)
        values (:t, :name, :home, :target, 'LC', 1, 'URBAN_TO_RURAL', 'TEACHER', '数学',
          :start, :end, 8, '支教', 'APPROVED', :token, current_timestamp, current_timestamp, 0)""")
        .param("t", username).param("name", name).param("home", home).param("target", target).param("start", start)
        .param("end", end).param("token", token).update();
    long application = jdbc.sql("select id from rotation_application where request_token = :token").param("token", token)
        .query(Long.class).single();
    jdbc.sql("""
        insert into assignment (application_id, teacher_username, teacher_name, dispatching_school_code,
          receiving_school_code, batch_id, direction, post, starts_on, ends_on, monthly_subsidy, created_at)
        values (:app, :t, :name, :home, :target, 1, 'URBAN_TO_RURAL', 'TEACHER', :start, :end, 400, current_timestamp)""")
        .param("app", application).param("t", username).param("name", name).param("home", home).param("target", target)
        .param("start", start).param("end", end).update();
    return jdbc.sql("select id from assignment where application_id = :app").param("app", application)
        .query(Long.class).single();
  }

  /** The first sheet of an XLSX download, as rows of cell texts. */
  static java.util.List<java.util.List<String>> sheet(HttpResponse<byte[]> download) throws Exception {
    assertThat(download.statusCode()).isEqualTo(200);
    return sheetOf(download.body());
  }

  static java.util.List<java.util.List<String>> sheetOf(byte[] xlsx) throws Exception {
    try (var workbook = new org.dhatim.fastexcel.reader.ReadableWorkbook(new java.io.ByteArrayInputStream(xlsx))) {
      return workbook.getFirstSheet().read().stream()
          .map(row -> row.stream().map(c -> c == null ? "" : c.getText()).toList()).toList();
    }
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
