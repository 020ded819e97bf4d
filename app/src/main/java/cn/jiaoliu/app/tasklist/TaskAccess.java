package cn.jiaoliu.app.tasklist;

import cn.jiaoliu.app.security.CandidateKey;
import cn.jiaoliu.app.security.JiaoliuUser;
import cn.jiaoliu.app.web.UserFacingException;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Who sees and who may act on a task, for everything done with one (completing, handing over,
 * asking an opinion, urging, taking back). Seeing: one of the user's candidate keys, or a key of
 * someone they stand in for today, is among the task's candidates, or they completed it; a task
 * one may not see is "not found". Acting: the task's form says the user may (a supervising office
 * sees an overdue principal's step but does not sign it; nobody decides their own case).
 */
@Component
class TaskAccess {

  private final TaskQueries queries;
  private final TaskForms forms;
  private final Delegations delegations;

  TaskAccess(TaskQueries queries, TaskForms forms, Delegations delegations) {
    this.queries = queries;
    this.forms = forms;
    this.delegations = delegations;
  }

  List<String> keys(JiaoliuUser user) {
    return delegations.keysOf(user);
  }

  TaskView get(JiaoliuUser user, long id) {
    return queries.visible(id, keys(user), user.username()).orElseThrow(UserFacingException::notFound);
  }

  TaskView requireOpen(JiaoliuUser user, long id) {
    TaskView task = get(user, id);
    return switch (task.status()) {
      case OPEN -> task;
      case COMPLETING, COMPLETED -> throw UserFacingException.conflict("task.alreadyCompleted");
      case CANCELLED, RECALLED -> throw UserFacingException.conflict("task.gone");
    };
  }

  /**
   * The app's own forms say who acts on their steps; a modelled process's step is acted on by its
   * candidates (or someone standing in for one), never by an office that only supervises it.
   */
  boolean mayAct(JiaoliuUser user, TaskView task) {
    if (!forms.mayAct(task, user)) {
      return false;
    }
    if (!forms.modelled(task)) {
      return true;
    }
    List<String> keys = keys(user);
    return task.claimedBy() != null ? keys.contains(CandidateKey.user(task.claimedBy()))
        : queries.candidatesOf(task.id()).stream().anyMatch(keys::contains);
  }

  TaskView requireMayAct(JiaoliuUser user, long id) {
    TaskView task = requireOpen(user, id);
    if (!mayAct(user, task)) {
      throw new UserFacingException(HttpStatus.FORBIDDEN, "error.forbidden");
    }
    return task;
  }
}
