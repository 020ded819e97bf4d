package cn.jiaoliu.bench;

import cn.jiaoliu.testsupport.DemoTotp;
import cn.jiaoliu.testsupport.Infrastructure;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Benchmark users in the throw-away Keycloak of the run, many at once (partial import). The run's
 * realm hashes passwords with few iterations, so that a thousand logins measure the app, not
 * PBKDF2; nothing of this touches the product's realm file.
 */
final class BenchRealm {

  /**
   * A user of the run's realm; {@code authenticator}: with the demo realm's TOTP authenticator
   * ({@link cn.jiaoliu.testsupport.DemoTotp}), as a teaching office needs it to log in with a browser.
   * Only users who log in with a browser get one: the password grant of the REST users then asks
   * for no code.
   */
  record User(String username, String role, String schoolCode, String districtCode, boolean authenticator) {

    User(String username, String role, String schoolCode, String districtCode) {
      this(username, role, schoolCode, districtCode, false);
    }
  }

  private BenchRealm() {}

  static void cheapPasswords() {
    String admin = adminToken();
    HttpResponse<String> updated = send(HttpRequest.newBuilder(URI.create(realmUrl()))
        .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString("{\"passwordPolicy\":\"hashIterations(1)\"}")));
    if (updated.statusCode() != 204) {
      throw new IllegalStateException("password policy: " + updated.statusCode() + " " + updated.body());
    }
  }

  static void create(List<User> users) {
    for (int from = 0; from < users.size(); from += 200) {
      String admin = adminToken(); // the master realm's tokens live a minute
      List<Map<String, Object>> chunk = new ArrayList<>();
      for (User u : users.subList(from, Math.min(users.size(), from + 200))) {
        Map<String, List<String>> attributes = new java.util.HashMap<>();
        attributes.put("districtCode", List.of(u.districtCode()));
        if (u.schoolCode() != null) {
          attributes.put("schoolCode", List.of(u.schoolCode()));
        }
        List<Map<String, Object>> credentials = new ArrayList<>();
        credentials.add(Map.of("type", "password", "value", "demo", "temporary", false));
        if (u.authenticator()) {
          // as the realm file gives the demo's office users theirs
          credentials.add(Map.of("type", "otp", "userLabel", "bench",
              "secretData", "{\"value\":\"" + DemoTotp.SECRET + "\"}",
              "credentialData", "{\"subType\":\"totp\",\"digits\":6,\"counter\":0,\"period\":30,\"algorithm\":\"HmacSHA1\"}"));
        }
        chunk.add(Map.of("username", u.username(), "enabled", true, "emailVerified", true,
            "email", u.username() + "@bench.jiaoliu.invalid", "firstName", "压测", "lastName", u.username(),
            "attributes", attributes, "realmRoles", List.of("default-roles-jiaoliu", u.role()),
            "credentials", credentials));
      }
      HttpResponse<String> imported = send(HttpRequest.newBuilder(URI.create(realmUrl() + "/partialImport"))
          .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(BenchUser.write(Map.of("ifResourceExists", "SKIP", "users", chunk)))));
      if (imported.statusCode() != 200) {
        throw new IllegalStateException("partial import: " + imported.statusCode() + " " + imported.body());
      }
    }
  }

  /**
   * Lets the app's browser login come back to {@code baseUrl}: the realm's client knows only the
   * redirect URIs of the app the integration tests start, and a benchmark's app has a port of its
   * own.
   */
  static void allowRedirectsTo(String baseUrl) {
    String admin = adminToken();
    HttpResponse<String> found = send(HttpRequest.newBuilder(URI.create(realmUrl() + "/clients?clientId=jiaoliu-app"))
        .header("Authorization", "Bearer " + admin).GET());
    try {
      ObjectNode client = (ObjectNode) BenchUser.JSON.readTree(found.body()).get(0);
      ArrayNode redirects = client.withArray("redirectUris");
      redirects.add(baseUrl + "/*");
      HttpResponse<String> updated = send(HttpRequest.newBuilder(
              URI.create(realmUrl() + "/clients/" + client.path("id").asText()))
          .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
          .PUT(HttpRequest.BodyPublishers.ofString(BenchUser.JSON.writeValueAsString(client))));
      if (updated.statusCode() != 204) {
        throw new IllegalStateException("redirect URIs: " + updated.statusCode() + " " + updated.body());
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String realmUrl() {
    return Infrastructure.get().keycloakUrl() + "/admin/realms/jiaoliu";
  }

  private static String adminToken() {
    HttpResponse<String> token = send(HttpRequest.newBuilder(URI.create(Infrastructure.get().keycloakUrl()
            + "/realms/master/protocol/openid-connect/token"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=admin-cli&username=admin&password=admin")));
    try {
      JsonNode body = BenchUser.JSON.readTree(token.body());
      return body.path("access_token").asText();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return BenchUser.HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
