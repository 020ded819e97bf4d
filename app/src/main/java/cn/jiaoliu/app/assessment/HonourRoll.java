package cn.jiaoliu.app.assessment;

import cn.jiaoliu.app.export.Headings;
import cn.jiaoliu.app.export.Table;
import cn.jiaoliu.app.programme.Roster;
import cn.jiaoliu.app.security.JiaoliuUser;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The teachers of a district eligible for the honour certificate of 30 years at rural schools
 * (乡村学校从教30年教师荣誉证书: taught at rural schools for 30 years and still in post), and those who
 * reach it within a year.
 *
 * <p>The rule: a teacher counts when the roster has them in post (no 离岗日期, or one still to come)
 * at a rural school (乡镇 or 村) with the month their rural teaching began (农村从教起始年月). Their
 * months of rural teaching on a day are the whole months from that month to the day, less the months
 * away from rural schools since (农村从教间断月数), plus 12 for each school year of rural service
 * credited from a rotation (支教, {@code rural_service_credit}) that ended before that month — years an
 * urban teacher spent at rural schools before moving to one; a credited year inside the span is
 * already counted. 360 months (30 years) make a teacher eligible, on the first day of the month
 * they are reached (start month + 360 + months away − 12 × credited years before the start).
 */
@Service
class HonourRoll {

  static final int MONTHS = 30 * 12;

  private final Roster roster;
  private final JdbcClient jdbc;
  private final Headings headings;
  private final Clock clock;
  private final ZoneId zone;

  HonourRoll(Roster roster, JdbcClient jdbc, Headings headings, Clock clock, ZoneId zone) {
    this.roster = roster;
    this.jdbc = jdbc;
    this.headings = headings;
    this.clock = clock;
    this.zone = zone;
  }

  /** The district's list for its teaching office (today, in the bureau's zone); anyone else 403. */
  Roll district(JiaoliuUser user) {
    return on(OfficeDistrict.of(user), LocalDate.now(clock.withZone(zone)));
  }

  /** The list on {@code today}: eligible teachers first, then those reaching 30 years within a year, by date. */
  Roll on(String district, LocalDate today) {
    List<Roster.Teacher> teachers = roster.ofDistrict(district);
    Map<String, Set<String>> credited = creditedYears(teachers);
    List<Row> rows = new ArrayList<>();
    int missing = 0;
    for (Roster.Teacher t : teachers) {
      if (!t.ruralSchool() || !t.inPostOn(today)) {
        continue;
      }
      if (t.ruralTeachingSince() == null) {
        missing++;
        continue;
      }
      LocalDate since = t.ruralTeachingSince().withDayOfMonth(1);
      int breaks = t.ruralBreakMonths() == null ? 0 : t.ruralBreakMonths();
      int before = (int) credited.getOrDefault(t.username(), Set.of()).stream()
          .filter(year -> !LocalDate.of(Integer.parseInt(year.substring(0, 4)) + 1, 9, 1).isAfter(since)).count();
      long months = Math.max(0, ChronoUnit.MONTHS.between(since, today) - breaks + 12L * before);
      LocalDate reaches = since.plusMonths(MONTHS + breaks - 12L * before);
      boolean eligible = !reaches.isAfter(today);
      if (eligible || !reaches.isAfter(today.plusYears(1))) {
        rows.add(new Row(t.staffNumber(), t.name(), t.schoolCode(), t.schoolName(), since, breaks, before,
            (int) (months / 12), (int) (months % 12), reaches, eligible));
      }
    }
    rows.sort(Comparator.comparing(Row::reachesOn).thenComparing(Row::staffNumber));
    return new Roll(today, rows, missing);
  }

  /** The distinct school years credited (not revoked) to each teacher of the roster with a login. */
  private Map<String, Set<String>> creditedYears(List<Roster.Teacher> teachers) {
    Set<String> usernames = new HashSet<>();
    teachers.stream().filter(t -> t.ruralSchool() && t.username() != null).forEach(t -> usernames.add(t.username()));
    Map<String, Set<String>> years = new HashMap<>();
    if (!usernames.isEmpty()) {
      jdbc.sql("""
              select teacher_username, school_year from rural_service_credit
              where revoked_at is null and teacher_username in (:u)""")
          .param("u", usernames)
          .query((rs, i) -> years.computeIfAbsent(rs.getString(1), k -> new HashSet<>()).add(rs.getString(2)))
          .list();
    }
    return years;
  }

  Table table(Roll roll) {
    return headings.table("honour", roll.rows().stream().map(r -> List.<Object>of(r.staffNumber(), r.name(),
        r.schoolCode(), r.schoolName(), r.since().toString().substring(0, 7), r.breakMonths(), r.creditedYearsBefore(),
        r.years(), r.months(), r.reachesOn().toString(),
        headings.text(r.eligible() ? "honour.eligible" : "honour.upcoming"))).toList());
  }

  /** The list on a day, and how many teachers in post at rural schools the roster has no start month for. */
  record Roll(LocalDate today, List<Row> rows, int missingStart) {}

  /** A teacher on the list: months of rural teaching today as years and months, the day 30 years are reached. */
  record Row(String staffNumber, String name, String schoolCode, String schoolName, LocalDate since, int breakMonths,
      int creditedYearsBefore, int years, int months, LocalDate reachesOn, boolean eligible) {}
}
