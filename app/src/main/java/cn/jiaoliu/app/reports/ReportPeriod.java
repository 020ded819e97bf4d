package cn.jiaoliu.app.reports;

import cn.jiaoliu.app.web.UserFacingException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The days a report upward covers: a school year ({@code 2026-2027}: 1 September 2026 to 31 August
 * 2027) or a range of dates; a rotation belongs to it when it ran on at least one of its days.
 *
 * @param schoolYear the first calendar year of the school year, or null for a range of dates
 */
record ReportPeriod(LocalDate from, LocalDate to, Integer schoolYear) {

  private static final Pattern YEAR = Pattern.compile("(\\d{4})-(\\d{4})");

  /** The school year a day falls in. */
  static ReportPeriod schoolYearOf(LocalDate day) {
    return ofSchoolYear(day.getMonthValue() >= 9 ? day.getYear() : day.getYear() - 1);
  }

  static ReportPeriod ofSchoolYear(int firstYear) {
    return new ReportPeriod(LocalDate.of(firstYear, 9, 1), LocalDate.of(firstYear + 1, 8, 31), firstYear);
  }

  /**
   * A range of dates when {@code from} or {@code to} is given (both then), else the school year
   * {@code year}, else the school year of {@code today}. Bad input is a field error.
   */
  static ReportPeriod parse(String year, String from, String to, LocalDate today) {
    if (!blank(from) || !blank(to)) {
      LocalDate start = date(from, "from");
      LocalDate end = date(to, "to");
      if (end.isBefore(start)) {
        throw UserFacingException.field("to", "reports.error.range");
      }
      if (start.plusYears(10).isBefore(end)) {
        throw UserFacingException.field("to", "reports.error.rangeTooLong");
      }
      return new ReportPeriod(start, end, null);
    }
    if (blank(year)) {
      return schoolYearOf(today);
    }
    Matcher m = YEAR.matcher(year.strip());
    if (!m.matches() || Integer.parseInt(m.group(2)) != Integer.parseInt(m.group(1)) + 1) {
      throw UserFacingException.field("year", "reports.error.schoolYear");
    }
    return ofSchoolYear(Integer.parseInt(m.group(1)));
  }

  /** {@code 2026-2027}, or null for a range of dates. */
  public String schoolYearText() {
    return schoolYear == null ? null : schoolYear + "-" + (schoolYear + 1);
  }

  /** What a file name carries: {@code 2026-2027} or {@code 20260901-20270131}. */
  String fileLabel() {
    return schoolYear != null ? schoolYearText()
        : from.toString().replace("-", "") + "-" + to.toString().replace("-", "");
  }

  private static LocalDate date(String text, String field) {
    if (blank(text)) {
      throw UserFacingException.field(field, "reports.error.date");
    }
    try {
      return LocalDate.parse(text.strip());
    } catch (DateTimeParseException e) {
      throw UserFacingException.field(field, "reports.error.date");
    }
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
