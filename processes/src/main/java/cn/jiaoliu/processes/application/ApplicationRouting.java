package cn.jiaoliu.processes.application;

import cn.jiaoliu.processes.CandidateGroups;

/**
 * The application's data that the process routes by (candidate users and groups of the human
 * steps), as the app's database holds it now. The start sets these variables, and
 * {@code collect-eligibility-facts} sets them again after every revision: a revision that changes
 * the target school must send {@code Task_AcceptTeacher} to the new school's principal, not to the
 * school the instance was started with.
 *
 * @param teacherUsername the applicant (candidate user of the revision step)
 * @param homeSchoolCode the dispatching school (candidate group {@code principal:<code>})
 * @param targetSchoolCode the receiving school (candidate group {@code principal:<code>})
 * @param districtCode the district (candidate group {@code teaching-office:<code>})
 * @param dispatchingSigner who signs the dispatching school's opinion ({@code Task_SignOpinion}):
 *     the school's principals ({@code principal:<home>}), or, when the applicant is a principal of
 *     that school, the district's teaching office: nobody signs their own case. Absent (older
 *     instances): the school's principals.
 */
public record ApplicationRouting(String teacherUsername, String homeSchoolCode, String targetSchoolCode,
    String districtCode, String dispatchingSigner) {

  /** The routing of an application whose applicant is an ordinary teacher of the home school. */
  public static ApplicationRouting of(String teacherUsername, String homeSchoolCode, String targetSchoolCode,
      String districtCode) {
    return new ApplicationRouting(teacherUsername, homeSchoolCode, targetSchoolCode, districtCode,
        CandidateGroups.principalOf(homeSchoolCode));
  }
}
