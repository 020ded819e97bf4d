package cn.jiaoliu.app.tasklist;

import cn.jiaoliu.app.forms.FormSubmission;
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

  /**
   * The variables from a submission that may hold several values per field (a checklist) or nested
   * ones (a group, a list); forms of one value per field take the first of each.
   */
  default Map<String, Object> variables(TaskView task, JiaoliuUser user, FormSubmission submission) {
    return variables(task, user, submission.singleValues());
  }

  /** Whether this user may complete the task with this form (checked again on submit). */
  default boolean mayAct(TaskView task, JiaoliuUser user) {
    return true;
  }

  /** What of the task's variables its readers are shown (the API's task): all, unless the form says less. */
  default Map<String, Object> shownVariables(Map<String, Object> all) {
    return all;
  }

  /** Model attributes the form's template needs, such as choices or the fields to start from. */
  default Map<String, Object> formModel(TaskView task, JiaoliuUser user) {
    return Map.of();
  }
}
