package cn.jiaoliu.app.forms;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a user submitted on a form, flat: a field's name (its data path, {@code address.city}, and
 * for an item of a dynamic list {@code visits[0].date}) with its values (several for a checklist or
 * tag list). Pages submit it so; the API's JSON is flattened into it, so that both are checked alike.
 */
public record FormSubmission(Map<String, List<String>> values) {

  public FormSubmission {
    Map<String, List<String>> copy = new LinkedHashMap<>();
    values.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    values = Collections.unmodifiableMap(copy);
  }

  /** One value per field, as the existing single-value forms submit. */
  public static FormSubmission single(Map<String, String> fields) {
    Map<String, List<String>> values = new LinkedHashMap<>();
    fields.forEach((k, v) -> values.put(k, v == null ? List.of() : List.of(v)));
    return new FormSubmission(values);
  }

  /** JSON as the API receives it: nested objects, lists of values and lists of objects. */
  public static FormSubmission ofJson(Map<String, ?> json) {
    Map<String, List<String>> values = new LinkedHashMap<>();
    flatten(null, json, values);
    return new FormSubmission(values);
  }

  private static void flatten(String prefix, Object value, Map<String, List<String>> into) {
    if (value instanceof Map<?, ?> map) {
      map.forEach((k, v) -> flatten(prefix == null ? String.valueOf(k) : prefix + "." + k, v, into));
    } else if (value instanceof Collection<?> list) {
      if (list.stream().anyMatch(Map.class::isInstance)) {
        int i = 0;
        for (Object item : list) {
          flatten(prefix + "[" + i++ + "]", item, into);
        }
      } else {
        List<String> texts = new ArrayList<>();
        list.forEach(v -> texts.add(String.valueOf(v)));
        into.put(prefix, texts);
      }
    } else if (prefix != null) {
      into.put(prefix, value == null ? List.of() : List.of(String.valueOf(value)));
    }
  }

  /** The field's first value, or null. */
  public String first(String name) {
    List<String> v = values.get(name);
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  /** The field's values, empty when absent. */
  public List<String> all(String name) {
    return values.getOrDefault(name, List.of());
  }

  public boolean has(String name) {
    return values.containsKey(name);
  }

  /** The first value of each field, for the forms that take one value per field. */
  public Map<String, String> singleValues() {
    Map<String, String> single = new LinkedHashMap<>();
    values.forEach((k, v) -> {
      if (!v.isEmpty()) {
        single.put(k, v.get(0));
      }
    });
    return single;
  }
}
