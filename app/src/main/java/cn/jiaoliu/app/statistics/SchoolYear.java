package cn.jiaoliu.app.statistics;

import cn.jiaoliu.app.web.UserFacingException;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.LocalDate;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A school year {@code 2026-2027}: 1 September 2026 to 31 August 2027. */
record SchoolYear(int firstYear) {

  private static final Pattern TEXT = Pattern.compile("(\\d{4})-(\\d{4})");

  /** The school year a day falls in. */
  static SchoolYear of(LocalDate day) {
    return new SchoolYear(day.getMonthValue() >= 9 ? day.getYear() : day.getYear() - 1);
  }

  /** Reads {@code 2026-2027}; anything else is a field error on {@code field}. */
  static SchoolYear parse(String text, String field) {
    Matcher m = TEXT.matcher(text == null ? "" : text.strip());
    if (!m.matches() || Integer.parseInt(m.group(2)) != Integer.parseInt(m.group(1)) + 1) {
      throw UserFacingException.invalid(Map.of(field, "statistics.error.schoolYear"));
    }
    return new SchoolYear(Integer.parseInt(m.group(1)));
  }

  LocalDate starts() {
    return LocalDate.of(firstYear, 9, 1);
  }

  LocalDate ends() {
    return LocalDate.of(firstYear + 1, 8, 31);
  }

  @Override
  @JsonValue
  public String toString() {
    return firstYear + "-" + (firstYear + 1);
  }
}
