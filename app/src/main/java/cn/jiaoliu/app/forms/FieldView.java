package cn.jiaoliu.app.forms;

import java.util.List;
import java.util.Map;

/**
 * One component of a form as the page draws it: the input's name (its data path), its label in the
 * reader's language, its value and options, the HTML constraints that mirror the server's rules, its
 * error; a text's HTML; a group's children; a dynamic list's items and the blank item it adds.
 */
public record FieldView(
    String type,
    String name,
    String htmlId,
    String label,
    String description,
    boolean required,
    boolean readonly,
    String value,
    List<OptionView> options,
    String inputType,
    Map<String, Object> constraints,
    String error,
    Object[] errorArgs,
    String html,
    List<FieldView> children,
    List<List<FieldView>> items,
    List<FieldView> blankItem) {

  /** An option with whether it is chosen. */
  public record OptionView(String label, String value, boolean selected) {}

  public boolean hasError() {
    return error != null;
  }
}
