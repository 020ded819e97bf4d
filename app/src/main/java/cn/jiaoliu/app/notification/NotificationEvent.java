package cn.jiaoliu.app.notification;

import java.util.Locale;
import java.util.Objects;

/**
 * What a notification tells of: an event of one subject (an application, an assessment, a
 * district's round). A recipient gets each event once, so the key that makes a repeated event a
 * no-op always names its subject: a caller cannot build one without it. Without the subject, the
 * second application approved would have been dropped as a repeat of the first.
 *
 * @param subject the kind of case
 * @param subjectId which one (an application's or assessment's id; a round's district and year)
 * @param event what happened to it, with whatever makes a repetition a new event (step, revision)
 * @param link the page the notification opens (a task, a case), relative to the app; may be null
 * @param districtCode the district whose group channels (WeCom, DingTalk robots) also carry it;
 *     null for an event that stays with its recipients (a decision on one teacher's own case)
 */
public record NotificationEvent(Subject subject, String subjectId, String event, String link, String districtCode) {

  public enum Subject { APPLICATION, ASSESSMENT, ROUND, CASE }

  public NotificationEvent {
    Objects.requireNonNull(subject, "subject");
    if (subjectId == null || subjectId.isBlank() || event == null || event.isBlank()) {
      throw new IllegalArgumentException("a notification event names its subject and what happened");
    }
    if (link != null && !link.startsWith("/")) {
      throw new IllegalArgumentException("a notification links to a page of the app: " + link);
    }
  }

  public static NotificationEvent ofApplication(long applicationId, String event) {
    return new NotificationEvent(Subject.APPLICATION, Long.toString(applicationId), event,
        "/applications/" + applicationId, null);
  }

  public static NotificationEvent ofAssessment(long assessmentId, String event) {
    return new NotificationEvent(Subject.ASSESSMENT, Long.toString(assessmentId), event,
        "/assessments/" + assessmentId, null);
  }

  /** An event of a case of any process, by the kind the inbox files it under ({@code APPLICATION}, …). */
  public static NotificationEvent ofCase(String subjectType, long subjectId, String event) {
    return switch (subjectType) {
      case "APPLICATION" -> ofApplication(subjectId, event);
      case "ASSESSMENT" -> ofAssessment(subjectId, event);
      default -> new NotificationEvent(Subject.CASE, subjectType + "/" + subjectId, event, null, null);
    };
  }

  public static NotificationEvent ofRound(String districtCode, String schoolYear, String event) {
    return new NotificationEvent(Subject.ROUND, districtCode + "/" + schoolYear, event, "/assessment-rounds", null);
  }

  /** The same event opening the task itself: the recipient acts on it from the notification. */
  public NotificationEvent openingTask(long taskId) {
    return new NotificationEvent(subject, subjectId, event, "/tasks/" + taskId, districtCode);
  }

  /** The same event opening another page of the app. */
  public NotificationEvent withLink(String page) {
    return new NotificationEvent(subject, subjectId, event, page, districtCode);
  }

  /** The same event, also posted to the district's group channels that are turned on. */
  public NotificationEvent toDistrictChannels(String district) {
    return new NotificationEvent(subject, subjectId, event, link, district);
  }

  /** The stored key, unique per recipient: {@code application:3:approved}. */
  String dedupKey() {
    return subject.name().toLowerCase(Locale.ROOT) + ":" + subjectId + ":" + event;
  }

  /** The application the notification is about, if it is about one. */
  Long applicationId() {
    return subject == Subject.APPLICATION ? Long.valueOf(subjectId) : null;
  }
}
