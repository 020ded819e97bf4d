package cn.jiaoliu.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessesTest {

  @TempDir Path dir;

  @Test
  void aPortSomeoneListensOnIsNotFree() throws IOException {
    try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      assertThat(Processes.portFree(busy.getLocalPort())).isFalse();
    }
    int freed;
    try (ServerSocket once = new ServerSocket(0)) {
      freed = once.getLocalPort();
    }
    assertThat(Processes.portFree(freed)).isTrue();
  }

  @Test
  void aDistributionIsUnpackedOnceWithoutItsTopFolder() throws IOException {
    Path source = Files.createDirectories(dir.resolve("src/demo-dist-1.0/bin"));
    Files.writeString(source.resolve("start"), "echo started\n");
    Path archive = dir.resolve("demo-dist-1.0.tar.gz");
    Processes.run(List.of("tar", "-czf", archive.toString(), "-C", dir.resolve("src").toString(), "demo-dist-1.0"), dir);

    Path unpacked = Processes.extractOnce(archive, dir.resolve("dists"));
    Files.writeString(unpacked.resolve("bin/start"), "changed by a run\n");
    Path again = Processes.extractOnce(archive, dir.resolve("dists"));

    assertThat(unpacked).isEqualTo(dir.resolve("dists/demo-dist-1.0"));
    assertThat(again).isEqualTo(unpacked);
    assertThat(Files.readString(again.resolve("bin/start"))).as("not unpacked a second time").isEqualTo("changed by a run\n");
  }

  @Test
  void aStoppedTreeIsGone() throws IOException {
    Process sleeper = new ProcessBuilder("sleep", "60").start();

    Processes.stopTree("sleep", sleeper);

    assertThat(sleeper.isAlive()).isFalse();
  }
}
