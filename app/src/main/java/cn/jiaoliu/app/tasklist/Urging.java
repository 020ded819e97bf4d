package cn.jiaoliu.app.tasklist;

import static cn.jiaoliu.app.notification.NotificationService.text;

import cn.jiaoliu.app.audit.AuditTrail;
import cn.jiaoliu.app.notification.NotificationEvent;
import cn.jiaoliu.app.notification.NotificationService;
import cn.jiaoliu.app.security.JiaoliuUser;
import cn.jiaoliu.app.security.Role;
import cn.jiaoliu.app.user.UserDirectory;
import cn.jiaoliu.app.web.UserFacingException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 催办: the case's owner (the applicant, the teacher assessed) or the district's teaching office
 * urges whoever holds an open step: its claimant, else its candidates (in the app and by mail). At
 * most once a day per step, whoever urges; audited on the case.
 */
@Service
public class Urging {

  private final TaskQueries queries;
  private final TaskSubjects subjects;
  private final CaseReaders readers;
  private final JdbcClient jdbc;
  private final UserDirectory users;
  private final NotificationService notifications;
  private final AuditTrail audit;
  private final Delegations delegations;
  private final Clock clock;

  Urging(TaskQueries queries, TaskSubjects subjects, CaseReaders readers, JdbcClient jdbc, UserDirectory users,
      NotificationService notifications, AuditTrail audit, Delegations delegations, Clock clock) {
    this.queries = queries;
    this.subjects = subjects;
    this.readers = readers;
    this.jdbc = jdbc;
    this.users = users;
    this.notifications = notifications;
    this.audit = audit;
    this.delegations = delegations;
    this.clock = clock;
  }

  /** Whether the user may urge this step: it is open, of a case they own or supervise, not urged today. */
  public boolean mayUrge(JiaoliuUser user, TaskView task) {
    return task.status() == TaskStatus.OPEN && task.subjectId() != null && entitled(user, task)
        && !urgedToday(task.id());
  }

  /** Urges the step's holders; returns whom it reached. */
  @Transactional
  public List<String> urge(JiaoliuUser user, long taskId) {
    TaskView task = queries.byId(taskId).filter(t -> t.subjectId() != null
        && readers.mayRead(user, t.subjectType(), t.subjectId())).orElseThrow(UserFacingException::notFound);
    if (!entitled(user, task)) {
      throw new UserFacingException(HttpStatus.FORBIDDEN, "error.forbidden");
    }
    if (task.status() != TaskStatus.OPEN) {
      throw UserFacingException.conflict("task.alreadyCompleted");
    }
    LocalDate today = delegations.today();
    int n = jdbc.sql("""
            insert into task_urge (task_id, urged_on, urged_by, created_at)
            select :t, :d, :u, :now where not exists (select 1 from task_urge where task_id = :t and urged_on = :d)""")
        .param("t", taskId).param("d", today).param("u", user.username()).param("now", OffsetDateTime.now(clock))
        .update();
    if (n == 0) {
      throw UserFacingException.conflict("urge.onceADay");
    }
    List<String> holders = task.claimedBy() != null ? List.of(task.claimedBy())
        : users.usernamesOf(queries.candidatesOf(taskId));
    TaskSubjectProvider.TaskSubject subject = subjects.of(task);
    notifications.notify(holders.stream().filter(h -> !h.equals(user.username())).toList(),
        NotificationEvent.ofCase(task.subjectType(), task.subjectId(), "urge-" + taskId + "-" + today)
            .openingTask(taskId),
        "notification.urged", user.displayName(), text(task.nameKey()), text(subject.messageKey(), subject.args()));
    audit.record(task.subjectType(), task.subjectId(), user.username(), user.primaryRole(), "TASK_URGED",
        task.elementId() + " " + String.join(",", holders));
    return holders;
  }

  private boolean entitled(JiaoliuUser user, TaskView task) {
    boolean owner = subjects.provider(task.bpmnProcessId()).flatMap(p -> p.owner(task.subjectId()))
        .map(user.username()::equals).orElse(false);
    boolean office = user.has(Role.TEACHING_OFFICE) && user.districtCode() != null
        && user.districtCode().equals(districtOf(task.id()));
    boolean holder = queries.candidatesOf(task.id()).stream().anyMatch(user.candidateKeys()::contains)
        || user.username().equals(task.claimedBy());
    return (owner || office) && !holder;
  }

  /** Whether someone urged the step today (the bureau's day). */
  boolean urgedToday(long taskId) {
    return jdbc.sql("select count(*) from task_urge where task_id = :t and urged_on = :d").param("t", taskId)
        .param("d", delegations.today()).query(Long.class).single() > 0;
  }

  private String districtOf(long taskId) {
    return jdbc.sql("select district_code from inbox_task where id = :id").param("id", taskId)
        .query(String.class).optional().orElse(null);
  }
}
