package cn.jiaoliu.app.user;

import cn.jiaoliu.app.security.KeycloakProperties;
import cn.jiaoliu.app.web.UserFacingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

/**
 * The few calls of Keycloak's admin REST API that user administration needs, as the service
 * account {@code jiaoliu.keycloak.admin.client-id} (client credentials; the token is kept until
 * shortly before it expires). Users travel as Keycloak's own JSON, so that an update sends back
 * every field it read. Keycloak away, failing or refusing the service account: {@link
 * KeycloakUnavailableException}.
 */
@Component
class KeycloakAdminClient {

  private static final Logger log = LoggerFactory.getLogger(KeycloakAdminClient.class);

  private final RestClient http;
  private final KeycloakProperties keycloak;
  private final KeycloakAdminProperties admin;
  private final Clock clock;
  private String token;
  private Instant tokenExpires = Instant.MIN;

  KeycloakAdminClient(KeycloakProperties keycloak, KeycloakAdminProperties admin, Clock clock) {
    this.keycloak = keycloak;
    this.admin = admin;
    this.clock = clock;
    JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(
        HttpClient.newBuilder().connectTimeout(admin.timeout()).build());
    factory.setReadTimeout(admin.timeout());
    String url = keycloak.url().endsWith("/") ? keycloak.url().substring(0, keycloak.url().length() - 1) : keycloak.url();
    this.http = RestClient.builder().requestFactory(factory).baseUrl(url).build();
  }

  /** The realm's users (service accounts left out), at most {@code max}. */
  List<JsonNode> users(int max) {
    JsonNode users = call(() -> authorized(http.get().uri(
        "/admin/realms/{realm}/users?first=0&max={max}&briefRepresentation=false", keycloak.realm(), max))
        .retrieve().body(JsonNode.class));
    List<JsonNode> list = new ArrayList<>();
    users.forEach(u -> {
      if (!u.path("username").asText().startsWith("service-account-")) {
        list.add(u);
      }
    });
    return list;
  }

  /** One user by exact username. */
  Optional<ObjectNode> user(String username) {
    JsonNode found = call(() -> authorized(http.get().uri(
        "/admin/realms/{realm}/users?exact=true&briefRepresentation=false&username={u}", keycloak.realm(), username))
        .retrieve().body(JsonNode.class));
    for (JsonNode u : found) {
      if (u.path("username").asText().equals(username) && u instanceof ObjectNode node) {
        return Optional.of(node);
      }
    }
    return Optional.empty();
  }

  /** Usernames holding a realm role directly, at most {@code max}. */
  List<String> usernamesWithRole(String role, int max) {
    JsonNode users = call(() -> authorized(http.get().uri(
        "/admin/realms/{realm}/roles/{role}/users?first=0&max={max}&briefRepresentation=true", keycloak.realm(), role,
        max)).retrieve().body(JsonNode.class));
    List<String> names = new ArrayList<>();
    users.forEach(u -> names.add(u.path("username").asText()));
    return names;
  }

  /** Usernames holding a realm role as members of a group that has it (subgroups of such a group left out), at most {@code max} per group. */
  List<String> usernamesWithRoleThroughGroups(String role, int max) {
    List<String> names = new ArrayList<>();
    JsonNode groups = call(() -> authorized(http.get().uri(
        "/admin/realms/{realm}/roles/{role}/groups?first=0&max={max}&briefRepresentation=true", keycloak.realm(), role,
        max)).retrieve().body(JsonNode.class));
    for (JsonNode group : groups) {
      JsonNode members = call(() -> authorized(http.get().uri(
          "/admin/realms/{realm}/groups/{id}/members?first=0&max={max}&briefRepresentation=true", keycloak.realm(),
          group.path("id").asText(), max)).retrieve().body(JsonNode.class));
      members.forEach(u -> names.add(u.path("username").asText()));
    }
    return names;
  }

  /** The realm roles mapped to the user directly. */
  List<JsonNode> realmRolesOf(String userId) {
    JsonNode roles = call(() -> authorized(http.get().uri(
        "/admin/realms/{realm}/users/{id}/role-mappings/realm", keycloak.realm(), userId))
        .retrieve().body(JsonNode.class));
    List<JsonNode> list = new ArrayList<>();
    roles.forEach(list::add);
    return list;
  }

