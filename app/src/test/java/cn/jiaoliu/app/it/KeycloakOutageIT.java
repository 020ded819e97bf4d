package cn.jiaoliu.app.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import cn.jiaoliu.testsupport.DemoData;
import cn.jiaoliu.testsupport.Infrastructure;
import cn.jiaoliu.testsupport.KeycloakAdmin;
import cn.jiaoliu.testsupport.LocalKeycloak;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Keycloak stopped for a minute while work runs (the real one, its data kept, restarted on the same
 * port): users holding a token keep submitting and signing over the API although the app's key cache
 * expires meanwhile (10 s in the tests); a browser that must log in gets the app's own translated
 * 503 page; user administration answers 503 and changes nothing. When Keycloak is back, new logins
 * work and every application completes, with the opinions signed during the outage.
 */
class KeycloakOutageIT extends IntegrationTest {

  private static final Logger LOG = LoggerFactory.getLogger(KeycloakOutageIT.class);
  static final Duration OUTAGE = Duration.ofSeconds(60);
  static final int BEFORE = 4;
  static final int DURING = 4;
  static final HttpClient BROWSER = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
      .followRedirects(HttpClient.Redirect.NEVER).build();

  @Autowired JdbcClient jdbc;

  @Test
  void aMinuteWithoutKeycloakLosesNothingAndWorkResumes() throws Exception {
    Infrastructure infra = Infrastructure.get();
    LocalKeycloak keycloak = infra.keycloak();
    KeycloakAdmin.ensureUser("it.kc.principal.u03", "principal", "LC-U03", "LC");
    KeycloakAdmin.ensureUser("it.kc.principal.r04", "principal", "LC-R04", "LC");
    KeycloakAdmin.ensureUser("it.kc.newcomer", null, null, null);
    int total = BEFORE + DURING;
    List<String> teacherNames = DemoData.teachers("it.kc.teacher", total, "LC-U03");
    DemoData.raiseQuota(jdbc, "LC-U03", total);
    // everyone logs in before the outage (tokens live 5 minutes)
    List<ApiClient> teachers = new ArrayList<>();
    for (String name : teacherNames) {
      teachers.add(new ApiClient(infra.appBaseUrl(), infra.tokenFor(name, "demo")));
    }
    ApiClient dispatching = new ApiClient(infra.appBaseUrl(), infra.tokenFor("it.kc.principal.u03", "demo"));
    ApiClient office = new ApiClient(infra.appBaseUrl(), infra.tokenFor("office.chen", "demo"));
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < BEFORE; i++) {
      ids.add(submit(teachers.get(i), i));
    }
    List<Long> signTasks = new ArrayList<>();
    for (long id : ids) {
      signTasks.add(RotationApplicationIT.awaitTask(dispatching, "Task_SignOpinion", id));
    }
    long linksBefore = jdbc.sql("select count(*) from user_link").query(Long.class).single();

    long stoppedAt = System.nanoTime();
    keycloak.stopKeepingData();
    int apiCallsDuringOutage = 0;
    try {
      // a new login cannot happen: Keycloak refuses connections
      assertThatThrownBy(() -> infra.tokenFor("it.kc.principal.r04", "demo")).isInstanceOf(RuntimeException.class);
      // a browser that must log in gets the app's own page, in Chinese and in English
      // (the app remembers Keycloak's last answer for five seconds: a browser test just before may
      // have left "reachable" behind)
      HttpResponse<String> page = browser("/oauth2/authorization/keycloak", "zh-CN");
      for (long until = System.nanoTime() + Duration.ofSeconds(15).toNanos();
          page.statusCode() != 503 && System.nanoTime() < until; ) {
        Thread.sleep(500);
        page = browser("/oauth2/authorization/keycloak", "zh-CN");
      }
      assertThat(page.statusCode()).isEqualTo(503);
      assertThat(page.body()).contains("登录服务（统一身份认证）暂时无法访问", "已提交的内容都已保存");
      assertThat(browser("/oauth2/authorization/keycloak", "en").body()).contains("The login service is unavailable");
      HttpResponse<String> tasksPage = browser("/tasks", "zh-CN");
      assertThat(tasksPage.statusCode()).isEqualTo(302);
      assertThat(tasksPage.headers().firstValue("Location").orElseThrow()).endsWith("/oauth2/authorization/keycloak");

      // user administration needs Keycloak: 503 with a message, nothing changed
      ApiClient.Response listing = office.get("/api/admin/users");
      assertThat(listing.status()).as("%s", listing.body()).isEqualTo(503);
      assertThat(listing.body().path("detail").asText()).isNotBlank();
      ApiClient.Response link = office.put("/api/admin/users/it.kc.newcomer/link", Map.of("schoolCode", "LC-U03", "role", "teacher"));
      assertThat(link.status()).as("%s", link.body()).isEqualTo(503);

      // users holding a token keep working: opinions signed, applications submitted
      for (int i = 0; i < BEFORE; i++) {
        ApiClient.Response signed = dispatching.post("/api/tasks/" + signTasks.get(i) + "/complete",
            Map.of("decision", "APPROVE", "comment", "同意（认证服务停止时）" + i));
        assertThat(signed.status()).as("%s", signed.body()).isEqualTo(200);
        apiCallsDuringOutage++;
      }
      for (int i = BEFORE; i < total; i++) {
        ids.add(submit(teachers.get(i), i));
        apiCallsDuringOutage++;
      }
      // … for the whole minute, long past the app's key cache (10 s): they are never turned away
      int round = 0;
      while (System.nanoTime() - stoppedAt < OUTAGE.toNanos()) {
        ApiClient.Response inbox = teachers.get(round++ % total).get("/api/applications");
        assertThat(inbox.status()).as("a user with a token, %s s into the outage: %s",
            Duration.ofNanos(System.nanoTime() - stoppedAt).toSeconds(), inbox.body()).isEqualTo(200);
        apiCallsDuringOutage++;
        Thread.sleep(2000);
      }
      for (int i = BEFORE; i < total; i++) {
        long sign = RotationApplicationIT.awaitTask(dispatching, "Task_SignOpinion", ids.get(i));
        assertThat(dispatching.post("/api/tasks/" + sign + "/complete",
            Map.of("decision", "APPROVE", "comment", "同意（认证服务停止时）" + i)).status()).isEqualTo(200);
        apiCallsDuringOutage++;
      }
      assertThat(jdbc.sql("select count(*) from user_link").query(Long.class).single()).as("no half-made link")
          .isEqualTo(linksBefore);
    } finally {
      long restartAt = System.nanoTime();
      keycloak.restart();
      LOG.info("KeycloakOutageIT figures: Keycloak down {} s (its restart took {} s), {} API calls by users holding"
              + " tokens answered during the outage, {} applications submitted and {} opinions signed then",
          Duration.ofNanos(System.nanoTime() - stoppedAt).toSeconds(),
          Duration.ofNanos(System.nanoTime() - restartAt).toSeconds(), apiCallsDuringOutage, DURING, total);
    }

