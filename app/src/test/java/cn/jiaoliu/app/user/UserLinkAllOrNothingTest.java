package cn.jiaoliu.app.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.jiaoliu.app.audit.AuditTrail;
import cn.jiaoliu.app.export.Headings;
import cn.jiaoliu.app.programme.SchoolDirectory;
import cn.jiaoliu.app.programme.SchoolRepository;
import cn.jiaoliu.app.security.JiaoliuUser;
import cn.jiaoliu.app.security.KeycloakProperties;
import cn.jiaoliu.app.security.Role;
import cn.jiaoliu.app.web.UserFacingException;
import cn.jiaoliu.testsupport.TestDatabase;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What the real Keycloak of the integration tests cannot be made to do: be away, or fail half-way
 * through a link. A closed port stands for Keycloak down; a small HTTP server speaking the admin
 * API's few calls fails the last step of a link, and the link must be undone in Keycloak and leave
 * no record in the app.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
@ContextConfiguration(initializers = TestDatabase.class)
class UserLinkAllOrNothingTest {

  static final JiaoliuUser OFFICE = new JiaoliuUser("office.chen", "陈静", Set.of(Role.TEACHING_OFFICE), null, "LC");

  @Autowired SchoolRepository schools;
  @Autowired UserDirectory directory;
  @Autowired AuditTrail audit;
  @Autowired JdbcClient jdbc;
  @Autowired SchoolDirectory schoolDirectory;
  @Autowired Headings headings;
  @Autowired TransactionTemplate tx;
  @Autowired MessageSource messages;
  @Autowired MockMvc mvc;

  HttpServer server;
  final List<String> requests = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  UserAdministration administrationAt(String url) {
    KeycloakAdminProperties admin = new KeycloakAdminProperties("jiaoliu-admin", "secret", Duration.ofSeconds(2), 100);
    KeycloakAdminClient client = new KeycloakAdminClient(new KeycloakProperties(url, "jiaoliu", "jiaoliu-app", "x"), admin,
        Clock.systemUTC());
    return new UserAdministration(client, admin, schools, directory, audit, jdbc, tx, messages, Clock.systemUTC(),
        new LinkRequests(schools, schoolDirectory), new RealmRoleChanges(client), headings);
  }

  @Test
  void keycloakDownIsATranslated503AndNothingIsRecorded() throws IOException {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    UserAdministration users = administrationAt("http://127.0.0.1:" + closed);
    assertThatThrownBy(() -> users.list(OFFICE, null))
        .isInstanceOfSatisfying(UserFacingException.class, e -> {
          assertThat(e.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
          assertThat(e.messageKey()).isEqualTo("users.error.keycloakUnavailable");
        });
    assertThatThrownBy(() -> users.link(OFFICE, "someone", "LC-U02", null, "teacher"))
        .isInstanceOfSatisfying(UserFacingException.class,
            e -> assertThat(e.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE));
    assertThat(linksOf("someone")).isZero();
    assertThat(messages.getMessage("users.error.keycloakUnavailable", null, java.util.Locale.SIMPLIFIED_CHINESE))
        .contains("Keycloak", "未做任何更改");
  }

  @Test
  void aLinkThatFailsHalfWayIsUndoneInKeycloakAndLeavesNoRecord() throws IOException {
    AtomicInteger roleAdds = new AtomicInteger();
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getPath();
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      requests.add(method + " " + path + " " + body);
      if (path.endsWith("/openid-connect/token")) {
        answer(exchange, 200, "{\"access_token\":\"token\",\"expires_in\":300}");
      } else if (method.equals("GET") && path.equals("/admin/realms/jiaoliu/users")) {
        answer(exchange, 200, "[{\"id\":\"u1\",\"username\":\"half.done\",\"firstName\":\"半\",\"lastName\":\"途\","
            + "\"enabled\":true,\"attributes\":{\"demo\":[\"true\"],\"schoolCode\":[\"LC-U01\"],\"districtCode\":[\"LC\"]}}]");
      } else if (method.equals("GET") && (path.endsWith("/users/u1/role-mappings/realm")
          || path.endsWith("/users/u1/role-mappings/realm/composite"))) {
        answer(exchange, 200, "[{\"id\":\"r-p\",\"name\":\"principal\"},{\"id\":\"r-d\",\"name\":\"default-roles-jiaoliu\"}]");
      } else if (method.equals("GET") && path.equals("/admin/realms/jiaoliu/roles/teacher")) {
        answer(exchange, 200, "{\"id\":\"r-t\",\"name\":\"teacher\"}");
      } else if (method.equals("POST") && path.endsWith("/role-mappings/realm")) {
        // the first addition (the new role) fails; the undo's re-addition works
        answer(exchange, roleAdds.getAndIncrement() == 0 ? 500 : 204, "");
      } else {
        answer(exchange, 204, "");
      }
    });
    server.start();
    UserAdministration users = administrationAt("http://127.0.0.1:" + server.getAddress().getPort());

    assertThatThrownBy(() -> users.link(OFFICE, "half.done", "LC-U02", null, "teacher"))
        .isInstanceOfSatisfying(UserFacingException.class, e -> {
          assertThat(e.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
          assertThat(e.messageKey()).isEqualTo("users.error.keycloakUnavailable");
        });

    List<String> writes = requests.stream().filter(r -> !r.startsWith("GET") && !r.contains("openid-connect")).toList();
    assertThat(writes).hasSize(5);
    assertThat(writes.get(0)).startsWith("PUT /admin/realms/jiaoliu/users/u1").contains("\"schoolCode\":[\"LC-U02\"]");
    assertThat(writes.get(1)).startsWith("DELETE /admin/realms/jiaoliu/users/u1/role-mappings/realm").contains("principal");
    assertThat(writes.get(2)).startsWith("POST /admin/realms/jiaoliu/users/u1/role-mappings/realm").contains("teacher");
    // undone: the principal role back, then the attributes as they were (demo kept)
    assertThat(writes.get(3)).startsWith("POST /admin/realms/jiaoliu/users/u1/role-mappings/realm").contains("principal");
    assertThat(writes.get(4)).startsWith("PUT /admin/realms/jiaoliu/users/u1")
        .contains("\"schoolCode\":[\"LC-U01\"]", "\"demo\":[\"true\"]");
    assertThat(linksOf("half.done")).isZero();
    assertThat(jdbc.sql("select count(*) from audit_event where subject_type = 'USER_LINK' and detail like 'half.done%'")
        .query(Long.class).single()).isZero();
    assertThat(directory.stored("half.done")).isEmpty();
  }

  @Test
  void aTeacherOrPrincipalMayNotAdministerUsers() throws Exception {
    mvc.perform(get("/api/admin/users").with(jwt().jwt(j -> j.claim("preferred_username", "teacher.zhang")
            .claim("roles", List.of("teacher")).claim("school_code", "LC-U01").claim("district_code", "LC"))))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.code").value("error.forbidden"));
    mvc.perform(put("/api/admin/users/teacher.li/link").contentType("application/json")
            .content("{\"schoolCode\":\"LC-U01\",\"role\":\"principal\"}")
            .with(jwt().jwt(j -> j.claim("preferred_username", "principal.wang").claim("roles", List.of("principal"))
                .claim("school_code", "LC-U01").claim("district_code", "LC"))))
        .andExpect(status().isForbidden());
  }

  long linksOf(String username) {
    return jdbc.sql("select count(*) from user_link where username = :u").param("u", username).query(Long.class).single();
  }

  static void answer(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, status == 204 || bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0 && status != 204) {
      exchange.getResponseBody().write(bytes);
    }
    exchange.close();
  }
}
