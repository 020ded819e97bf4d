package cn.jiaoliu.app.tasklist;

import cn.jiaoliu.app.security.JiaoliuUser;

import cn.jiaoliu.app.web.UserFacingException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/** Every form handler, by form key. */
@Component
class TaskForms {

  private final Map<String, TaskFormHandler> byKey;
  private final List<ModelledForms> modelled;

  TaskForms(List<TaskFormHandler> handlers, List<ModelledForms> modelled) {
    this.byKey = handlers.stream().collect(Collectors.toUnmodifiableMap(TaskFormHandler::formKey, Function.identity()));
    this.modelled = List.copyOf(modelled);
  }

  /** The form's handler: the app's own for its processes, else a modelled process's Camunda Form. */
  private TaskFormHandler handler(TaskView task) {
    TaskFormHandler own = task.formKey() == null ? null : byKey.get(task.formKey());
    if (own != null) {
      return own;
    }
    for (ModelledForms forms : modelled) {
      var found = forms.handlerFor(task);
      if (found.isPresent()) {
        return found.get();
      }
    }
    return null;
  }

  /** What the task's form template needs besides the task (e.g. choices, prefilled fields). */
  Map<String, Object> formModel(TaskView task, JiaoliuUser user) {
    TaskFormHandler handler = handler(task);
    return handler == null ? Map.of() : handler.formModel(task, user);
  }

  /** Whether the task's form is a modelled process's Camunda Form (not one of the app's own). */
  boolean modelled(TaskView task) {
    return (task.formKey() == null || !byKey.containsKey(task.formKey())) && handler(task) != null;
  }

  /** The variables a reader of the task is shown: a Camunda Form's task shows what its form reads. */
  Map<String, Object> shownVariables(TaskView task, Map<String, Object> all) {
    TaskFormHandler handler = handler(task);
    return handler == null ? Map.of() : handler.shownVariables(all);
  }

  boolean mayAct(TaskView task, JiaoliuUser user) {
    TaskFormHandler handler = handler(task);
    return handler != null && handler.mayAct(task, user);
  }

  TaskFormHandler forTask(TaskView task) {
    TaskFormHandler handler = handler(task);
    if (handler == null) {
      throw new UserFacingException(HttpStatus.CONFLICT, "task.noForm", task.formKey());
    }
    return handler;
  }
}
