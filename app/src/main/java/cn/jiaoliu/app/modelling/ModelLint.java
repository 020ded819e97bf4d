package cn.jiaoliu.app.modelling;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.FileSystemUtils;

/**
 * bpmnlint with the camunda-compat plug-in over an upload's BPMN, where the server has Node and the
 * linter ({@code jiaoliu.modelling.bpmnlint-home}: a directory whose {@code node_modules} holds
 * bpmnlint, bpmnlint-plugin-camunda-compat and zeebe-bpmn-moddle, such as the processes module's
 * after a build). The rules ({@code modelling/upload.bpmnlintrc}): what the 8.6 engine supports, and
 * a model's shape (start and end events, no doubled flows). Without the linter the upload
 * is checked by the model API and Jiaoliu's own rules only, as the log says at start.
 */
@Component
class ModelLint {

  private static final Logger log = LoggerFactory.getLogger(ModelLint.class);
  private static final Pattern FINDING = Pattern.compile("^\\s+(\\S+)\\s+(error|warning)\\s+(.+?)\\s{2,}(\\S+)\\s*$");
  private static final long TIMEOUT_SECONDS = 30;

  private final Path home;

  ModelLint(@Value("${jiaoliu.modelling.bpmnlint-home:}") String home) {
    Path found = home == null || home.isBlank() ? null : Path.of(home).toAbsolutePath().normalize();
    this.home = found != null && Files.isRegularFile(found.resolve("node_modules/bpmnlint/bin/bpmnlint.js")) ? found
        : null;
    if (this.home == null) {
      log.info("bpmnlint is not configured (jiaoliu.modelling.bpmnlint-home): uploads are checked by the BPMN model"
          + " API and Jiaoliu's own rules");
    }
  }

  boolean available() {
    return home != null;
  }

  /** What bpmnlint finds in the BPMN files, each where (file and element) and why; empty without the linter. */
  List<ModelProblem> lint(List<ModelFile> files) {
    List<ModelFile> bpmn = files.stream().filter(f -> f.kind() == ModelFile.Kind.BPMN).toList();
    if (home == null || bpmn.isEmpty()) {
      return List.of();
    }
    Path dir = null;
    try {
      dir = Files.createTempDirectory("jiaoliu-lint");
      Path config = dir.resolve("upload.bpmnlintrc");
      try (InputStream rc = ModelLint.class.getResourceAsStream("/modelling/upload.bpmnlintrc")) {
        Files.write(config, rc.readAllBytes());
      }
      List<String> command = new ArrayList<>(List.of("node", home.resolve("node_modules/bpmnlint/bin/bpmnlint.js")
          .toString(), "-c", config.toString()));
      for (int i = 0; i < bpmn.size(); i++) {
        Path file = dir.resolve(i + ".bpmn");
        Files.write(file, bpmn.get(i).content());
        command.add(file.toString());
      }
      Process process = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true).start();
      byte[] output = process.getInputStream().readAllBytes();
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return List.of(new ModelProblem(null, "model.problem.lintFailed", "timeout"));
      }
      return findings(new String(output, StandardCharsets.UTF_8), dir, bpmn);
    } catch (IOException e) {
      log.warn("bpmnlint could not run: {}", e.toString());
      return List.of();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return List.of();
    } finally {
      if (dir != null) {
        try {
          FileSystemUtils.deleteRecursively(dir);
        } catch (IOException e) {
          log.debug("could not remove {}", dir);
        }
      }
    }
  }

  private static List<ModelProblem> findings(String output, Path dir, List<ModelFile> bpmn) {
    List<ModelProblem> problems = new ArrayList<>();
    String file = null;
    for (String line : output.split("\\R")) {
      if (line.startsWith(dir.toString())) {
        String name = Path.of(line.strip()).getFileName().toString();
        int index = Integer.parseInt(name.substring(0, name.indexOf('.')));
        file = bpmn.get(index).name();
        continue;
      }
      Matcher m = FINDING.matcher(line);
      if (m.matches()) {
        problems.add(new ModelProblem(file == null ? m.group(1) : file + " · " + m.group(1), "model.problem.lint",
            m.group(3), m.group(4)));
      }
    }
    return problems;
  }
}
