package cn.jiaoliu.app.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import cn.jiaoliu.testsupport.TestDatabase;
import cn.jiaoliu.testsupport.TestUsers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
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
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every endpoint the app maps (found from Spring's own mapping, so a new one is covered the day it
 * is written), called by every kind of outsider to one teacher's case in district LC: another
 * teacher of the district, the principal of an unrelated school, the teaching office of another
 * district, and a user without any Jiaoliu role; pages with a session and CSRF token, the API with
 * bearer tokens. None of them sees the case (its marker texts never appear in any answer, whatever
 * the status) and nothing stored changes.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
@ContextConfiguration(initializers = TestDatabase.class)
class AuthorizationMatrixTest {

  /** Texts only the case itself holds. */
  static final List<String> MARKERS = List.of("矩阵甲", "矩阵测试");
  /** Texts of district LC an office of another district must not see either. */
  static final List<String> DISTRICT_MARKERS = List.of("莱城区实验小学", "牛泉镇中心小学");
  static final Pattern VARIABLE = Pattern.compile("\\{([^}/]+)}");

  @Autowired MockMvc mvc;
  @Autowired JdbcClient jdbc;
  @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings;

  long application;
  long task;
  long assessment;
  long pairing;

  record Outsider(String name, RequestPostProcessor api, RequestPostProcessor page, boolean otherDistrict) {}

  static List<Outsider> outsiders() {
    return List.of(
        new Outsider("teacher of LC-U02", SecuredPagesTest.bearer("teacher.wu", "teacher", "LC-U02"),
            SecuredPagesTest.browser("teacher.wu", "吴老师", "teacher", "LC-U02"), false),
        new Outsider("principal of LC-R02", SecuredPagesTest.bearer("principal.zhou", "principal", "LC-R02"),
            SecuredPagesTest.browser("principal.zhou", "周校长", "principal", "LC-R02"), false),
        new Outsider("teaching office of GC", TestUsers.bearer("office.gc", "teaching-office", "GC", null),
            TestUsers.browser("office.gc", "teaching-office", "GC"), true),
        new Outsider("user without a role", TestUsers.bearer("nobody", "offline_access", "LC", null),
            TestUsers.browser("nobody", "offline_access", "LC"), false));
  }

