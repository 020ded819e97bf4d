package cn.jiaoliu.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The demo's cases fill two pages of the office's inbox (50 a page), one application per teacher. */
class DemoCasesFileTest {

  @Test
  void sixtyDistinctTeachersAndTheTwoPrincipalsWhoSign() throws IOException {
    List<String[]> lines;
    try (InputStream in = DemoCases.class.getResourceAsStream("/demo/cases.txt")) {
      lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
          .filter(l -> !l.isBlank() && !l.startsWith("#")).map(l -> l.strip().split("\\s+")).toList();
    }
    List<String[]> teachers = lines.stream().filter(f -> f[0].equals("teacher")).toList();
    assertThat(teachers).hasSizeGreaterThan(50).allSatisfy(f -> {
      assertThat(f).hasSize(5);
      assertThat(f[1]).startsWith("demo.seed.");
      assertThat(Integer.parseInt(f[4])).isBetween(0, 60);
    });
    assertThat(teachers.stream().map(f -> f[1]).distinct()).hasSameSizeAs(teachers);
    assertThat(teachers.stream().map(f -> f[2]).distinct()).hasSameSizeAs(teachers);
    assertThat(lines.stream().filter(f -> f[0].equals("principal")).map(f -> f[1] + "@" + f[3]))
        .containsExactly("principal.wang@LC-U01", "principal.liu@LC-R01");
  }
}
