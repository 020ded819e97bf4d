package cn.jiaoliu.app.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import cn.jiaoliu.testsupport.TestDatabase;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Generated hostile input against every write endpoint, as the user who may use it: JSON bodies of
 * any shape whose every text carries SQL, markup or control characters (so no structured field can
 * be valid), malformed and oversized bodies, and the same as form posts. Never a 5xx, never a 2xx,
 * and nothing stored changes. The generator is seeded: a failure names the seed and the sample.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
@ContextConfiguration(initializers = TestDatabase.class)
class HostileInputTest {

  static final long SEED = 20261122L;
  static final int SAMPLES_PER_ENDPOINT = 250;
  static final List<String> TABLES = List.of("district", "school", "pairing", "education_group", "education_group_member",
      "teacher", "rotation_batch", "batch_quota", "rotation_application", "assignment", "annual_assessment",
      "assessment_round", "assessment_schedule", "assessment_archive", "rural_service_credit", "inbox_task",
      "inbox_task_candidate", "notification", "import_run", "audit_event", "rural_service_certificate");

  @Autowired MockMvc mvc;
  @Autowired JdbcClient jdbc;
  final ObjectMapper json = new ObjectMapper();
  long task;

  static final RequestPostProcessor TEACHER = SecuredPagesTest.bearer("teacher.zhang", "teacher", "LC-U01");
  static final RequestPostProcessor PRINCIPAL = SecuredPagesTest.bearer("principal.wang", "principal", "LC-U01");
  static final RequestPostProcessor OFFICE = SecuredPagesTest.bearer("office.chen", "teaching-office", null);
  static final RequestPostProcessor ADMIN = SecuredPagesTest.bearer("admin", "admin", null);

  record Endpoint(HttpMethod method, String path, RequestPostProcessor user, List<String> fields) {}

  @BeforeEach
  void anOpenTaskForThePrincipal() {
    jdbc.sql("delete from inbox_task where element_id = 'Task_HostileProbe'").update();
    long job = System.nanoTime();
    jdbc.sql("""
        insert into inbox_task (job_key, process_instance_key, element_instance_key, bpmn_process_id, element_id,
          form_key, variables, status, created_at, checked_at, version)
        values (:job, 1, 2, 'rotation-application', 'Task_HostileProbe', 'sign-opinion', '{"applicationId":1}', 'OPEN',
          current_timestamp, current_timestamp, 0)""").param("job", job).update();
    task = jdbc.sql("select id from inbox_task where job_key = :j").param("j", job).query(Long.class).single();
    jdbc.sql("insert into inbox_task_candidate (task_id, candidate) values (:t, 'group:principal:LC-U01')")
        .param("t", task).update();
  }

  List<Endpoint> apiEndpoints() {
    return List.of(
        new Endpoint(HttpMethod.POST, "/api/applications", TEACHER, List.of("batchId", "direction", "targetSchoolCode",
            "post", "subject", "periodStart", "periodEnd", "yearsOfService", "reasons")),
        new Endpoint(HttpMethod.POST, "/api/tasks/" + task + "/complete", PRINCIPAL, List.of("decision", "comment")),
        new Endpoint(HttpMethod.POST, "/api/assessment-rounds", OFFICE, List.of("schoolYear")),
        new Endpoint(HttpMethod.PUT, "/api/assessment-rounds/2026-2027/schedule", OFFICE, List.of("opensAt")),
        new Endpoint(HttpMethod.POST, "/api/admin/districts", ADMIN, List.of("code", "name")),
        new Endpoint(HttpMethod.POST, "/api/admin/schools", OFFICE, List.of("code", "name", "districtCode", "areaType",
            "remotenessTier", "pupils")),
        new Endpoint(HttpMethod.PUT, "/api/admin/schools/LC-U01", OFFICE, List.of("name", "areaType", "remotenessTier", "pupils")),
        new Endpoint(HttpMethod.POST, "/api/admin/pairings", OFFICE, List.of("urbanSchoolCode", "ruralSchoolCodes",
            "startsOn", "endsOn", "helpKinds")),
        new Endpoint(HttpMethod.POST, "/api/admin/groups", OFFICE, List.of("name", "leadSchoolCode", "memberSchoolCodes")),
        new Endpoint(HttpMethod.POST, "/api/admin/batches", OFFICE, List.of("name", "opensOn", "closesOn", "periodStarts",
            "periodEnds", "status", "minYearsOfService", "signOpinionDays", "reviseDays", "acceptDays", "approveDays",
            "reminderLeadDays")),
        new Endpoint(HttpMethod.PUT, "/api/admin/batches/1/quotas", OFFICE, List.of("schoolCode", "direction", "quota")));
  }

