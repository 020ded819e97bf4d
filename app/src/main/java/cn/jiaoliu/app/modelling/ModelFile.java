package cn.jiaoliu.app.modelling;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** One file of a deployment as uploaded: its name and bytes (BPMN, DMN or a Camunda Form). */
public record ModelFile(String name, byte[] content) {

  public Kind kind() {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.endsWith(".bpmn") ? Kind.BPMN : lower.endsWith(".dmn") ? Kind.DMN
        : lower.endsWith(".form") ? Kind.FORM : Kind.OTHER;
  }

  public String text() {
    return new String(content, StandardCharsets.UTF_8);
  }

  public enum Kind { BPMN, DMN, FORM, OTHER }
}
