package cn.jiaoliu.app.forms;

import java.util.LinkedHashMap;
import java.util.Map;

/** Values at dot-separated paths of nested maps, as form-js keys and group paths address data. */
final class Paths {

  private Paths() {}

  static Object read(Map<String, Object> data, String path) {
    if (path == null) {
      return null;
    }
    Object current = data;
    for (String part : path.split("\\.")) {
      if (!(current instanceof Map<?, ?> map)) {
        return null;
      }
      current = map.get(part);
    }
    return current;
  }

  @SuppressWarnings("unchecked")
  static void write(Map<String, Object> data, String path, Object value) {
    String[] parts = path.split("\\.");
    Map<String, Object> current = data;
    for (int i = 0; i < parts.length - 1; i++) {
      Object next = current.get(parts[i]);
      if (!(next instanceof Map<?, ?>)) {
        next = new LinkedHashMap<String, Object>();
        current.put(parts[i], next);
      }
      current = (Map<String, Object>) next;
    }
    current.put(parts[parts.length - 1], value);
  }
}
