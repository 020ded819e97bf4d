package cn.jiaoliu.processes.application;

/**
 * Variables that start a {@code rotation-application} instance. Ids only; the application itself
 * lives in the app's database.
 *
 * @param applicationId the application's id
 * @param teacherUsername the applicant (candidate user of the revision step)
 * @param homeSchoolCode the dispatching school (candidate group {@code principal:<code>})
 * @param targetSchoolCode the receiving school (candidate group {@code principal:<code>})
 * @param districtCode the district (candidate group {@code teaching-office:<code>})
 * @param deadlines due periods of the human steps, set per batch
 */
public record ApplicationStart(
    long applicationId,
    String teacherUsername,
    String homeSchoolCode,
    String targetSchoolCode,
    String districtCode,
    Deadlines deadlines) {}
