package cn.jiaoliu.app.forms;

import cn.jiaoliu.app.forms.FormComponent.Option;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The options of a choice: the form's own ({@code values}) or, with {@code valuesKey}, those a
 * variable holds, as form-js reads them: a list of {@code {label, value}} or of plain values.
 */
final class Options {

  private Options() {}

  static List<Option> of(FormComponent c, Map<String, Object> context) {
    if (c.valuesKey() == null) {
      return c.values();
    }
    List<Option> options = new ArrayList<>();
    if (Paths.read(context, c.valuesKey()) instanceof List<?> list) {
      for (Object item : list) {
        if (item instanceof Map<?, ?> m && m.get("value") != null) {
          Object label = m.get("label");
          options.add(new Option(label == null ? String.valueOf(m.get("value")) : label.toString(), m.get("value")));
        } else if (item != null && !(item instanceof Map<?, ?>)) {
          options.add(new Option(item.toString(), item));
        }
      }
    }
    return options;
  }

  /** The option whose value reads as the submitted text, or null. */
  static Option find(List<Option> options, String submitted) {
    for (Option o : options) {
      if (o.valueText().equals(submitted)) {
        return o;
      }
    }
    return null;
  }
}
