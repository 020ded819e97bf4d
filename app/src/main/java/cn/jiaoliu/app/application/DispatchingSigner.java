package cn.jiaoliu.app.application;

import cn.jiaoliu.app.security.CaseScope.Party;
import cn.jiaoliu.app.security.Role;
import cn.jiaoliu.app.user.UserDirectory;
import cn.jiaoliu.processes.CandidateGroups;
import org.springframework.stereotype.Component;

/**
 * Who signs the dispatching school's opinion on an application: its principals, or, when the
 * applicant is a principal of that school, the district's teaching office. Nobody signs their own
 * case, and a school whose only principal applies would otherwise have nobody to sign.
 */
@Component
class DispatchingSigner {

  private final UserDirectory users;

  DispatchingSigner(UserDirectory users) {
    this.users = users;
  }

  /** Whether the applicant is a principal of the school they would be sent from. */
  boolean applicantIsPrincipal(RotationApplication a) {
    return users.asUser(a.teacherUsername())
        .map(u -> u.has(Role.PRINCIPAL) && a.homeSchoolCode().equals(u.schoolCode())).orElse(false);
  }

  /** The party that signs: the home school's principal, or the office for a principal's own application. */
  Party partyOf(RotationApplication a) {
    return applicantIsPrincipal(a) ? Party.DISTRICT_OFFICE : Party.HOME_PRINCIPAL;
  }

  /** The candidate group of the step ({@code Task_SignOpinion}). */
  String groupOf(RotationApplication a) {
    return applicantIsPrincipal(a) ? CandidateGroups.teachingOfficeOf(a.districtCode())
        : CandidateGroups.principalOf(a.homeSchoolCode());
  }
}
