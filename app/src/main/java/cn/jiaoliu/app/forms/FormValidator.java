package cn.jiaoliu.app.forms;

import cn.jiaoliu.app.forms.FormComponent.Option;
import cn.jiaoliu.app.forms.FormComponent.Rules;
import cn.jiaoliu.app.web.UserFacingException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Checks a submission against the form's own rules (required, lengths, pattern, e-mail and phone,
 * ranges and decimals, dates, the allowed options) and turns it into the variables the task
 * completes with: exactly the form's keys, typed as form-js types them, nested along their paths.
 * A field the form does not have is an error; read-only fields keep the value they were shown with.
 */
final class FormValidator {

  /** The longest text a field without its own limit takes; a textarea takes more. */
  static final int TEXT_LIMIT = 1_000;
  static final int TEXTAREA_LIMIT = 10_000;
  /** The most items a dynamic list takes. */
  static final int LIST_LIMIT = 100;

  private static final Pattern EMAIL = Pattern.compile("^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$");
  /** International (+86 …), a Chinese mobile number, or a landline with its area code. */
  private static final Pattern PHONE = Pattern.compile("^(\\+\\d{1,3}[ -]?)?(1[3-9]\\d{9}|0\\d{2,3}-?\\d{7,8}|\\d{6,15})$");
  private static final Pattern ITEM = Pattern.compile("^(.+)\\[(\\d{1,4})]\\.(.+)$");

  private final LocalDate today;
  private final ZoneId zone;

  FormValidator(LocalDate today, ZoneId zone) {
    this.today = today;
    this.zone = zone;
  }

  /** The variables, or a {@link UserFacingException} naming each bad field with a message key and arguments. */
  Map<String, Object> variables(FormSchema form, FormSubmission submission, Map<String, Object> context,
      Set<String> reserved) {
    Errors errors = new Errors();
    Map<String, Object> out = new LinkedHashMap<>();
    Set<String> known = new LinkedHashSet<>(reserved);
    readAll(form.components(), "", submission, context, out, errors, known);
    for (String name : new TreeSet<>(submission.values().keySet())) {
      if (!known.contains(name)) {
        errors.add(name, "form.unknownField", name);
      }
    }
    if (!errors.keys.isEmpty()) {
      throw UserFacingException.invalid(errors.keys, errors.args);
    }
    return out;
  }

  private void readAll(List<FormComponent> components, String namePrefix, FormSubmission in,
      Map<String, Object> context, Map<String, Object> out, Errors errors, Set<String> known) {
    for (FormComponent c : components) {
      if (c.input()) {
        // a field's path is relative to its dynamic list's item, or to the form
        String relative = c.path();
        String name = namePrefix + relative;
        known.add(name);
        Object value = c.readonly() ? Paths.read(context, c.path()) : read(c, name, in, context, errors);
        if (!c.readonly() || value != null) {
          Paths.write(out, relative, value);
        }
      } else if (c.type().equals("group")) {
        readAll(c.components(), namePrefix, in, context, out, errors, known);
      } else if (c.type().equals("dynamiclist")) {
        String listName = namePrefix + c.path();
        readList(c, listName, in, context, out, errors, known);
      }
    }
  }

  /** A dynamic list: items {@code path[i].key}, in index order, an item left wholly blank dropped. */
  private void readList(FormComponent list, String listName, FormSubmission in, Map<String, Object> context,
      Map<String, Object> out, Errors errors, Set<String> known) {
    Set<Integer> indexes = new TreeSet<>();
    for (String name : in.values().keySet()) {
      var m = ITEM.matcher(name);
      if (m.matches() && m.group(1).equals(listName)) {
        indexes.add(Integer.parseInt(m.group(2)));
      }
    }
    if (indexes.size() > LIST_LIMIT) {
      errors.add(listName, "form.tooManyItems", LIST_LIMIT);
      return;
    }
    List<Map<String, Object>> items = new ArrayList<>();
    for (int i : indexes) {
      String prefix = listName + "[" + i + "].";
      inputNames(list.components(), prefix, known);
      boolean blank = in.values().entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
          .allMatch(e -> e.getValue().stream().allMatch(String::isBlank));
      if (blank) {
        continue;
      }
      Map<String, Object> item = new LinkedHashMap<>();
      readAll(list.components(), prefix, in, Map.of(), item, errors, known);
      items.add(item);
    }
    Paths.write(out, list.path(), items);
  }

  private Object read(FormComponent c, String name, FormSubmission in, Map<String, Object> context, Errors errors) {
    Rules rules = c.rules();
    if (c.multiple()) {
      List<Object> chosen = new ArrayList<>();
      List<Option> options = Options.of(c, context);
      for (String v : in.all(name)) {
        if (v.isBlank()) {
          continue;
        }
        Option o = Options.find(options, v);
        if (o == null) {
          errors.add(name, "form.notAllowed");
          return null;
        }
        if (!chosen.contains(o.value())) {
          chosen.add(o.value());
        }
      }
      if (rules.required() && chosen.isEmpty()) {
        errors.add(name, "form.required");
      }
      return chosen;
    }
    if (in.all(name).size() > 1) {
      errors.add(name, "form.oneValue");
      return null;
    }
    String raw = in.first(name);
    if (c.type().equals("checkbox")) {
      boolean checked = raw != null && (raw.equals("true") || raw.equals("on"));
      if (raw != null && !checked && !raw.equals("false") && !raw.isEmpty()) {
        errors.add(name, "form.notBoolean");
      } else if (rules.required() && !checked) {
        errors.add(name, "form.mustCheck");
      }
      return checked;
    }
    String value = raw == null ? "" : raw.strip();
    if (value.isEmpty()) {
      if (rules.required()) {
        errors.add(name, "form.required");
      }
      return c.type().equals("textfield") || c.type().equals("textarea") ? "" : null;
    }
    return switch (c.type()) {
      case "textfield", "textarea" -> text(c, name, value, errors);
      case "number" -> number(c, name, value, errors);
      case "datetime" -> dateTime(c, name, value, errors);
      case "select", "radio" -> {
        Option o = Options.find(Options.of(c, context), value);
        if (o == null) {
          errors.add(name, "form.notAllowed");
          yield null;
        }
        yield o.value();
      }
      default -> throw new IllegalStateException("not an input: " + c.type());
    };
  }

