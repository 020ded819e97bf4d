package cn.jiaoliu.app.reports;

import cn.jiaoliu.app.application.Assignments;
import cn.jiaoliu.app.application.Assignments.Rotation;
import cn.jiaoliu.app.programme.Roster;
import cn.jiaoliu.app.programme.SchoolDirectory;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.stereotype.Service;

/**
 * 补助发放表: the living subsidy each rotating teacher of the district is paid for one month.
 *
 * <ul>
 *   <li>Rate: the assignment's {@code monthly_subsidy}, set once at approval by the {@code subsidy-tier}
 *       decision from the remoteness tier of the school taught at (the receiving school): tier 1 400,
 *       tier 2 450, tier 3 600 yuan a month, an urban school (tier 0) none. A school re-tiered later does
 *       not change an approved rotation's rate. Rotations with no subsidy are counted, not listed.</li>
 *   <li>Days served: the days of the month within the rotation's period, both ends included.</li>
 *   <li>Amount: the whole rate for a whole month served; otherwise rate × days served ÷ days of the
 *       month, rounded to the yuan, half up (600 × 15 ÷ 31 = 290.32 → 290; 450 × 7 ÷ 28 = 112.5 → 113).
 *       Months (折合月数) are days served ÷ days of the month to two places, for reading only.</li>
 *   <li>Totals per dispatching school (派出学校): the teacher stays on its staff and payroll (domain.md,
 *       seed 004), so the subsidy is paid out with its payroll; the school taught at is on each row.</li>
 * </ul>
 */
@Service
class SubsidyRoster {

  private final Assignments assignments;
  private final SchoolDirectory directory;
  private final Roster roster;

  SubsidyRoster(Assignments assignments, SchoolDirectory directory, Roster roster) {
    this.assignments = assignments;
    this.directory = directory;
    this.roster = roster;
  }

  MonthRoster of(String district, YearMonth month) {
    LocalDate first = month.atDay(1);
    LocalDate last = month.atEndOfMonth();
    List<Rotation> serving = assignments.rotationsDuring(directory.schoolCodesIn(district), first, last);
    List<Rotation> paid = serving.stream().filter(r -> r.monthlySubsidy() > 0).toList();
    Set<String> codes = new HashSet<>();
    paid.forEach(r -> {
      codes.add(r.dispatchingSchoolCode());
      codes.add(r.receivingSchoolCode());
    });
    Map<String, String> names = directory.schoolNames(codes);
    Map<String, Roster.Teacher> onRoster = roster.byUsernames(paid.stream().map(Rotation::teacherUsername).toList());

    Map<String, List<Row>> bySchool = new TreeMap<>();
    for (Rotation r : paid) {
      LocalDate from = r.startsOn().isAfter(first) ? r.startsOn() : first;
      LocalDate to = r.endsOn().isBefore(last) ? r.endsOn() : last;
      int days = (int) ChronoUnit.DAYS.between(from, to) + 1;
      Roster.Teacher entry = onRoster.get(r.teacherUsername());
      bySchool.computeIfAbsent(r.dispatchingSchoolCode(), c -> new ArrayList<>()).add(new Row(r.id(),
          entry == null ? null : entry.staffNumber(), entry == null ? r.teacherName() : entry.name(),
          names.getOrDefault(r.receivingSchoolCode(), r.receivingSchoolCode()), r.monthlySubsidy(), from, to, days,
          month.lengthOfMonth(), months(days, month.lengthOfMonth()), amount(r.monthlySubsidy(), days,
          month.lengthOfMonth())));
    }
    List<SchoolGroup> groups = new ArrayList<>();
    bySchool.forEach((code, rows) -> {
      List<Row> sorted = rows.stream().sorted(Comparator.comparing(Row::teacherName).thenComparing(Row::assignmentId))
          .toList();
      groups.add(new SchoolGroup(code, names.getOrDefault(code, code), sorted,
          sorted.stream().mapToInt(Row::amount).sum()));
    });
    groups.sort(Comparator.comparing(SchoolGroup::schoolName).thenComparing(SchoolGroup::schoolCode));
    return new MonthRoster(directory.districtName(district), month, groups, groups.stream().mapToInt(SchoolGroup::total).sum(),
        paid.size(), serving.size() - paid.size());
  }

  /** What a month's subsidy comes to: the whole rate for a whole month, else prorated by days, half up to the yuan. */
  static int amount(int monthly, int daysServed, int daysInMonth) {
    if (daysServed >= daysInMonth) {
      return monthly;
    }
    return BigDecimal.valueOf((long) monthly * daysServed)
        .divide(BigDecimal.valueOf(daysInMonth), 0, RoundingMode.HALF_UP).intValueExact();
  }

  /** Days served as months, to two places (1 for a whole month). */
  static BigDecimal months(int daysServed, int daysInMonth) {
    return daysServed >= daysInMonth ? BigDecimal.ONE
        : BigDecimal.valueOf(daysServed).divide(BigDecimal.valueOf(daysInMonth), 2, RoundingMode.HALF_UP);
  }

  /**
   * @param noSubsidy rotations serving in the month at a school without a subsidy (tier 0), not listed
   */
  record MonthRoster(String districtName, YearMonth month, List<SchoolGroup> schools, int total, int teachers,
      int noSubsidy) {}

  /** The rows a dispatching school pays, with their sum. */
  record SchoolGroup(String schoolCode, String schoolName, List<Row> rows, int total) {}

  record Row(long assignmentId, String staffNumber, String teacherName, String schoolTaughtAt, int monthlySubsidy,
      LocalDate servedFrom, LocalDate servedTo, int daysServed, int daysInMonth, BigDecimal months, int amount) {}
}