  @BeforeEach
  void oneTeachersCaseInLc() {
    jdbc.sql("delete from inbox_task where element_id = 'Task_MatrixProbe'").update();
    String token = "matrix-" + System.nanoTime();
    jdbc.sql("""
        insert into rotation_application (teacher_username, teacher_name, home_school_code, target_school_code,
          district_code, batch_id, direction, post, subject, period_start, period_end, years_of_service, reasons,
          status, request_token, created_at, updated_at, version)
        values ('teacher.matrix', '矩阵甲', 'LC-U01', 'LC-R01', 'LC', 1, 'URBAN_TO_RURAL', 'TEACHER', '矩阵测试学科',
          date '2027-09-01', date '2028-07-31', 8, '矩阵测试的申请理由', 'AWAITING_OPINION', :token, current_timestamp,
          current_timestamp, 0)""").param("token", token).update();
    application = jdbc.sql("select id from rotation_application where request_token = :t").param("t", token)
        .query(Long.class).single();
    long job = System.nanoTime();
    jdbc.sql("""
        insert into inbox_task (job_key, process_instance_key, element_instance_key, bpmn_process_id, element_id,
          form_key, variables, status, created_at, checked_at, version, subject_type, subject_id)
        values (:job, 7, 8, 'rotation-application', 'Task_MatrixProbe', 'sign-opinion', :vars, 'OPEN',
          current_timestamp, current_timestamp, 0, 'APPLICATION', :app)""")
        .param("job", job).param("vars", "{\"applicationId\":" + application + ",\"note\":\"矩阵测试\"}")
        .param("app", application).update();
    task = jdbc.sql("select id from inbox_task where job_key = :j").param("j", job).query(Long.class).single();
    jdbc.sql("insert into inbox_task_candidate (task_id, candidate) values (:t, 'group:principal:LC-U01')")
        .param("t", task).update();
    jdbc.sql("""
        insert into assignment (application_id, teacher_username, teacher_name, dispatching_school_code,
          receiving_school_code, batch_id, direction, post, starts_on, ends_on, monthly_subsidy, created_at)
        values (:app, 'teacher.matrix', '矩阵甲', 'LC-U01', 'LC-R01', 1, 'URBAN_TO_RURAL', 'TEACHER',
          date '2026-09-01', date '2027-07-31', 400, current_timestamp)""").param("app", application).update();
    long assignment = jdbc.sql("select id from assignment where application_id = :a").param("a", application)
        .query(Long.class).single();
    if (jdbc.sql("select count(*) from assessment_round where district_code = 'LC' and school_year = '2026-2027'")
        .query(Long.class).single() == 0) {
      jdbc.sql("""
          insert into assessment_round (district_code, school_year, opened_at, opened_by)
          values ('LC', '2026-2027', current_timestamp, 'office.chen')""").update();
    }
    long round = jdbc.sql("select id from assessment_round where district_code = 'LC' and school_year = '2026-2027'")
        .query(Long.class).single();
    jdbc.sql("""
        insert into annual_assessment (round_id, assignment_id, teacher_username, teacher_name, dispatching_school_code,
          receiving_school_code, district_code, school_year, status, self_evaluation, created_at, updated_at, version)
        values (:r, :a, 'teacher.matrix', '矩阵甲', 'LC-U01', 'LC-R01', 'LC', '2026-2027', 'IN_PROGRESS',
          '矩阵测试的自我鉴定', current_timestamp, current_timestamp, 0)""").param("r", round).param("a", assignment).update();
    assessment = jdbc.sql("select id from annual_assessment where assignment_id = :a").param("a", assignment)
        .query(Long.class).single();
    pairing = jdbc.sql("select min(id) from pairing where urban_school_code = 'LC-U01'").query(Long.class).single();
  }

  /** A value for each path variable: the case's own objects, or LC's. */
  private String value(String path, String variable) {
    return switch (variable) {
      case "code" -> "LC-U01";
      case "schoolYear" -> "2026-2027";
      case "username" -> "teacher.matrix";
      case "version" -> "1";
      case "kind" -> "schools";
      case "list" -> "schools";
      case "report" -> "person-times-by-direction";
      default -> {
        if (path.contains("/tasks/")) {
          yield String.valueOf(task);
        } else if (path.contains("/assessments/")) {
          yield String.valueOf(assessment);
        } else if (path.contains("/batches/")) {
          yield "1";
        } else if (path.contains("/pairings/")) {
          yield String.valueOf(pairing);
        } else {
          yield String.valueOf(application);
        }
      }
    };
  }