  /** The user's effective realm roles: direct ones, those of their groups, and what composite roles contain. */
  List<JsonNode> effectiveRealmRolesOf(String userId) {
    return list("/admin/realms/{realm}/users/{id}/role-mappings/realm/composite", userId);
  }

  /** The groups the user is a member of (id, name, path). */
  List<JsonNode> groupsOf(String userId) {
    return list("/admin/realms/{realm}/users/{id}/groups?briefRepresentation=true", userId);
  }

  /** A group's effective realm roles (its own and what composite roles contain). */
  List<JsonNode> effectiveRealmRolesOfGroup(String groupId) {
    return list("/admin/realms/{realm}/groups/{id}/role-mappings/realm/composite", groupId);
  }

  private List<JsonNode> list(String uri, String id) {
    JsonNode found = call(() -> authorized(http.get().uri(uri, keycloak.realm(), id)).retrieve().body(JsonNode.class));
    List<JsonNode> list = new ArrayList<>();
    found.forEach(list::add);
    return list;
  }

  /** A realm role's representation (id and name), as role mappings want it. */
  JsonNode role(String name) {
    return call(() -> authorized(http.get().uri("/admin/realms/{realm}/roles/{role}", keycloak.realm(), name))
        .retrieve().body(JsonNode.class));
  }

  /** Replaces the user with the representation (read before, then changed). */
  void update(ObjectNode user) {
    call(() -> authorized(http.put().uri("/admin/realms/{realm}/users/{id}", keycloak.realm(), user.path("id").asText()))
        .contentType(MediaType.APPLICATION_JSON).body(user).retrieve().toBodilessEntity());
  }

  void addRealmRoles(String userId, List<JsonNode> roles) {
    if (!roles.isEmpty()) {
      call(() -> authorized(http.post().uri("/admin/realms/{realm}/users/{id}/role-mappings/realm", keycloak.realm(), userId))
          .contentType(MediaType.APPLICATION_JSON).body(roles).retrieve().toBodilessEntity());
    }
  }

  void removeRealmRoles(String userId, List<JsonNode> roles) {
    if (!roles.isEmpty()) {
      call(() -> authorized(http.method(HttpMethod.DELETE)
          .uri("/admin/realms/{realm}/users/{id}/role-mappings/realm", keycloak.realm(), userId))
          .contentType(MediaType.APPLICATION_JSON).body(roles).retrieve().toBodilessEntity());
    }
  }

  private <S extends RestClient.RequestHeadersSpec<?>> S authorized(S spec) {
    spec.header("Authorization", "Bearer " + token());
    return spec;
  }

  private synchronized String token() {
    Instant now = clock.instant();
    if (token != null && now.isBefore(tokenExpires)) {
      return token;
    }
    LinkedMultiValueMap<String, String> form = new LinkedMultiValueMap<>();
    form.add("grant_type", "client_credentials");
    JsonNode answer;
    try {
      answer = call(() -> http.post()
          .uri("/realms/{realm}/protocol/openid-connect/token", keycloak.realm())
          .headers(h -> h.setBasicAuth(admin.clientId(), admin.clientSecret()))
          .contentType(MediaType.APPLICATION_FORM_URLENCODED).body(form)
          .retrieve().body(JsonNode.class));
    } catch (UserFacingException e) {
      throw e instanceof KeycloakUnavailableException ? e : new KeycloakUnavailableException(e);
    }
    token = answer.path("access_token").asText();
    // renew half a minute early, so that a token never runs out during a call
    tokenExpires = now.plusSeconds(Math.max(0, answer.path("expires_in").asLong(60) - 30));
    return token;
  }

  private <T> T call(Supplier<T> request) {
    try {
      return request.get();
    } catch (HttpClientErrorException.NotFound e) {
      // a user or role that is not there (the realm itself is there: the token came from it)
      throw UserFacingException.notFound();
    } catch (RestClientResponseException e) {
      HttpStatusCode status = e.getStatusCode();
      if (status.value() == 401) {
        token = null; // a revoked or expired token: the next call fetches a new one
      }
      log.error("Keycloak admin API answered {} (service account {}): {}", status, admin.clientId(),
          e.getResponseBodyAsString());
      throw new KeycloakUnavailableException(e);
    } catch (RestClientException e) {
      log.warn("Keycloak admin API unreachable at {}: {}", keycloak.url(), e.toString());
      throw new KeycloakUnavailableException(e);
    }
  }
}
