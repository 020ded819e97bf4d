package cn.jiaoliu.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Creates extra users in the test Keycloak through its admin REST API (bootstrap admin of the dev instance). */
public final class KeycloakAdmin {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();

  private KeycloakAdmin() {}

  /** Creates the user (password "demo") unless it exists; school, district and role may be null (a newcomer). */
  public static synchronized void ensureUser(String username, String role, String schoolCode, String districtCode) {
    String base = Infrastructure.get().keycloakUrl();
    try {
      String token = JSON.readTree(send(HttpRequest.newBuilder(URI.create(base + "/realms/master/protocol/openid-connect/token"))
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=admin-cli&username=admin&password=admin"))
          .build()).body()).path("access_token").asText();
      String users = base + "/admin/realms/jiaoliu/users";
      JsonNode found = JSON.readTree(send(HttpRequest.newBuilder(URI.create(users + "?exact=true&username="
          + URLEncoder.encode(username, StandardCharsets.UTF_8))).header("Authorization", "Bearer " + token).GET().build()).body());
      if (found.size() > 0) {
        return;
      }
      Map<String, List<String>> attributes = new java.util.HashMap<>();
      if (districtCode != null) {
        attributes.put("districtCode", List.of(districtCode));
      }
      attributes.put("demo", List.of("true"));
      if (schoolCode != null) {
        attributes.put("schoolCode", List.of(schoolCode));
      }
      String body = JSON.writeValueAsString(Map.of("username", username, "enabled", true, "emailVerified", true,
          "email", username + "@demo.jiaoliu.invalid", "firstName", "测试", "lastName", username,
          "attributes", attributes,
          "credentials", credentials(role)));
      HttpResponse<String> created = send(HttpRequest.newBuilder(URI.create(users)).header("Authorization", "Bearer " + token)
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
      if (created.statusCode() != 201) {
        throw new IllegalStateException("could not create " + username + ": " + created.statusCode() + " " + created.body());
      }
      String location = created.headers().firstValue("Location").orElseThrow();
      if (role == null) {
        return;
      }
      JsonNode roleRep = JSON.readTree(send(HttpRequest.newBuilder(URI.create(base + "/admin/realms/jiaoliu/roles/" + role))
          .header("Authorization", "Bearer " + token).GET().build()).body());
      HttpResponse<String> mapped = send(HttpRequest.newBuilder(URI.create(location + "/role-mappings/realm"))
          .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("[" + JSON.writeValueAsString(roleRep) + "]")).build());
      if (mapped.statusCode() != 204) {
        throw new IllegalStateException("could not give " + username + " role " + role + ": " + mapped.body());
      }
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Creates the group unless it exists, gives it the realm role and makes the (existing) user a member. */
  public static synchronized void ensureGroupMember(String group, String role, String username) {
    String base = Infrastructure.get().keycloakUrl();
    String realm = base + "/admin/realms/jiaoliu";
    try {
      String token = JSON.readTree(send(HttpRequest.newBuilder(URI.create(base + "/realms/master/protocol/openid-connect/token"))
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=admin-cli&username=admin&password=admin"))
          .build()).body()).path("access_token").asText();
      String groupId = null;
      for (JsonNode g : JSON.readTree(send(HttpRequest.newBuilder(URI.create(realm + "/groups?exact=true&search="
          + URLEncoder.encode(group, StandardCharsets.UTF_8))).header("Authorization", "Bearer " + token).GET().build()).body())) {
        if (g.path("name").asText().equals(group)) {
          groupId = g.path("id").asText();
        }
      }
      if (groupId == null) {
        HttpResponse<String> created = send(HttpRequest.newBuilder(URI.create(realm + "/groups"))
            .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("name", group)))).build());
        if (created.statusCode() != 201) {
          throw new IllegalStateException("could not create group " + group + ": " + created.body());
        }
        String location = created.headers().firstValue("Location").orElseThrow();
        groupId = location.substring(location.lastIndexOf('/') + 1);
        JsonNode roleRep = JSON.readTree(send(HttpRequest.newBuilder(URI.create(realm + "/roles/" + role))
            .header("Authorization", "Bearer " + token).GET().build()).body());
        HttpResponse<String> mapped = send(HttpRequest.newBuilder(URI.create(realm + "/groups/" + groupId + "/role-mappings/realm"))
            .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("[" + JSON.writeValueAsString(roleRep) + "]")).build());
        if (mapped.statusCode() != 204) {
          throw new IllegalStateException("could not give group " + group + " role " + role + ": " + mapped.body());
        }
      }
      String userId = JSON.readTree(send(HttpRequest.newBuilder(URI.create(realm + "/users?exact=true&username="
          + URLEncoder.encode(username, StandardCharsets.UTF_8))).header("Authorization", "Bearer " + token).GET().build())
          .body()).get(0).path("id").asText();
      HttpResponse<String> joined = send(HttpRequest.newBuilder(URI.create(realm + "/users/" + userId + "/groups/" + groupId))
          .header("Authorization", "Bearer " + token).PUT(HttpRequest.BodyPublishers.noBody()).build());
      if (joined.statusCode() != 204) {
        throw new IllegalStateException("could not add " + username + " to group " + group + ": " + joined.body());
      }
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Sets a user's password through the admin REST API; Keycloak's answer (400 with the policy's error when refused). */
  public static HttpResponse<String> resetPassword(String username, String password) {
    String body = "{\"type\":\"password\",\"temporary\":false,\"value\":" + quoted(password) + "}";
    return send(HttpRequest.newBuilder(URI.create(userUrl(username) + "/reset-password"))
        .header("Authorization", "Bearer " + adminToken()).header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  /** Takes the realm role {@code from} away from the user and gives them {@code to} instead. */
  public static void relink(String username, String from, String to) {
    String mappings = userUrl(username) + "/role-mappings/realm";
    String roles = Infrastructure.get().keycloakUrl() + "/admin/realms/jiaoliu/roles/";
    String token = adminToken();
    String removed = "[" + send(HttpRequest.newBuilder(URI.create(roles + from)).header("Authorization", "Bearer " + token)
        .GET().build()).body() + "]";
    String added = "[" + send(HttpRequest.newBuilder(URI.create(roles + to)).header("Authorization", "Bearer " + token)
        .GET().build()).body() + "]";
    expect(204, send(HttpRequest.newBuilder(URI.create(mappings)).header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/json").method("DELETE", HttpRequest.BodyPublishers.ofString(removed)).build()));
    expect(204, send(HttpRequest.newBuilder(URI.create(mappings)).header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(added)).build()));
  }

  /** Disables (or enables) the user; Keycloak keeps their sessions. */
  public static void setEnabled(String username, boolean enabled) {
    expect(204, send(HttpRequest.newBuilder(URI.create(userUrl(username))).header("Authorization", "Bearer " + adminToken())
        .header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString("{\"enabled\":" + enabled + "}")).build()));
  }

  /** An administrator's "Sign out" of all the user's sessions (Keycloak then calls the clients' back-channel logout). */
  public static void logout(String username) {
    expect(204, send(HttpRequest.newBuilder(URI.create(userUrl(username) + "/logout"))
        .header("Authorization", "Bearer " + adminToken()).POST(HttpRequest.BodyPublishers.noBody()).build()));
  }

  /**
   * Sets the access-token lifespan of the tokens issued to the client (the client's own setting,
   * over the realm's), in seconds; null goes back to the realm's.
   */
  public static void setAccessTokenLifespan(String clientId, Integer seconds) {
    String clients = Infrastructure.get().keycloakUrl() + "/admin/realms/jiaoliu/clients";
    String token = adminToken();
    JsonNode client = read(send(HttpRequest.newBuilder(URI.create(clients + "?clientId="
        + URLEncoder.encode(clientId, StandardCharsets.UTF_8))).header("Authorization", "Bearer " + token).GET().build())
        .body()).path(0);
    var attributes = (com.fasterxml.jackson.databind.node.ObjectNode) client.path("attributes");
    attributes.put("access.token.lifespan", seconds == null ? "" : seconds.toString());
    expect(204, send(HttpRequest.newBuilder(URI.create(clients + "/" + client.path("id").asText()))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(client.toString())).build()));
  }

  private static void expect(int status, HttpResponse<String> response) {
    if (response.statusCode() != status) {
      throw new IllegalStateException("Keycloak answered " + response.statusCode() + " " + response.body());
    }
  }

  /** Keycloak's brute-force record of a user: {@code {"disabled":…,"numFailures":…,…}}. */
  public static JsonNode bruteForceStatus(String username) {
    String id = userUrl(username).substring(userUrl(username).lastIndexOf('/') + 1);
    return read(send(HttpRequest.newBuilder(URI.create(Infrastructure.get().keycloakUrl()
            + "/admin/realms/jiaoliu/attack-detection/brute-force/users/" + id))
        .header("Authorization", "Bearer " + adminToken()).GET().build()).body());
  }

  private static String adminToken() {
    return read(send(HttpRequest.newBuilder(URI.create(Infrastructure.get().keycloakUrl()
            + "/realms/master/protocol/openid-connect/token"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=admin-cli&username=admin&password=admin"))
        .build()).body()).path("access_token").asText();
  }

  private static String userUrl(String username) {
    String users = Infrastructure.get().keycloakUrl() + "/admin/realms/jiaoliu/users";
    JsonNode found = read(send(HttpRequest.newBuilder(URI.create(users + "?exact=true&username="
        + URLEncoder.encode(username, StandardCharsets.UTF_8))).header("Authorization", "Bearer " + adminToken())
        .GET().build()).body());
    return users + "/" + found.path(0).path("id").asText();
  }

  private static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String quoted(String value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The password "demo" as the demo realm holds it, already hashed: imported hashes bypass the
   * realm's password policy, which "demo" does not meet. Holders of admin or teaching-office (whose
   * login asks for a one-time code) get the demo authenticator too.
   */
  private static List<Map<String, Object>> credentials(String role) {
    Map<String, Object> password = Map.of("type", "password",
        "secretData", "{\"value\":\"ihv0z6m6a8t+HPM8wx7gO494vj+wll+b29eaZ/vqOXg=\",\"salt\":\"dXI36KATTRssig5lIN8GQg==\",\"additionalParameters\":{}}",
        "credentialData", "{\"hashIterations\":600000,\"algorithm\":\"pbkdf2-sha256\",\"additionalParameters\":{}}");
    if (role == null || !DemoTotp.TWO_FACTOR_ROLES.contains(role)) {
      return List.of(password);
    }
    return List.of(password, Map.of("type", "otp", "userLabel", "demo",
        "secretData", "{\"value\":\"" + DemoTotp.SECRET + "\"}",
        "credentialData", "{\"subType\":\"totp\",\"digits\":6,\"counter\":0,\"period\":30,\"algorithm\":\"HmacSHA1\"}"));
  }

  private static HttpResponse<String> send(HttpRequest request) {
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
