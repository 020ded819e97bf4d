package cn.jiaoliu.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The harness itself: the real broker answers and Keycloak issues tokens with the realm's claims. */
class InfrastructureIT {

  private final Infrastructure infrastructure = Infrastructure.get();

  @Test
  void brokerAnswersOnItsManagementPort() throws Exception {
    HttpResponse<String> health =
        Infrastructure.httpGet(URI.create(infrastructure.zeebeManagementUrl() + "/actuator/health"));

    assertEquals(200, health.statusCode(), health.body());
    assertTrue(health.body().contains("\"status\":\"UP\""), health.body());
  }

  @Test
  void keycloakIssuesTokensWithTheSchoolCode() throws Exception {
    String token = infrastructure.tokenFor("teacher.zhang", "demo");

    String[] parts = token.split("\\.");
    assertEquals(3, parts.length, "a JWT has three parts");
    JsonNode payload = new ObjectMapper()
        .readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
    assertEquals("LC-U01", payload.path("school_code").asText(), payload.toString());
    assertEquals(infrastructure.issuerUri(), payload.path("iss").asText(), payload.toString());
    assertEquals("teacher.zhang", payload.path("preferred_username").asText(), payload.toString());
  }
}
