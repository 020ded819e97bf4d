package cn.jiaoliu.app.programme;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** One data row of an import file, read by column header, collecting its errors as it is read. */
final class ImportRow {

  private final int number;
  private final List<String> cells;
  private final Map<String, Integer> columns;
  private final ImportErrors errors;
  private boolean failed;

  ImportRow(int number, List<String> cells, Map<String, Integer> columns, ImportErrors errors) {
    this.number = number;
    this.cells = cells;
    this.columns = columns;
    this.errors = errors;
  }

  int number() {
    return number;
  }

  boolean failed() {
    return failed;
  }

  void error(String column, String messageKey, Object... args) {
    failed = true;
    errors.add(number, column, messageKey, args);
  }

  /** The stripped text of a column; empty when absent. */
  String text(String column) {
    Integer index = columns.get(column);
    if (index == null || index >= cells.size() || cells.get(index) == null) {
      return "";
    }
    return cells.get(index).strip();
  }

  /** A required text no longer than {@code max}, matching {@code pattern} when one is given; null after an error. */
  String required(String column, int max, Pattern pattern) {
    String value = text(column);
    if (value.isEmpty()) {
      error(column, "import.error.required");
      return null;
    }
    return checked(column, value, max, pattern);
  }

  /** An optional text (null when empty) no longer than {@code max}. */
  String optional(String column, int max, Pattern pattern) {
    String value = text(column);
    return value.isEmpty() ? null : checked(column, value, max, pattern);
  }

  private String checked(String column, String value, int max, Pattern pattern) {
    if (value.length() > max) {
      error(column, "import.error.tooLong", max);
      return null;
    }
    if (pattern != null && !pattern.matcher(value).matches()) {
      error(column, "import.error.format", value);
      return null;
    }
    return value;
  }

  /**
   * A date as 2026-09-01 or 2026/9/1, or as a spreadsheet's day number (what a date cell holds);
   * within bounds; null when empty, or after an error.
   */
  LocalDate date(String column, LocalDate earliest, LocalDate latest) {
    String value = text(column);
    if (value.isEmpty()) {
      return null;
    }
    LocalDate date;
    try {
      if (isDayNumber(value)) {
        date = dayNumber(value);
      } else {
        // 2026-09-01, 2026/9/1, 2026.9.1 or 2026年9月1日
        String[] parts = parts(value);
        date = LocalDate.of(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
      }
    } catch (RuntimeException e) {
      error(column, "import.error.date", value);
      return null;
    }
    if (date.isBefore(earliest) || date.isAfter(latest)) {
      error(column, "import.error.dateRange", earliest, latest);
      return null;
    }
    return date;
  }

  /**
   * A month as 1996-09, 1996/9, 1996.9 or 1996年9月 (a whole date, or a spreadsheet's day number,
   * gives its month); within bounds; null when empty, or after an error.
   */
  YearMonth month(String column, YearMonth earliest, YearMonth latest) {
    String value = text(column);
    if (value.isEmpty()) {
      return null;
    }
    YearMonth month;
    try {
      if (isDayNumber(value)) {
        month = YearMonth.from(dayNumber(value));
      } else {
        String[] parts = parts(value);
        if (parts.length < 2 || parts.length > 3) {
          throw new IllegalArgumentException(value);
        }
        month = YearMonth.of(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
        if (parts.length == 3) {
          month.atDay(Integer.parseInt(parts[2]));
        }
      }
    } catch (RuntimeException e) {
      error(column, "import.error.month", value);
      return null;
    }
    if (month.isBefore(earliest) || month.isAfter(latest)) {
      error(column, "import.error.dateRange", earliest, latest);
      return null;
    }
    return month;
  }

  /** What a date cell holds: a spreadsheet's day number (five digits, perhaps with a zero fraction). */
  private static boolean isDayNumber(String value) {
    return value.matches("\\d{5}(\\.0+)?");
  }

  /** The day a spreadsheet's day number stands for: days since 1899-12-30. */
  private static LocalDate dayNumber(String value) {
    return LocalDate.of(1899, 12, 30).plusDays(Long.parseLong(value.replaceAll("\\..*", "")));
  }

  /** A written date or month in its parts: 2026-09-01, 2026/9/1, 2026.9.1, 2026年9月1日, 1996-09, 1996年9月. */
  private static String[] parts(String value) {
    return value.split("[-/.\\u5e74\\u6708\\u65e5]");
  }

  /** One of an enum's values, by its Chinese name ({@code labels}, same order) or its code; null when empty. */
  <E extends Enum<E>> E choice(String column, Class<E> type, List<String> labels) {
    String value = text(column);
    if (value.isEmpty()) {
      return null;
    }
    E[] values = type.getEnumConstants();
    for (int i = 0; i < values.length; i++) {
      if (values[i].name().equalsIgnoreCase(value) || i < labels.size() && labels.get(i).equals(value)) {
        return values[i];
      }
    }
    error(column, "import.error.choice", value, String.join("、", labels));
    return null;
  }

  /** A whole number within bounds; null when empty and not required, or after an error. */
  Integer number(String column, int min, int max, boolean required) {
    String value = text(column);
    if (value.isEmpty()) {
      if (required) {
        error(column, "import.error.required");
      }
      return null;
    }
    try {
      int n = Integer.parseInt(value);
      if (n < min || n > max) {
        error(column, "import.error.range", min, max);
        return null;
      }
      return n;
    } catch (NumberFormatException e) {
      error(column, "import.error.number", value);
      return null;
    }
  }
}
