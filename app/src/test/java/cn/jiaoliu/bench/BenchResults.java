package cn.jiaoliu.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a run found, written to {@code RESULTS.md}: first the figures issue 19 asks for, one a
 * line under the issue's own names, each with its target beside it ({@code B2 p99 ms: 37.5
 * (target ≤ 50)}; a figure this run did not measure says so), then the other figures and the
 * notes. The targets are written here, never asserted.
 */
final class BenchResults {

  private static final Logger LOG = LoggerFactory.getLogger(BenchResults.class);

  /** The figures in its order, each with its target as RESULTS.md shows it. */
  static final Map<String, String> TARGETS = targets();

  private final Map<String, String> figures = new LinkedHashMap<>();
  private final List<String> notes = new ArrayList<>();
  private final Path file;
  private final String header;

  BenchResults(Path file, String header) {
    this.file = file;
    this.header = header;
  }

  private static Map<String, String> targets() {
    Map<String, String> targets = new LinkedHashMap<>();
    targets.put("B1 ratio", "≥ 0.7");
    targets.put("B2 open tasks", "1,000,000");
    targets.put("B2 completed tasks", "10,000,000");
    targets.put("B2 p99 ms", "≤ 50");
    targets.put("B3 assignments", "100,000");
    targets.put("B3 seconds", "none of its own: B3 ratio ≥ 0.8");
    targets.put("B3 ratio", "≥ 0.8");
    targets.put("B3 missing", "0");
    targets.put("B3 duplicated", "0");
    targets.put("B4 heap MB", "≤ 512");
    targets.put("B5 open tasks", "100,000");
    targets.put("B5 broker share %", "≤ 5");
    targets.put("B6 first byte ms", "≤ 300");
    targets.put("B6 page ms", "≤ 300");
    return targets;
  }

  void put(String name, String value) {
    figures.put(name, value);
  }

  void put(String name, long value) {
    figures.put(name, Long.toString(value));
  }

  String get(String name) {
    return figures.get(name);
  }

  void note(String note) {
    notes.add(note);
  }

  static String twoDecimals(double value) {
    return String.format(Locale.ROOT, "%.2f", value);
  }

  static String millis(long nanos) {
    return String.format(Locale.ROOT, "%.1f", nanos / 1e6);
  }

  /** The whole file as it stands, written again after each part so that a failed run keeps what it measured. */
  void write() throws IOException {
    StringBuilder text = new StringBuilder("# Benchmark results\n\n").append(header.replace("{time}",
        OffsetDateTime.now(ZoneOffset.UTC).withNano(0).toString())).append("\n\n");
    TARGETS.forEach((name, target) -> text.append(name).append(": ")
        .append(figures.getOrDefault(name, "not measured in this run")).append(" (target ").append(target).append(")\n"));
    List<String> others = figures.keySet().stream().filter(name -> !TARGETS.containsKey(name)).toList();
    if (!others.isEmpty()) {
      text.append("\nFurther figures (no target):\n\n");
      others.forEach(name -> text.append(name).append(": ").append(figures.get(name)).append("\n"));
    }
    if (!notes.isEmpty()) {
      text.append("\n");
      notes.forEach(note -> text.append("- ").append(note).append("\n"));
    }
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, text.toString(), StandardCharsets.UTF_8);
    LOG.info("Results so far:\n{}", text);
  }
}
