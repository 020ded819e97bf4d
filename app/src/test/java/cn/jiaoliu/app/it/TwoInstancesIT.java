package cn.jiaoliu.app.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.jiaoliu.app.JiaoliuApplication;
import cn.jiaoliu.app.audit.AuditVerification;
import cn.jiaoliu.testsupport.Chromium;
import cn.jiaoliu.testsupport.DemoData;
import cn.jiaoliu.testsupport.Infrastructure;
import cn.jiaoliu.testsupport.KeycloakAdmin;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two app instances on one database and one broker, as a bureau runs them behind a load balancer:
 * users act on either, both activate the engine's jobs and send mail. Every application goes
 * through once: one assignment each, each step's task once, each notification once, each mail once.
 * A browser session begun on one instance is honoured by the other (sessions live in the database),
 * so the load balancer needs no sticky sessions.
 */
class TwoInstancesIT extends IntegrationTest {

  static final int APPLICATIONS = 6;
  static final Duration WAIT = Duration.ofSeconds(90);

  @Autowired Environment environment;
  @Autowired JdbcClient jdbc;

  private ConfigurableApplicationContext secondInstance() throws Exception {
    Infrastructure infra = Infrastructure.get();
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Map<String, Object> properties = new HashMap<>();
    properties.put("server.port", port);
    for (String key : List.of("spring.datasource.url", "spring.datasource.username", "spring.datasource.password",
        "spring.flyway.schemas", "jiaoliu.keycloak.client-secret", "jiaoliu.keycloak.admin.client-secret")) {
      if (environment.getProperty(key) != null) {
        properties.put(key, environment.getProperty(key));
      }
    }
    properties.put("camunda.client.grpc-address", infra.zeebeGrpcAddress());
    properties.put("camunda.client.rest-address", infra.zeebeRestAddress());
    properties.put("camunda.client.prefer-rest-over-grpc", false);
    properties.put("jiaoliu.keycloak.url", infra.keycloakUrl());
    properties.put("jiaoliu.tasklist.reconcile-interval", "PT1S");
    properties.put("spring.mail.host", "127.0.0.1");
    properties.put("spring.mail.port", MAIL.getSmtp().getPort());
    properties.put("jiaoliu.mail.interval", "PT1S");
    // as command-line arguments: they outrank application.yaml (default properties would not)
    return new SpringApplicationBuilder(JiaoliuApplication.class)
        .run(properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
  }

  @Test
  void bothInstancesServeUsersAndRunWorkersAndNothingHappensTwice() throws Exception {
    Infrastructure infra = Infrastructure.get();
    String receiving = "it.two.principal.r02";
    KeycloakAdmin.ensureUser(receiving, "principal", "LC-R02", "LC");
    List<String> teachers = DemoData.teachers("it.two.teacher", APPLICATIONS, "LC-U02");
    DemoData.raiseQuota(jdbc, "LC-U02", APPLICATIONS);

    try (ConfigurableApplicationContext second = secondInstance()) {
      String[] instances = {infra.appBaseUrl(), "http://localhost:" + second.getEnvironment().getProperty("local.server.port")};
      aBrowserSessionOfOneInstanceIsHonouredByTheOther(instances[1]);
      List<Long> ids = new ArrayList<>();
      for (int i = 0; i < APPLICATIONS; i++) {
        ApiClient teacher = new ApiClient(instances[i % 2], infra.tokenFor(teachers.get(i), "demo"));
        java.util.Map<String, Object> form = RotationApplicationIT.application("数学");
        form.put("targetSchoolCode", "LC-R02");
        ApiClient.Response created = teacher.post("/api/applications", form);
        assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
        ids.add(created.body().path("id").asLong());
      }
      for (int i = 0; i < APPLICATIONS; i++) {
        long id = ids.get(i);
        ApiClient zhao = new ApiClient(instances[(i + 1) % 2], infra.tokenFor("principal.zhao", "demo"));
        ApiClient r02 = new ApiClient(instances[i % 2], infra.tokenFor(receiving, "demo"));
        ApiClient office = new ApiClient(instances[(i + 1) % 2], infra.tokenFor("office.chen", "demo"));
        assertThat(zhao.post("/api/tasks/" + RotationApplicationIT.awaitTask(zhao, "Task_SignOpinion", id) + "/complete",
            Map.of("decision", "APPROVE", "comment", "同意")).status()).isEqualTo(200);
        assertThat(r02.post("/api/tasks/" + RotationApplicationIT.awaitTask(r02, "Task_AcceptTeacher", id) + "/complete",
            Map.of("decision", "ACCEPT", "comment", "欢迎")).status()).isEqualTo(200);
        assertThat(office.post("/api/tasks/" + RotationApplicationIT.awaitTask(office, "Task_ApproveApplication", id)
            + "/complete", Map.of("decision", "APPROVE", "comment", "批准")).status()).isEqualTo(200);
      }
      await().atMost(WAIT).until(() -> jdbc.sql("""
          select count(*) from rotation_application where id in (:ids) and status = 'APPROVED'""")
          .param("ids", ids).query(Long.class).single() == APPLICATIONS);

      assertThat(jdbc.sql("select count(*) from assignment where application_id in (:ids)").param("ids", ids)
          .query(Long.class).single()).as("one assignment each").isEqualTo(APPLICATIONS);
      assertThat(jdbc.sql("""
          select count(*) from inbox_task where subject_type = 'APPLICATION' and subject_id in (:ids) and status = 'COMPLETED'""")
          .param("ids", ids).query(Long.class).single()).as("each of the three steps once").isEqualTo(3L * APPLICATIONS);
      assertThat(jdbc.sql("""
          select count(*) from audit_event where subject_type = 'APPLICATION' and subject_id in (:ids) and action = 'ASSIGNED'""")
          .param("ids", ids).query(Long.class).single()).isLessThanOrEqualTo(APPLICATIONS);
      // both instances appended to one audit chain, and neither forked it
      assertThat(second.getBean(AuditVerification.class).verify().intact()).as("audit chain").isTrue();

      // every notification of these teachers is mailed, and each exactly once
      await().atMost(WAIT).until(() -> jdbc.sql("""
          select count(*) from notification where recipient in (:t) and mailed_at is null""")
          .param("t", teachers).query(Long.class).single() == 0);
      for (String username : teachers) {
        long notifications = jdbc.sql("select count(*) from notification where recipient = :u").param("u", username)
            .query(Long.class).single();
        long mails = Arrays.stream(MAIL.getReceivedMessages()).filter(m -> sentTo(m, username)).count();
        assertThat(mails).as("mails to %s", username).isEqualTo(notifications).isPositive();
      }
      assertThat(second.getBeansOfType(org.springframework.context.SmartLifecycle.class).values())
          .as("the second instance takes user tasks too")
          .anySatisfy(l -> {
            assertThat(l.getClass().getSimpleName()).isEqualTo("UserTaskWorker");
            assertThat(l.isRunning()).isTrue();
          });
    }
  }

  /**
   * A principal logs in through Keycloak on the first instance with a real browser; the second
   * instance, given the same session cookie and nothing else, shows that principal a page that needs
   * login and takes a form posted with the CSRF token the first instance issued.
   */
  private void aBrowserSessionOfOneInstanceIsHonouredByTheOther(String other) throws Exception {
    String username = "it.two.session";
    KeycloakAdmin.ensureUser(username, "principal", "LC-U02", "LC");
    String cookie;
    String csrf;
    try (Playwright playwright = Playwright.create(); Browser browser = Chromium.launch(playwright);
        BrowserContext context = browser.newContext()) {
      Page page = BrowserTest.loginAs(context, username, "/phrases");
      assertThat(page.url()).startsWith(Infrastructure.get().appBaseUrl() + "/phrases");
      csrf = page.locator("form[action='/phrases'] input[name='_csrf']").first().getAttribute("value");
      cookie = context.cookies().stream().filter(c -> c.name.equals("SESSION")).map(c -> c.name + "=" + c.value)
          .findFirst().orElseThrow(() -> new AssertionError("no session cookie from the first instance"));
    }
    assertThat(csrf).isNotBlank();
    HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(URI.create(other + "/phrases")).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(anonymous.statusCode()).as("without the cookie: off to log in").isEqualTo(302);
    HttpResponse<String> phrases = http.send(HttpRequest.newBuilder(URI.create(other + "/phrases"))
        .header("Cookie", cookie).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(phrases.statusCode()).isEqualTo(200);
    assertThat(phrases.body()).as("signed in as the principal").contains(username);

    String text = "另一实例收到的常用语" + System.nanoTime();
    HttpResponse<String> forged = http.send(form(other + "/phrases", cookie, "_csrf=forged&text=x"),
        HttpResponse.BodyHandlers.ofString());
    assertThat(forged.statusCode()).as("a wrong CSRF token is still refused").isEqualTo(403);
    HttpResponse<String> added = http.send(form(other + "/phrases", cookie,
        "_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8) + "&text=" + URLEncoder.encode(text, StandardCharsets.UTF_8)),
        HttpResponse.BodyHandlers.ofString());
    assertThat(added.statusCode()).as("%s", added.body()).isEqualTo(302);
    assertThat(added.headers().firstValue("Location").orElseThrow()).endsWith("/phrases");
    assertThat(jdbc.sql("select count(*) from opinion_phrase where username = :u and text = :t")
        .param("u", username).param("t", text).query(Long.class).single()).as("the phrase, kept for the principal")
        .isEqualTo(1L);
  }

  private static HttpRequest form(String url, String cookie, String body) {
    return HttpRequest.newBuilder(URI.create(url)).header("Cookie", cookie)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
  }

  private static boolean sentTo(MimeMessage message, String username) {
    try {
      return Arrays.stream(message.getRecipients(Message.RecipientType.TO))
          .anyMatch(a -> a.toString().equals(username + "@demo.jiaoliu.invalid"));
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }
}
