package cn.jiaoliu.app.tasklist;

import static cn.jiaoliu.app.notification.NotificationService.text;

import cn.jiaoliu.app.audit.AuditTrail;
import cn.jiaoliu.app.notification.NotificationEvent;
import cn.jiaoliu.app.notification.NotificationService;
import cn.jiaoliu.app.security.CandidateKey;
import cn.jiaoliu.app.security.JiaoliuUser;
import cn.jiaoliu.app.security.Role;
import cn.jiaoliu.app.user.UserDirectory;
import cn.jiaoliu.app.web.UserFacingException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 转办: the holder of an open step hands it to one colleague who may act on that step (same school
 * or office and role: the step's own form decides), with a reason. The step then is that person's
 * alone; the rest of the group no longer sees it. Audited on the case; the new holder is told.
 */
@Service
public class Handover {

  static final int REASON_MAX = 500;

  private final TaskAccess access;
  private final TaskQueries queries;
  private final TaskSubjects subjects;
  private final UserDirectory users;
  private final JdbcClient jdbc;
  private final AuditTrail audit;
  private final NotificationService notifications;

  Handover(TaskAccess access, TaskQueries queries, TaskSubjects subjects, UserDirectory users, JdbcClient jdbc,
      AuditTrail audit, NotificationService notifications) {
    this.access = access;
    this.queries = queries;
    this.subjects = subjects;
    this.users = users;
    this.jdbc = jdbc;
    this.audit = audit;
    this.notifications = notifications;
  }

  @Transactional
  public TaskView transfer(JiaoliuUser holder, long taskId, String to, String reason) {
    TaskView task = access.requireMayAct(holder, taskId);
    if (task.claimedBy() != null && !task.claimedBy().equals(holder.username())) {
      throw UserFacingException.conflict("task.claimedByOther", task.claimedBy());
    }
    String why = reason == null ? "" : reason.strip();
    if (why.isEmpty()) {
      throw UserFacingException.field("reason", "transfer.reasonRequired");
    }
    if (why.length() > REASON_MAX) {
      throw UserFacingException.field("reason", "error.tooLong");
    }
    String target = to == null ? "" : to.trim();
    boolean allowed = possibleHolders(holder, task).stream().anyMatch(u -> u.username().equals(target));
    if (!allowed) {
      throw UserFacingException.field("to", "transfer.outOfScope");
    }
    int n = jdbc.sql("""
            update inbox_task set claimed_by = null, transferred_from = :from, version = version + 1
            where id = :id and status = 'OPEN' and (claimed_by is null or claimed_by = :from)""")
        .param("from", holder.username()).param("id", taskId).update();
    if (n == 0) {
      throw UserFacingException.conflict("task.alreadyCompleted");
    }
    jdbc.sql("delete from inbox_task_candidate where task_id = :id").param("id", taskId).update();
    jdbc.sql("insert into inbox_task_candidate (task_id, candidate, task_open) values (:id, :c, true)")
        .param("id", taskId).param("c", CandidateKey.user(target)).update();
    audit.record(task.subjectType(), task.subjectId() == null ? 0 : task.subjectId(), holder.username(),
        holder.primaryRole(), "TASK_TRANSFERRED", task.elementId() + " → " + target + "：" + why);
    if (task.subjectId() != null) {
      TaskSubjectProvider.TaskSubject subject = subjects.of(task);
      notifications.notify(List.of(target), NotificationEvent.ofCase(task.subjectType(), task.subjectId(),
          "transfer-" + taskId + "-" + target).openingTask(taskId), "notification.transferred", holder.displayName(),
          text(task.nameKey()), text(subject.messageKey(), subject.args()), why);
    }
    return queries.byId(taskId).orElseThrow();
  }

  /** Colleagues of the holder who could act on this step themselves. */
  public List<UserDirectory.KnownUser> possibleHolders(JiaoliuUser holder, TaskView task) {
    List<UserDirectory.KnownUser> pool = new ArrayList<>();
    if (holder.has(Role.PRINCIPAL) && holder.schoolCode() != null) {
      pool.addAll(users.principalsOf(holder.schoolCode()));
    }
    if (holder.has(Role.TEACHING_OFFICE) && holder.districtCode() != null) {
      pool.addAll(users.teachingOfficeOf(holder.districtCode()));
    }
    return pool.stream().distinct().filter(u -> !u.username().equals(holder.username()))
        .filter(u -> users.asUser(u.username()).map(other -> access.mayAct(other, task)).orElse(false))
        .toList();
  }

}
