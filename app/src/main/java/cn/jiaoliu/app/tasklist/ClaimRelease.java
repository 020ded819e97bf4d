package cn.jiaoliu.app.tasklist;

import cn.jiaoliu.app.audit.AuditTrail;
import cn.jiaoliu.app.security.JiaoliuUser;
import cn.jiaoliu.app.security.Role;
import cn.jiaoliu.app.web.UserFacingException;
import org.springframework.stereotype.Service;

/** An administrator's hand on the inbox: a claim nobody else can take back. */
@Service
class ClaimRelease {

  private final TaskQueries queries;
  private final InboxTaskRepository tasks;
  private final AuditTrail audit;

  ClaimRelease(TaskQueries queries, InboxTaskRepository tasks, AuditTrail audit) {
    this.queries = queries;
    this.tasks = tasks;
    this.audit = audit;
  }

  /**
   * Releases a claim whoever holds it (someone away, a claim taken in error), so that the step's
   * holders can take it again; audited. Administrators only ({@code POST /api/tasks/{id}/release}).
   */
  TaskView release(JiaoliuUser admin, long id) {
    TaskView task = queries.byId(id).orElseThrow(UserFacingException::notFound);
    if (task.status() != TaskStatus.OPEN) {
      throw UserFacingException.conflict("task.alreadyCompleted");
    }
    if (tasks.release(id) > 0 && task.subjectType() != null) {
      audit.record(task.subjectType(), task.subjectId(), admin.username(), Role.ADMIN.realmRole(),
          "CLAIM_RELEASED", task.elementId() + " " + task.claimedBy());
    }
    return queries.byId(id).orElseThrow(UserFacingException::notFound);
  }
}
