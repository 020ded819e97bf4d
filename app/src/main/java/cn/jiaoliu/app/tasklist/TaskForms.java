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

  TaskForms(List<TaskFormHandler> handlers) {
    this.byKey = handlers.stream().collect(Collectors.toUnmodifiableMap(TaskFormHandler::formKey, Function.identity()));
  }

  /** What the task's form template needs besides the task (e.g. choices, prefilled fields). */
  Map<String, Object> formModel(TaskView task, JiaoliuUser user) {
    TaskFormHandler handler = byKey.get(task.formKey());
    return handler == null ? Map.of() : handler.formModel(task, user);
  }

  boolean mayAct(TaskView task, JiaoliuUser user) {
    TaskFormHandler handler = byKey.get(task.formKey());
    return handler != null && handler.mayAct(task, user);
  }

  TaskFormHandler forTask(TaskView task) {
    TaskFormHandler handler = task.formKey() == null ? null : byKey.get(task.formKey());
    if (handler == null) {
      throw new UserFacingException(HttpStatus.CONFLICT, "task.noForm", task.formKey());
    }
    return handler;
  }
}