  List<Endpoint> formEndpoints() {
    RequestPostProcessor teacher = SecuredPagesTest.browser("teacher.zhang", "张伟", "teacher", "LC-U01");
    RequestPostProcessor principal = SecuredPagesTest.browser("principal.wang", "王芳", "principal", "LC-U01");
    RequestPostProcessor office = SecuredPagesTest.browser("office.chen", "陈静", "teaching-office", null);
    return List.of(
        new Endpoint(HttpMethod.POST, "/applications/new", teacher, List.of("batchId", "direction", "targetSchoolCode",
            "post", "subject", "periodStart", "periodEnd", "yearsOfService", "reasons", "requestToken")),
        new Endpoint(HttpMethod.POST, "/tasks/" + task + "/complete", principal, List.of("decision", "comment")),
        new Endpoint(HttpMethod.POST, "/assessment-rounds/schedule", office, List.of("schoolYear", "opensAt")),
        new Endpoint(HttpMethod.POST, "/admin/schools", office, List.of("code", "name", "districtCode", "areaType",
            "remotenessTier", "pupils")),
        new Endpoint(HttpMethod.POST, "/admin/pairings", office, List.of("urbanSchoolCode", "ruralSchoolCodes",
            "startsOn", "helpKinds")),
        new Endpoint(HttpMethod.POST, "/admin/batches/1/quotas", office, List.of("schoolCode", "direction", "quota")),
        new Endpoint(HttpMethod.POST, "/planning/exemptions", office, List.of("staffNumber", "reason", "note", "validFrom",
            "validUntil")),
        new Endpoint(HttpMethod.POST, "/planning/rules", office, List.of("yearsAtSchool", "leaderYears", "retirementAge",
            "retirementWindowYears", "targetPercent", "backbonePercent", "rounding", "jointResearchPerTerm")));
  }

  private Map<String, Object> body(Endpoint e, Random random) {
    Map<String, Object> body = new LinkedHashMap<>();
    for (String field : e.fields()) {
      int pick = random.nextInt(10);
      if (pick == 0) {
        continue; // missing
      }
      body.put(field, pick == 1 ? null : HostileInputs.value(random));
    }
    if (random.nextInt(5) == 0) {
      body.put("unexpected" + random.nextInt(9), HostileInputs.text(random));
    }
    return body;
  }

