package cn.jiaoliu.app.forms;

import cn.jiaoliu.app.forms.FieldView.OptionView;
import cn.jiaoliu.app.forms.FormComponent.Rules;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Builds what the page draws: each value from what the user just submitted (after an error), else
 * from the task's variables at the field's path (prefilled as form-js does), else the form's default.
 */
final class FormViews {

  private static final Pattern ITEM = Pattern.compile("^(.+)\\[(\\d{1,4})]\\..+$");

  private final boolean english;
  private final Map<String, Object> variables;
  private final FormSubmission submitted;
  private final Map<String, String> errors;
  private final Map<String, Object[]> errorArgs;

  FormViews(boolean english, Map<String, Object> variables, FormSubmission submitted, Map<String, String> errors,
      Map<String, Object[]> errorArgs) {
    this.english = english;
    this.variables = variables;
    this.submitted = submitted;
    this.errors = errors;
    this.errorArgs = errorArgs;
  }

  FormView view(FormSchema form) {
    return new FormView(form.id(), fields(form.components(), "", variables));
  }

  private List<FieldView> fields(List<FormComponent> components, String prefix, Map<String, Object> data) {
    List<FieldView> views = new ArrayList<>();
    for (FormComponent c : components) {
      views.add(field(c, prefix, data));
    }
    return views;
  }

  private FieldView field(FormComponent c, String prefix, Map<String, Object> data) {
    String label = c.label(english);
    return switch (c.type()) {
      case "text" -> display(c, MarkdownText.html(c.text(), variables));
      case "separator", "spacer" -> display(c, null);
      case "group" -> new FieldView("group", null, htmlId(prefix + (c.path() == null ? c.id() : c.path())), label,
          c.description(), false, false, null, List.of(), null, Map.of(), null, null, null,
          fields(c.components(), prefix, data), List.of(), List.of());
      case "dynamiclist" -> list(c, prefix, data, label);
      default -> input(c, prefix + c.path(), data, label);
    };
  }

  private FieldView list(FormComponent c, String prefix, Map<String, Object> data, String label) {
    String listName = prefix + c.path();
    List<List<FieldView>> items = new ArrayList<>();
    if (submitted != null) {
      Set<Integer> indexes = new TreeSet<>();
      for (String name : submitted.values().keySet()) {
        Matcher m = ITEM.matcher(name);
        if (m.matches() && m.group(1).equals(listName)) {
          indexes.add(Integer.parseInt(m.group(2)));
        }
      }
      for (int i : indexes) {
        items.add(fields(c.components(), listName + "[" + i + "].", Map.of()));
      }
    } else if (Paths.read(data, c.path()) instanceof List<?> existing && !existing.isEmpty()) {
      int i = 0;
      for (Object item : existing) {
        items.add(fields(c.components(), listName + "[" + i++ + "].", asMap(item)));
      }
    } else {
      int repetitions = c.defaultRepetitions() == null ? 1 : Math.max(1, Math.min(c.defaultRepetitions(), 20));
      for (int i = 0; i < repetitions; i++) {
        items.add(fields(c.components(), listName + "[" + i + "].", Map.of()));
      }
    }
    List<FieldView> blank = new FormViews(english, variables, null, Map.of(), Map.of())
        .fields(c.components(), listName + "[__i__].", Map.of());
    return new FieldView("dynamiclist", listName, htmlId(listName), label, c.description(), false, false, null,
        List.of(), null, Map.of("limit", FormValidator.LIST_LIMIT), errors.get(listName), errorArgs.get(listName), null,
        List.of(), items, blank);
  }

  private FieldView input(FormComponent c, String name, Map<String, Object> data, String label) {
    Rules r = c.rules();
    Object current = submitted != null && !c.readonly() ? submittedValue(c, name) : Paths.read(data, c.path());
    if (current == null && submitted == null) {
      current = c.defaultValue();
    }
    List<OptionView> options = List.of();
    if (c.choice()) {
      Collection<String> chosen = chosen(current);
      options = Options.of(c, variables).stream()
          .map(o -> new OptionView(o.label(), o.valueText(), chosen.contains(o.valueText()))).toList();
    }
    Map<String, Object> constraints = new LinkedHashMap<>();
    String inputType = switch (c.type()) {
      case "textfield" -> "email".equals(r.validationType()) ? "email" : "phone".equals(r.validationType()) ? "tel" : "text";
      case "number" -> "number";
      case "datetime" -> c.subtype() == null || c.subtype().equals("date") ? "date"
          : c.subtype().equals("time") ? "time" : "datetime-local";
      default -> null;
    };
    if (c.type().equals("textfield") || c.type().equals("textarea")) {
      int limit = c.type().equals("textarea") ? FormValidator.TEXTAREA_LIMIT : FormValidator.TEXT_LIMIT;
      constraints.put("maxlength", r.maxLength() == null ? limit : Math.min(r.maxLength(), limit));
      if (r.minLength() != null) {
        constraints.put("minlength", r.minLength());
      }
    }
    if (c.type().equals("number")) {
      if (r.min() != null) {
        constraints.put("min", r.min().toPlainString());
      }
      if (r.max() != null) {
        constraints.put("max", r.max().toPlainString());
      }
      constraints.put("step", c.decimalDigits() == null ? "any"
          : c.decimalDigits() == 0 ? "1" : "0." + "0".repeat(c.decimalDigits() - 1) + "1");
    }
    return new FieldView(c.type(), name, htmlId(name), label, c.description(), r.required(), c.readonly(),
        text(c, current), options, inputType, constraints, errors.get(name), errorArgs.get(name), null, List.of(),
        List.of(), List.of());
  }

  private Object submittedValue(FormComponent c, String name) {
    return c.multiple() ? submitted.all(name) : submitted.first(name);
  }

  private static Collection<String> chosen(Object current) {
    if (current instanceof Collection<?> list) {
      return list.stream().map(String::valueOf).collect(Collectors.toSet());
    }
    return current == null ? Set.of() : Set.of(String.valueOf(current));
  }

  /** The value as the HTML input takes it: dates and times without the offset the variable carries. */
  private static String text(FormComponent c, Object value) {
    if (value == null || value instanceof Collection<?>) {
      return null;
    }
    String s = String.valueOf(value);
    if (c.type().equals("datetime")) {
      String subtype = c.subtype() == null ? "date" : c.subtype();
      int length = subtype.equals("date") ? 10 : subtype.equals("time") ? 5 : 16;
      return s.length() > length ? s.substring(0, length) : s;
    }
    return s;
  }

  private static FieldView display(FormComponent c, String html) {
    return new FieldView(c.type(), null, null, null, null, false, true, null, List.of(), null, Map.of(), null, null,
        html, List.of(), List.of(), List.of());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object item) {
    return item instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  /** An HTML id from a data path: {@code visits[0].date} → {@code f-visits-0-date}. */
  static String htmlId(String path) {
    return "f-" + (path == null ? "x" : path.replaceAll("[^A-Za-z0-9_]+", "-").replaceAll("-+$", ""));
  }
}
