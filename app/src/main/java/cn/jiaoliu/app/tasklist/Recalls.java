package cn.jiaoliu.app.tasklist;

import static cn.jiaoliu.app.notification.NotificationService.text;

import cn.jiaoliu.app.audit.AuditTrail;
import cn.jiaoliu.app.engine.EngineUnavailableException;
import cn.jiaoliu.app.notification.NotificationEvent;
import cn.jiaoliu.app.notification.NotificationService;
import cn.jiaoliu.app.persistence.RecordRows;
import cn.jiaoliu.app.security.JiaoliuUser;
import cn.jiaoliu.app.user.UserDirectory;
import cn.jiaoliu.app.web.UserFacingException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * 撤回: whoever completed a step takes the decision back while the next step is untouched (open,
 * not claimed, nobody asked for an opinion on it, nothing decided since). The next step's task is
 * set aside first, so that nobody can take it meanwhile; then the engine ends it and enters the
 * recalled step anew, whose task returns to the one who took it back (see the intake). The recalled
 * task reads RECALLED and no longer counts as an opinion; the case's status follows the step it is at.
 */
@Service
public class Recalls {

  private final TaskAccess access;
  private final TaskSubjects subjects;
  private final JdbcClient jdbc;
  private final TaskEngine engine;
  private final TransactionTemplate tx;
  private final AuditTrail audit;
  private final NotificationService notifications;
  private final UserDirectory users;
  private final Clock clock;

  Recalls(TaskAccess access, TaskSubjects subjects, JdbcClient jdbc, TaskEngine engine, TransactionTemplate tx,
      AuditTrail audit, NotificationService notifications, UserDirectory users, Clock clock) {
    this.access = access;
    this.subjects = subjects;
    this.jdbc = jdbc;
    this.engine = engine;
    this.tx = tx;
    this.audit = audit;
    this.notifications = notifications;
    this.users = users;
    this.clock = clock;
  }

  record NextStep(long id, long elementInstanceKey, String elementId, String bpmnProcessId, String claimedBy,
      OffsetDateTime createdAt, long consultations) {}

  /** Whether the user could take this completed task back now (what the page offers). */
  public boolean mayRecall(JiaoliuUser user, TaskView task) {
    try {
      check(user, task);
      return true;
    } catch (UserFacingException e) {
      return false;
    }
  }

  public void recall(JiaoliuUser user, long taskId) {
    TaskView done = access.get(user, taskId);
    List<NextStep> next = check(user, done);
    OffsetDateTime now = OffsetDateTime.now(clock);
    Integer setAside = tx.execute(status -> {
      int n = 0;
      for (NextStep step : next) {
        n += jdbc.sql("""
                update inbox_task set status = 'CANCELLED', closed_at = :now, version = version + 1
                where id = :id and status = 'OPEN' and claimed_by is null""")
            .param("now", now).param("id", step.id()).update();
      }
      // marked first: the step's new task may arrive before the engine's answer does
      int recalled = jdbc.sql("""
              update inbox_task set status = 'RECALLED', version = version + 1 where id = :id and status = 'COMPLETED'""")
          .param("id", done.id()).update();
      if (n != next.size() || recalled != 1) {
        status.setRollbackOnly();
        return -1;
      }
      return n;
    });
    if (setAside == null || setAside != next.size()) {
      throw UserFacingException.conflict("recall.nextActed");
    }
    try {
      engine.reenter(done.processInstanceKey(), done.elementId(),
          next.stream().map(NextStep::elementInstanceKey).toList());
    } catch (TaskGoneException | EngineUnavailableException e) {
      tx.executeWithoutResult(status -> {
        next.forEach(step -> jdbc.sql("""
            update inbox_task set status = 'OPEN', closed_at = null, version = version + 1
            where id = :id and status = 'CANCELLED'""").param("id", step.id()).update());
        jdbc.sql("update inbox_task set status = 'COMPLETED', version = version + 1 where id = :id and status = 'RECALLED'")
            .param("id", done.id()).update();
      });
      throw e instanceof TaskGoneException ? UserFacingException.conflict("recall.nextActed")
          : (EngineUnavailableException) e;
    }
    tx.executeWithoutResult(status -> {
      next.forEach(step -> jdbc.sql("update inbox_task_candidate set task_open = false where task_id = :id")
          .param("id", step.id()).update());
      if (done.subjectId() != null) {
        audit.record(done.subjectType(), done.subjectId(), user.username(), user.primaryRole(),
            "TASK_RECALLED", done.elementId() + " ← " + String.join(",", next.stream().map(NextStep::elementId)
                .toList()));
        TaskSubjectProvider.TaskSubject subject = subjects.of(done);
        for (NextStep step : next) {
          List<String> told = users.usernamesOf(jdbc.sql(
                  "select candidate from inbox_task_candidate where task_id = :id").param("id", step.id())
              .query(String.class).list());
          notifications.notify(told, NotificationEvent.ofCase(done.subjectType(), done.subjectId(),
                  "recalled-" + step.id()), "notification.recalled", user.displayName(), text(done.nameKey()),
              text(subject.messageKey(), subject.args()));
        }
      }
    });
  }

  private List<NextStep> check(JiaoliuUser user, TaskView done) {
    if (!user.username().equals(done.completedBy())) {
      throw new UserFacingException(HttpStatus.FORBIDDEN, "error.forbidden");
    }
    if (done.status() != TaskStatus.COMPLETED) {
      throw UserFacingException.conflict(done.status() == TaskStatus.COMPLETING ? "task.queued" : "recall.notNow");
    }
    boolean recallable = subjects.provider(done.bpmnProcessId()).map(p -> p.recallable(done.elementId()))
        .orElse(true);
    if (!recallable) {
      throw UserFacingException.conflict("recall.notThisStep");
    }
    long decidedSince = jdbc.sql("""
            select count(*) from inbox_task where process_instance_key = :k and id <> :id
              and status in ('COMPLETING', 'COMPLETED') and closed_at >= :closed""")
        .param("k", done.processInstanceKey()).param("id", done.id()).param("closed", done.closedAt())
        .query(Long.class).single();
    List<NextStep> next = jdbc.sql("""
            select t.id, t.element_instance_key, t.element_id, t.bpmn_process_id, t.claimed_by, t.created_at,
              (select count(*) from task_consultation c where c.task_id = t.id) as consultations
            from inbox_task t where t.process_instance_key = :k and t.status = 'OPEN' order by t.id""")
        .param("k", done.processInstanceKey()).query(RecordRows.of(NextStep.class)).list();
    boolean untouched = !next.isEmpty() && decidedSince == 0 && next.stream().allMatch(s -> s.claimedBy() == null
        && s.consultations() == 0 && s.id() > done.id());
    if (!untouched) {
      throw UserFacingException.conflict("recall.nextActed");
    }
    return next;
  }
}
