package cn.jiaoliu.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunLocalTest {

  @TempDir Path root;

  @Test
  void theAppIsRebuiltWhenAPomOrAModulesSourceIsNewerThanItsJar() throws IOException {
    Files.writeString(root.resolve("pom.xml"), "<project/>");
    Path source = Files.createDirectories(root.resolve("app/src/main/java")).resolve("App.java");
    Files.writeString(root.resolve("app/pom.xml"), "<project/>");
    Files.writeString(source, "class App {}");
    Files.createDirectories(root.resolve(".jiaoliu/logs")); // state is never a reason to rebuild
    Files.writeString(root.resolve(".jiaoliu/logs/app.log"), "log");
    long built = System.currentTimeMillis();
    for (Path file : new Path[] {root.resolve("pom.xml"), root.resolve("app/pom.xml"), source,
        root.resolve(".jiaoliu/logs/app.log")}) {
      Files.setLastModifiedTime(file, FileTime.fromMillis(built - 60_000));
    }
    RunLocal run = new RunLocal(root, Map.of());

    assertThat(run.newerThan(built)).isNull();

    Files.setLastModifiedTime(source, FileTime.fromMillis(built + 1_000));
    assertThat(run.newerThan(built)).isEqualTo(source);
  }
}