  private Map<String, Long> fingerprint() {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String table : TABLES) {
      counts.put(table, jdbc.sql("select count(*) from " + table).query(Long.class).single());
    }
    counts.put("school names", jdbc.sql("select count(distinct name || area_type || remoteness_tier) from school")
        .query(Long.class).single());
    counts.put("open tasks", jdbc.sql("select count(*) from inbox_task where status = 'OPEN'").query(Long.class).single());
    counts.put("quota", jdbc.sql("select coalesce(sum(quota), 0) from batch_quota").query(Long.class).single());
    return counts;
  }

  private void expectRefused(MockHttpServletRequestBuilder request, String what) throws Exception {
    MvcResult result = mvc.perform(request).andReturn();
    int status = result.getResponse().getStatus();
    assertThat(status).as("%s answered %s: %s", what, status,
        result.getResponse().getContentAsString(StandardCharsets.UTF_8)).isBetween(400, 499);
  }

  @Test
  void generatedJsonBodiesAreRefusedWithoutAServerErrorAndChangeNothing() throws Exception {
    Map<String, Long> before = fingerprint();
    Random random = new Random(SEED);
    int sent = 0;
    for (Endpoint e : apiEndpoints()) {
      for (int i = 0; i < SAMPLES_PER_ENDPOINT; i++) {
        String body = json.writeValueAsString(body(e, random));
        expectRefused(request(e.method(), e.path()).with(e.user()).contentType(MediaType.APPLICATION_JSON)
            .content(body), "seed " + SEED + " " + e.method() + " " + e.path() + " " + abbreviate(body));
        sent++;
      }
    }
    assertThat(sent).isGreaterThanOrEqualTo(1500);
    assertThat(fingerprint()).as("nothing stored changed").isEqualTo(before);
  }

  @Test
  void malformedOversizedAndMistypedBodiesAreRefused() throws Exception {
    Map<String, Long> before = fingerprint();
    List<String> bodies = new ArrayList<>(List.of("", "{", "{\"batchId\":", "[]", "null", "\"text\"", "{\"a\":1}}",
        "{\"schoolYear\":\"2026-2027\"" + ",\"x\":1".repeat(5) , "[".repeat(5000) + "]".repeat(5000),
        "{\"name\":\"" + "长".repeat(1_000_000) + "\"}", "\u0000\u0001\u0002", "<xml/>"));
    for (Endpoint e : apiEndpoints()) {
      for (String body : bodies) {
        expectRefused(request(e.method(), e.path()).with(e.user()).contentType(MediaType.APPLICATION_JSON).content(body),
            e.path() + " " + abbreviate(body));
      }
      expectRefused(request(e.method(), e.path()).with(e.user()).contentType(MediaType.TEXT_PLAIN).content("{}"),
          e.path() + " as text/plain");
      expectRefused(request(e.method(), e.path()).with(e.user()).contentType(MediaType.APPLICATION_XML)
          .content("<a>1</a>"), e.path() + " as XML");
    }
    assertThat(fingerprint()).isEqualTo(before);
  }

  /**
   * A mistyped query parameter or an unreadable body gets our translated problem, not Spring's
   * English default ("Failed to convert 'batch' with value: 'abc'"), which used to win over the
   * API's own handler.
   */
  @Test
  void aMistypedParameterOrUnreadableBodyIsAnsweredInTheCallersLanguage() throws Exception {
    MvcResult mistyped = mvc.perform(request(HttpMethod.GET, "/api/tasks?batch=abc").with(PRINCIPAL)
        .header("Accept-Language", "zh-CN")).andReturn();
    assertThat(mistyped.getResponse().getStatus()).isEqualTo(400);
    assertThat(json.readTree(mistyped.getResponse().getContentAsString(StandardCharsets.UTF_8)).path("code").asText())
        .isEqualTo("error.unreadable");

    MvcResult unreadable = mvc.perform(request(HttpMethod.POST, "/api/applications").with(TEACHER)
        .contentType(MediaType.APPLICATION_JSON).content("{not json").header("Accept-Language", "en")).andReturn();
    assertThat(unreadable.getResponse().getStatus()).isEqualTo(400);
    assertThat(json.readTree(unreadable.getResponse().getContentAsString(StandardCharsets.UTF_8)).path("code").asText())
        .isEqualTo("error.unreadable");
  }

  @Test
  void generatedFormPostsAreRefusedWithoutAServerErrorAndChangeNothing() throws Exception {
    Map<String, Long> before = fingerprint();
    Random random = new Random(SEED + 1);
    for (Endpoint e : formEndpoints()) {
      for (int i = 0; i < SAMPLES_PER_ENDPOINT / 3; i++) {
        MockHttpServletRequestBuilder post = request(e.method(), e.path()).with(e.user()).with(csrf());
        StringBuilder shown = new StringBuilder();
        for (String field : e.fields()) {
          if (random.nextInt(8) > 0) {
            String value = HostileInputs.text(random);
            post.param(field, value);
            shown.append(field).append('=').append(abbreviate(value)).append(' ');
          }
        }
        MvcResult result = mvc.perform(post).andReturn();
        int status = result.getResponse().getStatus();
        assertThat(status).as("seed %s %s %s answered %s", SEED + 1, e.path(), shown, status)
            .isLessThan(500);
        if (status == 302) {
          // a page that shows a refused form redirects back with the errors kept for one request
          assertThat((Map<String, Object>) result.getFlashMap()).as("%s %s redirected without errors", e.path(), shown)
              .containsKey("fieldErrors");
        }
      }
      // and without the CSRF token nothing is even looked at
      expectRefused(request(e.method(), e.path()).with(e.user()).param(e.fields().getFirst(), "x"), e.path() + " without CSRF");
    }
    assertThat(fingerprint()).isEqualTo(before);
  }

  /**
   * Crafted and generated files on both imports, through the API and the page: huge row numbers and
   * columns, a compression bomb, too many parts, a DTD, a PDF named .xlsx, a workbook posted as CSV,
   * CSV with too many rows, columns or a cell too long, random bytes and random zips. Each is refused
   * (4xx, the page shows its error), never a 5xx, and nothing stored changes.
   */
  @Test
  void craftedAndGeneratedUploadsAreRefusedAndChangeNothing() throws Exception {
    Map<String, Long> before = fingerprint();
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("row 2,000,000,000.xlsx", cn.jiaoliu.app.programme.CraftedFiles.xlsx(
        "<row r=\"2000000000\"><c r=\"A2000000000\" t=\"inlineStr\"><is><t>x</t></is></c></row>"));
    files.put("column ZZZZZZ.xlsx", cn.jiaoliu.app.programme.CraftedFiles.xlsx("<row r=\"1\"><c r=\"ZZZZZZ1\"><v>1</v></c></row>"));
    files.put("bomb.xlsx", cn.jiaoliu.app.programme.CraftedFiles.xlsx("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>"
        + " ".repeat(30 * 1024 * 1024)));
    Map<String, byte[]> parts = new LinkedHashMap<>();
    for (int i = 0; i < 300; i++) {
      parts.put("xl/media/p" + i + ".bin", new byte[] {(byte) i});
    }
    files.put("300 parts.xlsx", cn.jiaoliu.app.programme.CraftedFiles.zip(parts));
    files.put("dtd.xlsx", cn.jiaoliu.app.programme.CraftedFiles.zip(Map.of("xl/worksheets/sheet1.xml",
        "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&e;</t></is></c></row></sheetData></worksheet>"
            .getBytes(StandardCharsets.UTF_8))));
    files.put("document.pdf.xlsx", "%PDF-1.7\n1 0 obj << >> endobj\n\u0000\u0001".getBytes(StandardCharsets.ISO_8859_1));
    files.put("many rows.csv", "学校代码\n".concat("x\n".repeat(30_000)).getBytes(StandardCharsets.UTF_8));
    files.put("many columns.csv", ",".repeat(1_000_000).getBytes(StandardCharsets.UTF_8));
    files.put("long cell.csv", ("学校代码\n" + "长".repeat(40_000)).getBytes(StandardCharsets.UTF_8));
    Random random = new Random(SEED + 2);
    for (int i = 0; i < 40; i++) {
      byte[] noise = new byte[random.nextInt(4096)];
      random.nextBytes(noise);
      files.put("noise " + i + ".xlsx", noise);
      Map<String, byte[]> randomParts = new LinkedHashMap<>();
      randomParts.put("xl/worksheets/sheet1.xml", ("<worksheet><sheetData><row r=\"" + HostileInputs.text(random)
          + "\"><c r=\"" + HostileInputs.text(random) + "\"><v>" + HostileInputs.text(random).replace("<", "&lt;")
          + "</v></c></row></sheetData></worksheet>").getBytes(StandardCharsets.UTF_8));
      files.put("random zip " + i + ".xlsx", cn.jiaoliu.app.programme.CraftedFiles.zip(randomParts));
    }
    RequestPostProcessor office = SecuredPagesTest.browser("office.chen", "陈静", "teaching-office", null);
    int sent = 0;
    for (var file : files.entrySet()) {
      for (String kind : List.of("schools", "teachers")) {
        // a workbook posted as CSV and the other way round: the content decides, never the label
        String type = file.getKey().endsWith(".csv") ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            : "text/csv";
        var upload = new org.springframework.mock.web.MockMultipartFile("file", file.getKey(), type, file.getValue());
        long started = System.nanoTime();
        expectRefused(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
            .multipart("/api/admin/imports/" + kind).file(upload).with(OFFICE), kind + " " + file.getKey());
        long millis = (System.nanoTime() - started) / 1_000_000;
        if (millis > slowestUpload) {
          slowestUpload = millis;
        }
        MvcResult page = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
            .multipart("/admin/import").file(upload).param("kind", kind).with(office).with(csrf())).andReturn();
        assertThat(page.getResponse().getStatus()).as("page %s %s", kind, file.getKey()).isBetween(200, 499);
        assertThat(page.getResponse().getContentAsString(StandardCharsets.UTF_8)).as("page %s %s", kind, file.getKey())
            .doesNotContain("导入完成");
        sent += 2;
      }
    }
    System.out.printf("crafted uploads: %d sent, slowest API answer %d ms%n", sent, slowestUpload);
    assertThat(sent).isGreaterThanOrEqualTo(350);
    assertThat(fingerprint()).as("nothing stored changed").isEqualTo(before);
  }

  private long slowestUpload;

  private static String abbreviate(String text) {
    return text.length() > 300 ? text.substring(0, 300) + "…(" + text.length() + ")" : text;
  }
}
