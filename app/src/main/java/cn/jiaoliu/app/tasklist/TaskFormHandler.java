package cn.jiaoliu.app.tasklist;

import cn.jiaoliu.app.security.JiaoliuUser;
import java.util.Map;

/**
 * Reads and checks what a user entered on a task's form (by the task's form key) and turns it into
 * the variables the task completes with. It changes nothing: the inbox keeps the submission, and the
 * process's own workers record the outcome once the engine has it.
 */
public interface TaskFormHandler {

  String formKey();

  /**
   * @throws cn.jiaoliu.app.web.UserFacingException with field errors when the input is bad
   */
  Map<String, Object> variables(TaskView task, JiaoliuUser user, Map<String, String> fields);

  /** Whether this user may complete the task with this form (checked again on submit). */
  default boolean mayAct(TaskView task, JiaoliuUser user) {
    return true;
  }

  /** Model attributes the form's template needs, such as choices or the fields to start from. */
  default Map<String, Object> formModel(TaskView task, JiaoliuUser user) {
    return Map.of();
  }
}
