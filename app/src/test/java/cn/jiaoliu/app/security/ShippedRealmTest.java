package cn.jiaoliu.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The realm file as shipped (keycloak-config): no committed secret, no password grant, a password
 * policy, a lockout that resists spraying and a one-time code for admin and teaching-office. The
 * tests' Keycloak imports a copy with the password grant on (LocalKeycloak), so this is checked on
 * the file itself; KeycloakHardeningIT shows the rest working on a real Keycloak.
 */
class ShippedRealmTest {

  static final Path REALM_FILE = Path.of(System.getProperty("basedir", "."))
      .resolve("../keycloak-config/src/main/resources/keycloak/jiaoliu-realm.json").normalize();

  static JsonNode realm;

  @BeforeAll
  static void read() throws IOException {
    realm = new ObjectMapper().readTree(Files.readString(REALM_FILE));
  }

  @Test
  void clientSecretsComeFromTheEnvironmentAtImport() {
    assertThat(client("jiaoliu-app").path("secret").asText()).isEqualTo("${JIAOLIU_KEYCLOAK_CLIENT_SECRET}");
    assertThat(client("jiaoliu-admin").path("secret").asText()).isEqualTo("${JIAOLIU_KEYCLOAK_ADMIN_CLIENT_SECRET}");
  }

  @Test
  void theAdminServiceAccountHoldsOnlyWhatLinkingUses() {
    JsonNode account = user("service-account-jiaoliu-admin");
    List<String> roles = new ArrayList<>();
    account.path("clientRoles").path("realm-management").forEach(role -> roles.add(role.asText()));
    assertThat(roles).containsExactlyInAnyOrder("view-users", "manage-users", "view-realm");
    assertThat(account.path("realmRoles").toString()).doesNotContain("admin\"");
  }

  /**
   * Users cannot rename themselves: a principal's self-rename to "教育局局长" once flowed into her
   * opinions and archived PDFs. Names are edited by administrators only (and every signature keeps
   * the name it was signed with, TaskSignerNameTest).
   */
  @Test
  void usersCannotEditTheirOwnNames() throws IOException {
    String config = realm.path("components").path("org.keycloak.userprofile.UserProfileProvider").path(0)
        .path("config").path("kc.user.profile.config").path(0).asText();
    JsonNode attributes = new ObjectMapper().readTree(config).path("attributes");
    List<String> checked = new ArrayList<>();
    attributes.forEach(attribute -> {
      String name = attribute.path("name").asText();
      if (name.equals("firstName") || name.equals("lastName")) {
        assertThat(attribute.path("permissions").path("edit").toString()).as(name).isEqualTo("[\"admin\"]");
        checked.add(name);
      }
    });
    assertThat(checked).containsExactly("firstName", "lastName");
  }

  @Test
  void noClientAllowsThePasswordGrant() {
    assertThat(client("jiaoliu-app").path("directAccessGrantsEnabled").asBoolean(true)).isFalse();
    assertThat(client("admin-cli").path("directAccessGrantsEnabled").asBoolean(true)).isFalse();
    realm.path("clients").forEach(client ->
        assertThat(client.path("directAccessGrantsEnabled").asBoolean(false)).as(client.path("clientId").asText()).isFalse());
  }

  @Test
  void passwordsNeedTenCharactersOfFourClassesNotTheUsernameAndNotARecentOne() {
    String policy = realm.path("passwordPolicy").asText();
    Matcher length = Pattern.compile("(?:^| )length\\((\\d+)\\)").matcher(policy);
    assertThat(length.find()).as(policy).isTrue();
    assertThat(Integer.parseInt(length.group(1))).isGreaterThanOrEqualTo(8);
    assertThat(policy).contains("upperCase(1)", "lowerCase(1)", "digits(1)", "specialChars(1)", "notUsername",
        "passwordHistory(");
  }

  @Test
  void repeatedFailuresLockTheAccountForGrowingWaitsAndThenForGood() {
    assertThat(realm.path("bruteForceProtected").asBoolean()).isTrue();
    assertThat(realm.path("failureFactor").asInt()).isBetween(3, 5);
    assertThat(realm.path("bruteForceStrategy").asText()).isEqualTo("MULTIPLE");
    assertThat(realm.path("waitIncrementSeconds").asInt()).isGreaterThanOrEqualTo(60);
    assertThat(realm.path("maxFailureWaitSeconds").asInt()).isGreaterThanOrEqualTo(900);
    assertThat(realm.path("permanentLockout").asBoolean()).isTrue();
    assertThat(realm.path("maxTemporaryLockouts").asInt()).isBetween(1, 5);
  }

  @Test
  void adminAndTeachingOfficeLogInWithAOneTimeCode() {
    assertThat(realm.path("browserFlow").asText()).isEqualTo("jiaoliu browser");
    for (String role : List.of("admin", "teaching-office")) {
      assertThat(role(role).path("composites").path("realm").toString()).as(role).contains("\"two-factor\"");
    }
    JsonNode condition = null;
    for (JsonNode config : realm.path("authenticatorConfig")) {
      if (config.path("config").path("condUserRole").asText().equals("two-factor")) {
        condition = config;
      }
    }
    assertThat(condition).isNotNull();
    assertThat(condition.path("config").path("negate").asText()).isEqualTo("false");
    String flows = realm.path("authenticationFlows").toString();
    assertThat(flows).contains("\"authenticator\":\"conditional-user-role\",\"authenticatorConfig\":\""
        + condition.path("alias").asText() + "\"", "\"authenticator\":\"auth-otp-form\"");
    assertThat(realm.path("otpPolicyCodeReusable").asBoolean(true)).isFalse();
  }

  private static JsonNode client(String clientId) {
    for (JsonNode client : realm.path("clients")) {
      if (client.path("clientId").asText().equals(clientId)) {
        return client;
      }
    }
    throw new AssertionError("no client " + clientId);
  }

  private static JsonNode user(String username) {
    for (JsonNode user : realm.path("users")) {
      if (user.path("username").asText().equals(username)) {
        return user;
      }
    }
    throw new AssertionError("no user " + username);
  }

  private static JsonNode role(String name) {
    for (JsonNode role : realm.path("roles").path("realm")) {
      if (role.path("name").asText().equals(name)) {
        return role;
      }
    }
    throw new AssertionError("no role " + name);
  }
}
