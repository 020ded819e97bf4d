package cn.jiaoliu.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrokerVersionTest {

  @TempDir Path repo;

  private Path archive(String version) throws IOException {
    Path file = Files.createDirectories(repo.resolve("io/camunda/camunda-zeebe").resolve(version))
        .resolve("camunda-zeebe-" + version + ".tar.gz");
    Files.writeString(file, "tar");
    return file;
  }

  @Test
  void withoutZeebeVersionTheBuildsDistributionStarts() throws IOException {
    Path build = archive("8.6.0");

    assertThat(BrokerVersion.choose(build, "8.6.0", "")).isEqualTo(new BrokerVersion("8.6.0", build));
    assertThat(BrokerVersion.choose(build, "8.6.0", "8.6.0")).isEqualTo(new BrokerVersion("8.6.0", build));
  }

  @Test
  void anotherVersionIsTakenFromBesideTheBuildsInTheLocalRepository() throws IOException {
    Path build = archive("8.6.0");
    Path older = archive("8.5.8");

    assertThat(BrokerVersion.choose(build, "8.6.0", " 8.5.8 ")).isEqualTo(new BrokerVersion("8.5.8", older));
  }

  @Test
  void aVersionNotFetchedSaysHowToFetchIt() throws IOException {
    Path build = archive("8.6.0");

    assertThatThrownBy(() -> BrokerVersion.choose(build, "8.6.0", "8.5.7"))
        .isInstanceOf(RunLocal.Failure.class)
        .hasMessageContaining("dependency:get -Dartifact=io.camunda:camunda-zeebe:8.5.7:tar.gz");
    assertThatThrownBy(() -> BrokerVersion.choose(build, "8.6.0", "../8.6.0"))
        .isInstanceOf(RunLocal.Failure.class)
        .hasMessageContaining("not a version");
  }

  @Test
  void versionsCompareNumerically() {
    assertThat(BrokerVersion.compare("8.5.8", "8.6.0")).isNegative();
    assertThat(BrokerVersion.compare("8.10.0", "8.6.0")).isPositive();
    assertThat(BrokerVersion.compare("8.6.0", "8.6.0")).isZero();
    assertThat(BrokerVersion.compare("8.6.0-alpha1", "8.6")).isZero();
  }

  @Test
  void aNewerBrokerTakesOverOlderDataButNeverTheReverse(@TempDir Path state) throws IOException {
    Path build = archive("8.6.0");
    BrokerVersion v85 = BrokerVersion.choose(build, "8.6.0", archiveAnd("8.5.8"));
    BrokerVersion v86 = BrokerVersion.choose(build, "8.6.0", "");

    v85.claimData(state, "8.6.0"); // no data yet: any version may start
    Files.writeString(Files.createDirectories(state.resolve("data/raft-partition")).resolve("log"), "x");
    v85.claimData(state, "8.6.0"); // its own data
    v86.claimData(state, "8.6.0"); // upgraded
    assertThat(Files.readString(state.resolve(BrokerVersion.DATA_VERSION_FILE))).isEqualTo("8.6.0\n");

    assertThatThrownBy(() -> v85.claimData(state, "8.6.0"))
        .isInstanceOf(RunLocal.Failure.class)
        .hasMessageContaining("written by Zeebe 8.6.0")
        .hasMessageContaining("--reset");
    assertThat(Files.readString(state.resolve(BrokerVersion.DATA_VERSION_FILE))).isEqualTo("8.6.0\n");
  }

  @Test
  void dataFromBeforeVersionsWereRecordedIsTheBuildsVersions(@TempDir Path state) throws IOException {
    Path build = archive("8.6.0");
    Files.writeString(Files.createDirectories(state.resolve("data")).resolve("log"), "x");

    assertThatThrownBy(() -> BrokerVersion.choose(build, "8.6.0", archiveAnd("8.5.8")).claimData(state, "8.6.0"))
        .isInstanceOf(RunLocal.Failure.class);
    BrokerVersion.choose(build, "8.6.0", "").claimData(state, "8.6.0");
  }

  private String archiveAnd(String version) throws IOException {
    archive(version);
    return version;
  }
}
