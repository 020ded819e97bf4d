package cn.jiaoliu.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The app's modules (the direct sub-packages of {@code cn.jiaoliu.app}) keep their boundaries:
 * no cycles, nobody uses another module's internals. Writes their documentation to docs/modules.
 */
class ModularityTest {

  static final Path DOCS = Path.of("../docs/modules");

  private final ApplicationModules modules = ApplicationModules.of(JiaoliuApplication.class);

  @Test
  void modulesKeepTheirBoundaries() {
    modules.verify();
  }

  @Test
  void writesTheModuleDocumentation() throws IOException {
    new Documenter(modules, DOCS.toString())
        .writeModulesAsPlantUml()
        .writeIndividualModulesAsPlantUml()
        .writeModuleCanvases();
    try (Stream<Path> files = Files.list(DOCS)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".puml") || f.toString().endsWith(".adoc")).toList()) {
        Files.write(file, inStableOrder(Files.readAllLines(file, StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
      }
    }
  }

  /**
   * The documenter lists components, relations and beans in no fixed order; sorted within each run
   * of such lines, the files change only when the modules do.
   */
  static List<String> inStableOrder(List<String> lines) {
    List<String> out = new ArrayList<>();
    List<String> run = new ArrayList<>();
    String kind = null;
    for (String line : lines) {
      String lineKind = kindOf(line);
      if (lineKind == null || !lineKind.equals(kind) || line.startsWith("|")) {
        flush(run, out);
      }
      kind = lineKind;
      if (lineKind == null) {
        out.add(line.stripTrailing());
      } else {
        run.add(line.stripTrailing());
      }
    }
    flush(run, out);
    return out;
  }

  /** Sorts a run of lines; a table cell's "|" stays on whichever line comes first. */
  private static void flush(List<String> run, List<String> out) {
    boolean cell = !run.isEmpty() && run.getFirst().startsWith("|");
    if (cell) {
      run.set(0, run.getFirst().substring(1));
    }
    run.sort(null);
    if (cell) {
      run.set(0, "|" + run.getFirst());
    }
    out.addAll(run);
    run.clear();
  }

  private static String kindOf(String line) {
    String trimmed = line.strip();
    if (trimmed.startsWith("|* `")) {
      return "* `";
    }
    for (String prefix : List.of("Component(", "Rel(", "* `")) {
      if (trimmed.startsWith(prefix)) {
        return prefix;
      }
    }
    return null;
  }
}
