package cn.jiaoliu.app.programme;

import cn.jiaoliu.app.web.UserFacingException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** Reads form fields (all arrive as text), collecting a message key per bad field; nothing is changed until all are good. */
final class Fields {

  private final Map<String, String> errors = new LinkedHashMap<>();

  String text(String field, String value, int max, boolean required) {
    String v = value == null ? "" : value.strip();
    if (v.isEmpty()) {
      if (required) {
        errors.put(field, "error.required");
      }
      return null;
    }
    if (v.length() > max) {
      errors.put(field, "error.tooLong");
      return null;
    }
    return v;
  }

  String code(String field, String value) {
    String v = text(field, value, 32, true);
    if (v != null && !SchoolImport.CODE_PATTERN.matcher(v).matches()) {
      errors.put(field, "admin.error.code");
      return null;
    }
    return v;
  }

  String matching(String field, String value, Pattern pattern, String messageKey) {
    String v = text(field, value, 100, true);
    if (v != null && !pattern.matcher(v).matches()) {
      errors.put(field, messageKey);
      return null;
    }
    return v;
  }

  Integer number(String field, String value, int min, int max, boolean required) {
    String v = text(field, value, 12, required);
    if (v == null) {
      return null;
    }
    try {
      int n = Integer.parseInt(v);
      if (n < min || n > max) {
        errors.put(field, "admin.error.range");
        return null;
      }
      return n;
    } catch (NumberFormatException e) {
      errors.put(field, "admin.error.number");
      return null;
    }
  }

  LocalDate date(String field, String value, boolean required) {
    String v = text(field, value, 10, required);
    if (v == null) {
      return null;
    }
    try {
      return LocalDate.parse(v);
    } catch (DateTimeParseException e) {
      errors.put(field, "admin.error.date");
      return null;
    }
  }

  void error(String field, String messageKey) {
    errors.putIfAbsent(field, messageKey);
  }

  boolean ok(String field) {
    return !errors.containsKey(field);
  }

  /** Throws the collected field errors (400) when there are any. */
  void check() {
    if (!errors.isEmpty()) {
      throw UserFacingException.invalid(errors);
    }
  }
}
