package cn.jiaoliu.app.tasklist;

import static cn.jiaoliu.app.notification.NotificationService.text;

import cn.jiaoliu.app.notification.NotificationEvent;
import cn.jiaoliu.app.notification.NotificationService;
import cn.jiaoliu.app.security.CandidateKey;
import cn.jiaoliu.app.user.UserDirectory;
import java.util.List;
import java.util.Optional;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Tells people when work arrives and when their case moves, for every process: a new task reaches
 * its candidates (and, when it is a group's work, the district's group channels), a decision on a
 * case reaches the case's owner. Each notification opens the task or the case. Runs in the
 * transaction that stores the arrival or the completion, so it is told exactly when that happened.
 */
@Component
class TaskNotices {

  private final JdbcClient jdbc;
  private final TaskQueries queries;
  private final TaskSubjects subjects;
  private final UserDirectory users;
  private final NotificationService notifications;

  TaskNotices(JdbcClient jdbc, TaskQueries queries, TaskSubjects subjects, UserDirectory users,
      NotificationService notifications) {
    this.jdbc = jdbc;
    this.queries = queries;
    this.subjects = subjects;
    this.users = users;
    this.notifications = notifications;
  }

  @EventListener
  void arrived(UserTaskArrived arrival) {
    Optional<TaskView> found = queries.byId(arrival.taskId());
    if (found.isEmpty() || arrival.subjectId() == null) {
      return;
    }
    TaskView task = found.get();
    List<String> candidates = candidates(task.id());
    TaskSubjectProvider.TaskSubject subject = subjects.of(task);
    String messageKey = subjects.provider(task.bpmnProcessId())
        .map(p -> p.arrivalMessageKey(task.elementId())).orElse("notification.taskArrived");
    NotificationEvent event = NotificationEvent.ofCase(task.subjectType(), task.subjectId(), "task-" + task.id())
        .openingTask(task.id());
    // a group's work also goes to the district's group channels; one person's (a teacher's
    // revision) stays with that person
    boolean groupWork = candidates.stream().anyMatch(c -> c.startsWith(CandidateKey.group("")));
    String district = groupWork ? districtOf(task.id()) : null;
    notifications.notify(users.usernamesOf(candidates), district == null ? event : event.toDistrictChannels(district),
        messageKey, text(task.nameKey()), text(subject.messageKey(), subject.args()));
  }

  @EventListener
  void completed(UserTaskCompleted completion) {
    if (completion.subjectId() == null) {
      return;
    }
    subjects.provider(completion.bpmnProcessId())
        .flatMap(p -> p.owner(completion.subjectId()))
        .filter(owner -> !owner.equals(completion.completedBy()))
        .ifPresent(owner -> queries.byId(completion.taskId()).ifPresent(task -> {
          TaskSubjectProvider.TaskSubject subject = subjects.of(task);
          NotificationEvent event = NotificationEvent.ofCase(task.subjectType(), task.subjectId(),
              "decided-" + task.id());
          Object outcome = outcome(completion);
          Object who = task.signerName() == null ? "" : task.signerName();
          if (outcome == null) {
            notifications.notify(List.of(owner), event, "notification.stepDone", text(subject.messageKey(),
                subject.args()), who, text(task.nameKey()));
          } else {
            notifications.notify(List.of(owner), event, "notification.decided", text(subject.messageKey(),
                subject.args()), who, text(task.nameKey()), outcome);
          }
        }));
  }

  /** What the step decided, as a text of its own: a decision (同意, 退回修改), or a grade. */
  private static Object outcome(UserTaskCompleted completion) {
    if (completion.variables().get("decision") instanceof String decision && !decision.isBlank()) {
      return text("decision." + decision);
    }
    if (completion.variables().get("grade") instanceof String grade && !grade.isBlank()) {
      return text("grade." + grade);
    }
    return null;
  }

  private List<String> candidates(long taskId) {
    return jdbc.sql("select candidate from inbox_task_candidate where task_id = :id order by candidate")
        .param("id", taskId).query(String.class).list();
  }

  private String districtOf(long taskId) {
    return jdbc.sql("select district_code from inbox_task where id = :id").param("id", taskId)
        .query(String.class).optional().orElse(null);
  }
}
