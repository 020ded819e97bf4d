package cn.jiaoliu.app.security;

import java.util.EnumSet;
import java.util.Set;

/**
 * Who may read or act on a case (an application, an assessment, their tasks, forms and archives),
 * written once: its teacher; the principals of its home and of its target school; its district's
 * teaching office and administrator. Everyone else is told the case does not exist (404).
 */
public record CaseScope(String teacherUsername, String homeSchoolCode, String targetSchoolCode, String districtCode) {

  /** What a user can be to a case. */
  public enum Party {
    /** The teacher whose case it is. */
    APPLICANT,
    /** The principal of the school the teacher comes from (dispatching). */
    HOME_PRINCIPAL,
    /** The principal of the school the teacher goes to (receiving). */
    TARGET_PRINCIPAL,
    DISTRICT_OFFICE,
    DISTRICT_ADMIN
  }

  /** Every party the user is to this case; empty: the case is outside their scope. */
  public Set<Party> partiesOf(JiaoliuUser user) {
    Set<Party> parties = EnumSet.noneOf(Party.class);
    if (user.username().equals(teacherUsername)) {
      parties.add(Party.APPLICANT);
    }
    boolean principal = user.has(Role.PRINCIPAL) && user.schoolCode() != null;
    if (principal && user.schoolCode().equals(homeSchoolCode)) {
      parties.add(Party.HOME_PRINCIPAL);
    }
    if (principal && user.schoolCode().equals(targetSchoolCode)) {
      parties.add(Party.TARGET_PRINCIPAL);
    }
    boolean ofDistrict = user.districtCode() != null && user.districtCode().equals(districtCode);
    if (ofDistrict && user.has(Role.TEACHING_OFFICE)) {
      parties.add(Party.DISTRICT_OFFICE);
    }
    if (ofDistrict && user.has(Role.ADMIN)) {
      parties.add(Party.DISTRICT_ADMIN);
    }
    return parties;
  }

  public boolean readableBy(JiaoliuUser user) {
    return !partiesOf(user).isEmpty();
  }

  /**
   * Whether the user may act on the case as this party. Nobody decides their own case: as anything
   * but its applicant, the case's teacher may not act (a principal applying to rotate does not sign
   * the opinion on it).
   */
  public boolean actsAs(JiaoliuUser user, Party party) {
    Set<Party> parties = partiesOf(user);
    return parties.contains(party) && (party == Party.APPLICANT || !parties.contains(Party.APPLICANT));
  }
}
