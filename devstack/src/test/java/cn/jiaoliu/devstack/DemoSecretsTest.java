package cn.jiaoliu.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoSecretsTest {

  @TempDir Path state;

  @Test
  void theFirstRunMakesThreeSecretsReadableByItsOwnerOnlyAndTheNextRunReadsThem() throws IOException {
    Path file = state.resolve("secrets");

    DemoSecrets made = DemoSecrets.ofInstallation(file, false);

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(made.clientSecret()).hasSize(43).isNotEqualTo(made.adminClientSecret());
    assertThat(made.consolePassword()).hasSize(43);
    assertThat(DemoSecrets.ofInstallation(file, true)).isEqualTo(made);
    assertThat(made.keycloakEnvironment()).containsEntry("JIAOLIU_KEYCLOAK_CLIENT_SECRET", made.clientSecret())
        .containsKey("KC_BOOTSTRAP_ADMIN_PASSWORD");
    assertThat(made.appEnvironment()).doesNotContainKey("KC_BOOTSTRAP_ADMIN_PASSWORD");
  }

  @Test
  void aKeycloakDatabaseWithoutItsSecretsFileIsRefusedAndNothingIsWritten() {
    Path file = state.resolve("secrets");

    assertThatThrownBy(() -> DemoSecrets.ofInstallation(file, true))
        .isInstanceOf(RunLocal.Failure.class).hasMessageContaining("--reset");
    assertThat(file).doesNotExist();
  }

  @Test
  void anIncompleteFileIsRefused() throws IOException {
    Path file = Files.writeString(state.resolve("secrets"), "JIAOLIU_KEYCLOAK_CLIENT_SECRET=abc\n");

    assertThatThrownBy(() -> DemoSecrets.ofInstallation(file, true))
        .isInstanceOf(RunLocal.Failure.class).hasMessageContaining("incomplete");
  }
}
