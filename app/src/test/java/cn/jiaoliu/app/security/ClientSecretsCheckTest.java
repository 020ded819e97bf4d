package cn.jiaoliu.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.mock.env.MockEnvironment;

/** The app starts only with real Keycloak client secrets: the repository ships none. */
class ClientSecretsCheckTest {

  private static final String GENERATED = "q3V7wY0bXn2rT8sLkP4mZ1aJ6dF9hC5e";

  @Test
  void theShippedConfigurationHoldsNoSecretSoTheAppRefusesToStartWithIt() throws IOException {
    StandardEnvironment environment = new StandardEnvironment();
    environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
    new YamlPropertySourceLoader().load("application.yaml", new ClassPathResource("application.yaml"))
        .forEach(environment.getPropertySources()::addLast);

    assertThatThrownBy(() -> new ClientSecretsCheck(environment))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("jiaoliu.keycloak.client-secret")
        .hasMessageContaining("JIAOLIU_KEYCLOAK_CLIENT_SECRET")
        .hasMessageContaining("is not set");
  }

  @Test
  void theAdminClientsSecretIsCheckedAndNamedToo() {
    MockEnvironment environment = new MockEnvironment()
        .withProperty("jiaoliu.keycloak.client-secret", GENERATED);

    assertThatThrownBy(() -> new ClientSecretsCheck(environment))
        .hasMessageContaining("jiaoliu.keycloak.admin.client-secret")
        .hasMessageContaining("JIAOLIU_KEYCLOAK_ADMIN_CLIENT_SECRET");
  }

  @Test
  void placeholdersAndShortHandTypedValuesAreRefused() {
    assertThat(ClientSecretsCheck.problemWith(null)).isEqualTo("is not set");
    assertThat(ClientSecretsCheck.problemWith("  ")).isEqualTo("is not set");
    assertThat(ClientSecretsCheck.problemWith("${JIAOLIU_KEYCLOAK_CLIENT_SECRET}")).contains("placeholder");
    assertThat(ClientSecretsCheck.problemWith("changeme")).contains("shorter than 16");
    assertThat(ClientSecretsCheck.problemWith("demo-secret")).contains("shorter than 16");
    assertThat(ClientSecretsCheck.problemWith("jiaoliu-app-demo-value")).contains("\"demo\"");
    assertThat(ClientSecretsCheck.problemWith("my-client-Secret-2026")).contains("\"secret\"");
    assertThat(ClientSecretsCheck.problemWith("please-change-me-now")).contains("\"change\"");
  }

  @Test
  void generatedSecretsAreAccepted() {
    MockEnvironment environment = new MockEnvironment()
        .withProperty("jiaoliu.keycloak.client-secret", GENERATED)
        .withProperty("jiaoliu.keycloak.admin.client-secret", GENERATED.toUpperCase());

    new ClientSecretsCheck(environment);
    assertThat(ClientSecretsCheck.problemWith(GENERATED)).isNull();
  }
}
