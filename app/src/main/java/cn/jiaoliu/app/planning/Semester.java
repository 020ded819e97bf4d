package cn.jiaoliu.app.planning;

import cn.jiaoliu.app.web.UserFacingException;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A semester of a school year: the first from September to January, the second from February to
 * August (the demonstration-class process divides its dates the same way); in links as
 * {@code 2026-2027-1}.
 */
record Semester(int fromYear, int term) implements Comparable<Semester> {

  private static final Pattern CODE = Pattern.compile("(\\d{4})-(\\d{4})-([12])");

  static Semester of(LocalDate day) {
    int m = day.getMonthValue();
    if (m >= 9) {
      return new Semester(day.getYear(), 1);
    }
    return m == 1 ? new Semester(day.getYear() - 1, 1) : new Semester(day.getYear() - 1, 2);
  }

  /** From a link ({@code 2026-2027-1}); a bad one is a 400 with a translated message. */
  static Semester parse(String code) {
    Matcher m = CODE.matcher(code == null ? "" : code.strip());
    if (!m.matches() || Integer.parseInt(m.group(2)) != Integer.parseInt(m.group(1)) + 1) {
      throw UserFacingException.field("semester", "planning.error.semester");
    }
    return new Semester(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(3)));
  }

  public String code() {
    return fromYear + "-" + (fromYear + 1) + "-" + term;
  }

  public LocalDate starts() {
    return term == 1 ? LocalDate.of(fromYear, 9, 1) : LocalDate.of(fromYear + 1, 2, 1);
  }

  public LocalDate ends() {
    return term == 1 ? LocalDate.of(fromYear + 1, 1, 31) : LocalDate.of(fromYear + 1, 8, 31);
  }

  Semester previous() {
    return term == 2 ? new Semester(fromYear, 1) : new Semester(fromYear - 1, 2);
  }

  @Override
  public int compareTo(Semester o) {
    return fromYear != o.fromYear ? Integer.compare(fromYear, o.fromYear) : Integer.compare(term, o.term);
  }
}
