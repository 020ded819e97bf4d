package cn.jiaoliu.processes.assessment;

/**
 * Variables that start an {@code annual-assessment} instance, one per active assignment and school
 * year. Ids only; the self-evaluation, opinions and the archived record live in the app's database.
 *
 * @param assessmentId the assessment's id
 * @param assignmentId the assignment (rotation record) assessed
 * @param teacherUsername the rotating teacher (candidate user of the self-evaluation)
 * @param dispatchingSchoolCode the dispatching school (candidate group {@code principal:<code>} of the opinion)
 * @param receivingSchoolCode the receiving school (candidate group {@code principal:<code>} of the assessment)
 * @param districtCode the district (candidate group {@code teaching-office:<code>} of the approval)
 * @param schoolYear the school year assessed, e.g. {@code 2026-2027}
 * @param deadlines due periods of the human steps
 */
public record AssessmentStart(
    long assessmentId,
    long assignmentId,
    String teacherUsername,
    String dispatchingSchoolCode,
    String receivingSchoolCode,
    String districtCode,
    String schoolYear,
    AssessmentDeadlines deadlines) {}
