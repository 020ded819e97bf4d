package cn.jiaoliu.app.forms;

import java.math.BigDecimal;
import java.util.List;

/**
 * One component of a Camunda Form (form-js schema), as far as Jiaoliu reads it: an input with its
 * key and rules, a container (group, dynamic list) with its children, or a text to show.
 *
 * @param path the data path of an input (group path and key, dot-separated) or of a container
 *     ({@code path}); null for a group without a path and for texts
 */
public record FormComponent(
    String type,
    String id,
    String key,
    String path,
    String label,
    String labelEn,
    String description,
    Object defaultValue,
    boolean readonly,
    Rules rules,
    List<Option> values,
    String valuesKey,
    String subtype,
    String text,
    Integer decimalDigits,
    Integer defaultRepetitions,
    boolean disallowPassedDates,
    String timeFormat,
    List<FormComponent> components) {

  /** The input types Jiaoliu shows and checks. */
  static final List<String> INPUTS =
      List.of("textfield", "textarea", "number", "datetime", "select", "radio", "checkbox", "checklist", "taglist");

  /** Components that hold others. */
  static final List<String> CONTAINERS = List.of("group", "dynamiclist");

  /** Components that only show something. */
  static final List<String> DISPLAYS = List.of("text", "separator", "spacer");

  public boolean input() {
    return INPUTS.contains(type);
  }

  /** Whether the value is a list of chosen options. */
  boolean multiple() {
    return type.equals("checklist") || type.equals("taglist");
  }

  /** Whether the value is one of the options. */
  boolean choice() {
    return type.equals("select") || type.equals("radio") || multiple();
  }

  /** The label in the reader's language: the English custom property {@code label_en} where given. */
  public String label(boolean english) {
    return english && labelEn != null && !labelEn.isBlank() ? labelEn : label;
  }

  /** A form-js validation block; null where the form sets no rule. */
  public record Rules(boolean required, Integer minLength, Integer maxLength, BigDecimal min,
      BigDecimal max, String pattern, String validationType) {
    static final Rules NONE = new Rules(false, null, null, null, null, null, null);
  }

  /** An option of a select, radio, checklist or tag list: what it reads and the value it stands for. */
  public record Option(String label, Object value) {
    public String valueText() {
      return String.valueOf(value);
    }
  }
}