    // back: new logins, the login page leads to Keycloak again, user administration works
    ApiClient receiving = new ApiClient(infra.appBaseUrl(), infra.tokenFor("it.kc.principal.r04", "demo"));
    await().atMost(Duration.ofSeconds(30)).until(() -> browser("/oauth2/authorization/keycloak", "zh-CN").statusCode() == 302);
    assertThat(browser("/oauth2/authorization/keycloak", "zh-CN").headers().firstValue("Location").orElseThrow())
        .startsWith(infra.issuerUri());
    assertThat(office.get("/api/admin/users").status()).isEqualTo(200);

    for (long id : ids) {
      long accept = RotationApplicationIT.awaitTask(receiving, "Task_AcceptTeacher", id);
      assertThat(receiving.post("/api/tasks/" + accept + "/complete", Map.of("decision", "ACCEPT", "comment", "欢迎"))
          .status()).isEqualTo(200);
    }
    ApiClient freshOffice = new ApiClient(infra.appBaseUrl(), infra.tokenFor("office.chen", "demo"));
    for (long id : ids) {
      long approve = RotationApplicationIT.awaitTask(freshOffice, "Task_ApproveApplication", id);
      assertThat(freshOffice.post("/api/tasks/" + approve + "/complete", Map.of("decision", "APPROVE", "comment", "批准"))
          .status()).isEqualTo(200);
    }
    await().atMost(Duration.ofMinutes(2)).until(() -> jdbc.sql("""
        select count(*) from rotation_application where id in (:ids) and status = 'APPROVED'""")
        .param("ids", ids).query(Long.class).single() == total);
    assertThat(jdbc.sql("select count(*) from assignment where application_id in (:ids)").param("ids", ids)
        .query(Long.class).single()).as("one assignment each").isEqualTo(total);
    assertThat(jdbc.sql("""
        select count(*) from inbox_task where subject_type = 'APPLICATION' and subject_id in (:ids) and status = 'COMPLETED'""")
        .param("ids", ids).query(Long.class).single()).as("three steps each").isEqualTo(3L * total);
    assertThat(jdbc.sql("""
        select count(*) from inbox_task where subject_type = 'APPLICATION' and subject_id in (:ids)
          and element_id = 'Task_SignOpinion' and status = 'COMPLETED' and submission like '%认证服务停止时%'""")
        .param("ids", ids).query(Long.class).single()).as("the opinions signed while Keycloak was down").isEqualTo(total);
  }

  private static long submit(ApiClient teacher, int i) {
    Map<String, Object> form = RotationApplicationIT.application("化学");
    form.put("targetSchoolCode", "LC-R04");
    ApiClient.Response created = teacher.post("/api/applications", form);
    assertThat(created.status()).as("submission %s: %s", i, created.body()).isEqualTo(201);
    return created.body().path("id").asLong();
  }

  private static HttpResponse<String> browser(String path, String language) throws Exception {
    return BROWSER.send(HttpRequest.newBuilder(URI.create(Infrastructure.get().appBaseUrl() + path))
        .header("Accept-Language", language).timeout(Duration.ofSeconds(30)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