  private String concrete(String pattern) {
    Matcher m = VARIABLE.matcher(pattern);
    StringBuilder path = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(path, Matcher.quoteReplacement(value(pattern, m.group(1))));
    }
    m.appendTail(path);
    return path.toString();
  }

  record Call(HttpMethod method, String pattern) {}

  private List<Call> endpoints() {
    Set<String> seen = new TreeSet<>();
    List<Call> calls = new ArrayList<>();
    for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
      Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
      for (String pattern : info.getPathPatternsCondition().getPatternValues()) {
        if (pattern.startsWith("/error")) {
          continue;
        }
        for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
          if (seen.add(method + " " + pattern)) {
            calls.add(new Call(HttpMethod.valueOf(method.name()), pattern));
          }
        }
      }
    }
    return calls;
  }

  private Map<String, Long> fingerprint() {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String table : HostileInputTest.TABLES) {
      counts.put(table, jdbc.sql("select count(*) from " + table).query(Long.class).single());
    }
    counts.put("application", jdbc.sql("select version from rotation_application where id = :a").param("a", application)
        .query(Long.class).single());
    counts.put("task", jdbc.sql("select version from inbox_task where id = :t").param("t", task).query(Long.class).single());
    counts.put("read notifications", jdbc.sql("select count(*) from notification where read_at is not null")
        .query(Long.class).single());
    return counts;
  }

  @Test
  void noOutsiderSeesOrChangesAnotherSchoolsOrDistrictsCaseThroughAnyEndpoint() throws Exception {
    List<Call> endpoints = endpoints();
    assertThat(endpoints).as("the mapping was read").hasSizeGreaterThan(60);
    Map<String, Long> before = fingerprint();
    List<String> findings = new ArrayList<>();
    int calls = 0;
    for (Call call : endpoints) {
      String path = concrete(call.pattern());
      boolean api = path.startsWith("/api/");
      for (Outsider who : outsiders()) {
        MockHttpServletRequestBuilder request = request(call.method(), path);
        if (api) {
          request.with(who.api());
          if (call.method() != HttpMethod.GET) {
            request.contentType(MediaType.APPLICATION_JSON).content("{}");
          }
        } else {
          request.with(who.page());
          if (call.method() != HttpMethod.GET) {
            request.with(csrf());
          }
        }
        MvcResult result = mvc.perform(request).andReturn();
        calls++;
        int status = result.getResponse().getStatus();
        String body = result.getResponse().getContentAsString(StandardCharsets.UTF_8);
        List<String> markers = new ArrayList<>(MARKERS);
        if (who.otherDistrict()) {
          markers.addAll(DISTRICT_MARKERS);
        }
        for (String marker : markers) {
          if (body.contains(marker)) {
            findings.add(who.name() + " read \"" + marker + "\" through " + call.method() + " " + path + " (" + status + ")");
          }
        }
        // 503 is expected only where Keycloak is called (not running in this test) or says it is down
        boolean keycloakPage = path.startsWith("/api/admin/users") || path.startsWith("/admin/users")
            || path.equals("/login-unavailable");
        if (status >= 500 && !(status == 503 && keycloakPage)) {
          findings.add(who.name() + " got " + status + " from " + call.method() + " " + path);
        }
        if (call.method() != HttpMethod.GET && status / 100 == 2 && !path.endsWith("/notifications/read")) {
          findings.add(who.name() + " was answered " + status + " by " + call.method() + " " + path);
        }
      }
    }
    assertThat(findings).as("%d calls over %d endpoints", calls, endpoints.size()).isEmpty();
    assertThat(fingerprint()).as("nothing stored changed").isEqualTo(before);
  }

  /** The control: those who may see the case do see its markers, so their absence above means something. */
  @Test
  void insidersSeeTheCaseAndItsMarkers() throws Exception {
    String own = mvc.perform(request(HttpMethod.GET, "/api/applications/" + application)
            .with(SecuredPagesTest.bearer("teacher.matrix", "teacher", "LC-U01")))
        .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    assertThat(own).contains("矩阵测试的申请理由");
    String inbox = mvc.perform(request(HttpMethod.GET, "/tasks/" + task)
            .with(SecuredPagesTest.browser("principal.wang", "王芳", "principal", "LC-U01")))
        .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    assertThat(inbox).contains("矩阵甲");
    String assessmentPage = mvc.perform(request(HttpMethod.GET, "/assessments/" + assessment)
            .with(SecuredPagesTest.browser("office.chen", "陈静", "teaching-office", null)))
        .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    assertThat(assessmentPage).contains("矩阵测试的自我鉴定");
  }

  @Test
  void everyPostAndPutOfAPageNeedsItsCsrfToken() throws Exception {
    RequestPostProcessor office = SecuredPagesTest.browser("office.chen", "陈静", "teaching-office", null);
    List<String> findings = new ArrayList<>();
    for (Call call : endpoints()) {
      if (call.method() == HttpMethod.GET || call.pattern().startsWith("/api/")) {
        continue;
      }
      int status = mvc.perform(request(call.method(), concrete(call.pattern())).with(office)).andReturn().getResponse()
          .getStatus();
      if (status != 403) {
        findings.add(call.method() + " " + call.pattern() + " answered " + status + " without a CSRF token");
      }
    }
    assertThat(findings).isEmpty();
  }
}
