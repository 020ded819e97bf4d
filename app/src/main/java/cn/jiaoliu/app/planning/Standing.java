package cn.jiaoliu.app.planning;

import java.time.LocalDate;

/**
 * Where one teacher stands on a day under the district's rules: due to rotate (应交流), not yet, excused
 * (by a recorded exemption or by nearing retirement), rotating already, or unknown for want of the
 * date they joined the school.
 */
record Standing(Kind kind, LocalDate dueSince, LocalDate retiresOn, Exemption exemption) {

  enum Kind {
    /** Years at the school reached: counts among the school's eligible teachers. */
    DUE,
    NOT_YET,
    /** Excused by a recorded exemption in force on the day. */
    EXEMPT,
    /** Within the district's years before retirement (or past it). */
    NEAR_RETIREMENT,
    /** On a rotation already on the day. */
    SERVING,
    /** The roster does not say when they joined the school. */
    UNKNOWN
  }

  public boolean due() {
    return kind == Kind.DUE;
  }
}
