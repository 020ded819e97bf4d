package cn.jiaoliu.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.jiaoliu.devstack.Processes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The harness itself: the real broker answers and Keycloak issues tokens with the realm's claims. */
class InfrastructureIT {

  private final Infrastructure infrastructure = Infrastructure.get();

  @Test
  void brokerAnswersOnItsManagementPort() throws Exception {
    HttpResponse<String> health =
        Processes.httpGet(URI.create(infrastructure.zeebeManagementUrl() + "/actuator/health"));

    assertEquals(200, health.statusCode(), health.body());
    assertTrue(health.body().contains("\"status\":\"UP\""), health.body());
  }

  @Test
  void theBrokerAndKeycloakListenOnLoopbackOnly() throws Exception {
    List<Integer> ports = new ArrayList<>(infrastructure.broker().ports());
    ports.add(infrastructure.keycloak().httpPort());

    for (int port : ports) {
      Set<String> addresses = listeningAddresses(port);
      assertTrue(!addresses.isEmpty(), "nothing listens on port " + port);
      assertTrue(Set.of("127.0.0.1", "::1").containsAll(addresses), "port " + port + " listens on " + addresses);
    }
  }

  /** The local addresses of the sockets listening on the port, from the kernel's tables (no traffic). */
  private static Set<String> listeningAddresses(int port) throws Exception {
    Set<String> addresses = new HashSet<>();
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      List<String> lines = Files.readAllLines(Path.of(table));
      for (String line : lines.subList(1, lines.size())) {
        String[] fields = line.trim().split("\\s+");
        String[] local = fields[1].split(":");
        if (fields[3].equals("0A") && Integer.parseInt(local[1], 16) == port) {
          addresses.add(address(local[0]));
        }
      }
    }
    return addresses;
  }

  /** /proc/net's hex address: IPv4 in little-endian words; IPv4-mapped IPv6 as IPv4; "::" and "::1" by name. */
  private static String address(String hex) {
    String ipv4 = hex.length() == 8 ? hex : hex.startsWith("0000000000000000FFFF0000") ? hex.substring(24) : null;
    if (ipv4 != null) {
      return Integer.parseInt(ipv4.substring(6, 8), 16) + "." + Integer.parseInt(ipv4.substring(4, 6), 16) + "."
          + Integer.parseInt(ipv4.substring(2, 4), 16) + "." + Integer.parseInt(ipv4.substring(0, 2), 16);
    }
    return switch (hex) {
      case "00000000000000000000000000000000" -> "::";
      case "00000000000000000000000001000000" -> "::1";
      default -> hex;
    };
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
