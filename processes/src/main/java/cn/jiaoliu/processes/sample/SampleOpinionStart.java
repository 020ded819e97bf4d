package cn.jiaoliu.processes.sample;

/**
 * Variables that start a {@code sample-opinion} instance.
 *
 * @param requestId the request's id in the app's database
 * @param teacherUsername who submitted it (candidate user of the acknowledgement)
 * @param schoolCode the teacher's school (scopes the principal's candidate group)
 * @param opinionDuePeriod ISO-8601 duration until the opinion is overdue, e.g. {@code P7D}
 */
public record SampleOpinionStart(
    long requestId, String teacherUsername, String schoolCode, String opinionDuePeriod) {}
