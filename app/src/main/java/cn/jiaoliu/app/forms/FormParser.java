package cn.jiaoliu.app.forms;

import cn.jiaoliu.app.forms.FormComponent.Option;
import cn.jiaoliu.app.forms.FormComponent.Rules;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads form-js JSON into a {@link FormSchema} and says what in it Jiaoliu cannot honour: a
 * component it does not show (a file picker, an HTML block), a FEEL expression (conditions,
 * computed options or labels), an input without a key, a key used twice, a pattern that is no
 * regular expression. A form with problems is refused when a model is uploaded, never shown half.
 */
final class FormParser {

  /** form-js components that submit nothing and need no drawing of ours (the page has its own button). */
  private static final Set<String> IGNORED = Set.of("button");
  /** The deepest nesting of groups and lists we read; form-js itself draws a few levels. */
  private static final int MAX_DEPTH = 8;

  private final ObjectMapper json;

  FormParser(ObjectMapper json) {
    this.json = json;
  }

  record Parsed(FormSchema schema, List<FormProblem> problems) {}

  Parsed parse(String text) {
    JsonNode root;
    try {
      root = json.readTree(text);
    } catch (Exception e) {
      return new Parsed(new FormSchema(null, List.of()), List.of(new FormProblem("form.problem.notJson")));
    }
    if (root == null || !root.isObject() || !root.path("components").isArray()) {
      return new Parsed(new FormSchema(null, List.of()), List.of(new FormProblem("form.problem.notForm")));
    }
    List<FormProblem> problems = new ArrayList<>();
    Set<String> paths = new HashSet<>();
    List<FormComponent> components = components(root.path("components"), null, problems, paths, 0);
    return new Parsed(new FormSchema(textOrNull(root.path("id")), components), List.copyOf(problems));
  }

  private List<FormComponent> components(JsonNode array, String prefix, List<FormProblem> problems, Set<String> paths,
      int depth) {
    List<FormComponent> found = new ArrayList<>();
    if (depth > MAX_DEPTH) {
      problems.add(new FormProblem("form.problem.tooDeep", MAX_DEPTH));
      return found;
    }
    for (JsonNode node : array) {
      String type = node.path("type").asText("");
      String name = name(node);
      if (IGNORED.contains(type)) {
        continue;
      }
      if (!FormComponent.INPUTS.contains(type) && !FormComponent.CONTAINERS.contains(type)
          && !FormComponent.DISPLAYS.contains(type)) {
        problems.add(new FormProblem("form.problem.unsupported", type, name));
        continue;
      }
      if (node.has("conditional")) {
        problems.add(new FormProblem("form.problem.conditional", name));
      }
      for (String field : List.of("label", "text", "readonly", "disabled", "description", "valuesExpression")) {
        if (node.path(field).isTextual() && node.path(field).asText().startsWith("=")
            || field.equals("valuesExpression") && node.has(field)) {
          problems.add(new FormProblem("form.problem.expression", name, field));
        }
      }
      String key = textOrNull(node.path("key"));
      String path = null;
      if (FormComponent.INPUTS.contains(type)) {
        if (key == null || !key.matches("[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)*")) {
          problems.add(new FormProblem("form.problem.badKey", name, key == null ? "" : key));
          continue;
        }
        path = prefix == null ? key : prefix + "." + key;
        if (!paths.add(path)) {
          problems.add(new FormProblem("form.problem.duplicateKey", path));
        }
      } else if (FormComponent.CONTAINERS.contains(type)) {
        String own = textOrNull(node.path("path"));
        if (type.equals("dynamiclist") && own == null) {
          problems.add(new FormProblem("form.problem.listWithoutPath", name));
          continue;
        }
        path = own == null ? prefix : prefix == null ? own : prefix + "." + own;
      }
      Rules rules = rules(node.path("validate"), name, problems);
      List<Option> values = options(node.path("values"));
      if (FormComponent.INPUTS.contains(type) && List.of("select", "radio", "checklist", "taglist").contains(type)
          && values.isEmpty() && textOrNull(node.path("valuesKey")) == null) {
        problems.add(new FormProblem("form.problem.noOptions", name));
      }
      List<FormComponent> children = FormComponent.CONTAINERS.contains(type)
          // a dynamic list's children are relative to each item; a group's continue its path
          ? components(node.path("components"), type.equals("dynamiclist") ? null : path, problems,
              type.equals("dynamiclist") ? new HashSet<>() : paths, depth + 1)
          : List.of();
      found.add(new FormComponent(type, textOrNull(node.path("id")), key, path, textOrNull(node.path("label")),
          textOrNull(node.path("properties").path("label_en")), textOrNull(node.path("description")),
          scalar(node.path("defaultValue")), node.path("readonly").asBoolean(false) || node.path("disabled").asBoolean(false),
          rules, values, textOrNull(node.path("valuesKey")), textOrNull(node.path("subtype")),
          textOrNull(node.path("text")), node.has("decimalDigits") ? node.path("decimalDigits").asInt() : null,
          node.has("defaultRepetitions") ? node.path("defaultRepetitions").asInt() : null,
          node.path("disallowPassedDates").asBoolean(false), textOrNull(node.path("timeSerializingFormat")),
          children));
    }
    return found;
  }

  private static Rules rules(JsonNode v, String name, List<FormProblem> problems) {
    if (v.isMissingNode() || v.isNull()) {
      return Rules.NONE;
    }
    String pattern = textOrNull(v.path("pattern"));
    if (pattern != null) {
      try {
        Pattern.compile(pattern);
      } catch (PatternSyntaxException e) {
        problems.add(new FormProblem("form.problem.badPattern", name));
        pattern = null;
      }
    }
    return new Rules(v.path("required").asBoolean(false), integer(v.path("minLength")), integer(v.path("maxLength")),
        decimal(v.path("min")), decimal(v.path("max")), pattern, textOrNull(v.path("validationType")));
  }

  private static List<Option> options(JsonNode values) {
    List<Option> options = new ArrayList<>();
    for (JsonNode o : values) {
      Object value = scalar(o.path("value"));
      if (value != null) {
        options.add(new Option(o.path("label").asText(String.valueOf(value)), value));
      }
    }
    return List.copyOf(options);
  }

  private static String name(JsonNode node) {
    String label = textOrNull(node.path("label"));
    String key = textOrNull(node.path("key"));
    return label != null ? label : key != null ? key : node.path("id").asText(node.path("type").asText("?"));
  }

  static Object scalar(JsonNode node) {
    if (node.isTextual()) {
      return node.asText();
    }
    if (node.isBoolean()) {
      return node.asBoolean();
    }
    if (node.isIntegralNumber() && node.canConvertToLong()) {
      return node.asLong();
    }
    if (node.isNumber()) {
      return node.decimalValue();
    }
    return null;
  }

  private static Integer integer(JsonNode node) {
    if (node.isNumber()) {
      return Integer.valueOf(node.asInt());
    }
    return node.isTextual() && node.asText().matches("\\d{1,9}") ? Integer.valueOf(node.asText()) : null;
  }

  private static BigDecimal decimal(JsonNode node) {
    if (node.isNumber()) {
      return node.decimalValue();
    }
    try {
      return node.isTextual() ? new BigDecimal(node.asText()) : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String textOrNull(JsonNode node) {
    return node.isTextual() && !node.asText().isBlank() ? node.asText() : null;
  }
}
