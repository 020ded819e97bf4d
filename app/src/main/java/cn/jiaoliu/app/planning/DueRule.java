package cn.jiaoliu.app.planning;

import cn.jiaoliu.app.programme.Roster;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Comparator;

/**
 * The rule that says who is due to rotate on a day: a teacher is due once they have spent the
 * district's years at their school without a break (principals and vice-principals: their years in
 * post), counted from joining the school or from coming back from their last rotation, unless they are rotating already, an exemption in force covers the day,
 * or they retire within the district's window (the roster's retirement date, else the date of birth
 * plus the district's retirement age). A teacher whose joining date is unknown is never counted due.
 */
final class DueRule {

  private DueRule() {}

  /**
   * @param lastRotationEnded the last day of the teacher's latest rotation that ended before the day,
   *     or null: their years at the school count again from the day after
   */
  static Standing standing(RotationRules rules, Roster.Teacher teacher, LocalDate day, boolean serving,
      LocalDate lastRotationEnded, Collection<Exemption> exemptions) {
    LocalDate retires = retirement(rules, teacher);
    LocalDate counted = teacher.joinedSchoolOn();
    if (counted != null && lastRotationEnded != null && !lastRotationEnded.isBefore(counted)) {
      counted = lastRotationEnded.plusDays(1);
    }
    LocalDate dueSince = counted == null ? null
        : counted.plusYears(teacher.leader() ? rules.leaderYears() : rules.yearsAtSchool());
    if (serving) {
      return new Standing(Standing.Kind.SERVING, dueSince, retires, null);
    }
    Exemption exemption = exemptions.stream().filter(e -> e.coversOn(day))
        .max(Comparator.comparing(Exemption::validUntil)).orElse(null);
    if (exemption != null) {
      return new Standing(Standing.Kind.EXEMPT, dueSince, retires, exemption);
    }
    if (retires != null && !retires.isAfter(day.plusYears(rules.retirementWindowYears()))) {
      return new Standing(Standing.Kind.NEAR_RETIREMENT, dueSince, retires, null);
    }
    if (dueSince == null) {
      return new Standing(Standing.Kind.UNKNOWN, null, retires, null);
    }
    return new Standing(dueSince.isAfter(day) ? Standing.Kind.NOT_YET : Standing.Kind.DUE, dueSince, retires, null);
  }

  static LocalDate retirement(RotationRules rules, Roster.Teacher teacher) {
    if (teacher.retiresOn() != null) {
      return teacher.retiresOn();
    }
    return teacher.birthDate() == null ? null : teacher.birthDate().plusYears(rules.retirementAge());
  }
}