  private static String text(FormComponent c, String name, String value, Errors errors) {
    Rules r = c.rules();
    int length = value.codePointCount(0, value.length());
    int limit = c.type().equals("textarea") ? TEXTAREA_LIMIT : TEXT_LIMIT;
    int max = r.maxLength() == null ? limit : Math.min(r.maxLength(), limit);
    if (length > max) {
      errors.add(name, "form.tooLong", max);
    } else if (r.minLength() != null && length < r.minLength()) {
      errors.add(name, "form.tooShort", r.minLength());
    } else if (r.pattern() != null && !Pattern.compile(r.pattern()).matcher(value).find()) {
      errors.add(name, "form.pattern");
    } else if ("email".equals(r.validationType()) && !EMAIL.matcher(value).matches()) {
      errors.add(name, "form.email");
    } else if ("phone".equals(r.validationType()) && !PHONE.matcher(value).matches()) {
      errors.add(name, "form.phone");
    }
    return value;
  }

  private static Object number(FormComponent c, String name, String value, Errors errors) {
    BigDecimal n;
    try {
      if (value.length() > 40) {
        throw new NumberFormatException();
      }
      n = new BigDecimal(value);
    } catch (NumberFormatException e) {
      errors.add(name, "form.notNumber");
      return null;
    }
    Rules r = c.rules();
    if (r.min() != null && n.compareTo(r.min()) < 0) {
      errors.add(name, "form.tooSmall", r.min().toPlainString());
    } else if (r.max() != null && n.compareTo(r.max()) > 0) {
      errors.add(name, "form.tooLarge", r.max().toPlainString());
    } else if (c.decimalDigits() != null && Math.max(0, n.stripTrailingZeros().scale()) > c.decimalDigits()) {
      errors.add(name, "form.tooManyDecimals", c.decimalDigits());
    }
    BigDecimal plain = n.stripTrailingZeros();
    return plain.scale() <= 0 && plain.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) < 0
        ? (Object) plain.longValueExact() : plain;
  }

  /**
   * Dates as {@code 2026-12-05}; times as {@code 14:30} and date-times as {@code 2026-12-05T14:30},
   * with the bureau's offset ({@code +08:00}) unless the form asks for none or for UTC.
   */
  private Object dateTime(FormComponent c, String name, String value, Errors errors) {
    String subtype = c.subtype() == null ? "date" : c.subtype();
    try {
      return switch (subtype) {
        case "time" -> {
          LocalTime t = LocalTime.parse(value.length() > 5 ? value.substring(0, 5) : value);
          yield withOffset(c, t.toString(), LocalDateTime.of(today, t));
        }
        case "datetime" -> {
          LocalDateTime t = LocalDateTime.parse(value.length() > 16 ? value.substring(0, 16) : value);
          if (c.disallowPassedDates() && t.toLocalDate().isBefore(today)) {
            errors.add(name, "form.pastDate");
          }
          yield withOffset(c, t.toString(), t);
        }
        default -> {
          LocalDate d = LocalDate.parse(value);
          if (c.disallowPassedDates() && d.isBefore(today)) {
            errors.add(name, "form.pastDate");
          }
          yield d.toString();
        }
      };
    } catch (DateTimeParseException e) {
      errors.add(name, subtype.equals("time") ? "form.notTime" : subtype.equals("datetime") ? "form.notDateTime"
          : "form.notDate");
      return null;
    }
  }

  private String withOffset(FormComponent c, String local, LocalDateTime at) {
    String format = c.timeFormat() == null ? "utc_offset" : c.timeFormat();
    return switch (format) {
      case "no_timezone" -> local;
      case "utc_normalized" -> {
        LocalDateTime utc = at.atZone(zone).withZoneSameInstant(ZoneOffset.UTC).toLocalDateTime();
        yield (c.subtype().equals("time") ? utc.toLocalTime().toString() : utc.toString()) + "Z";
      }
      default -> local + at.atZone(zone).getOffset().getId().replace("Z", "+00:00");
    };
  }

  private static void inputNames(List<FormComponent> components, String prefix, Set<String> into) {
    for (FormComponent c : components) {
      if (c.input()) {
        into.add(prefix + c.path());
      } else if (c.type().equals("group")) {
        inputNames(c.components(), prefix, into);
      }
    }
  }

  /** Field → message key and arguments. */
  private static final class Errors {
    final Map<String, String> keys = new LinkedHashMap<>();
    final Map<String, Object[]> args = new LinkedHashMap<>();

    void add(String field, String key, Object... arguments) {
      if (keys.putIfAbsent(field, key) == null) {
        args.put(field, arguments);
      }
    }
  }
}
