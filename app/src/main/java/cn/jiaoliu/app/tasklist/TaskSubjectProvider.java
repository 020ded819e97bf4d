package cn.jiaoliu.app.tasklist;

import java.util.Map;

/** Tells the inbox what a process's tasks are about, from the task's variables. One per process. */
public interface TaskSubjectProvider {

  String bpmnProcessId();

  TaskSubject describe(Map<String, Object> variables);

  /** What kind of case the tasks belong to, e.g. {@code APPLICATION}; used to filter and audit. */
  String subjectType();

  /** The case's id in the app's database, from the task's variables; null when absent. */
  Long subjectId(Map<String, Object> variables);

  /**
   * What the task page shows beside the form: a Thymeleaf template with a {@code panel} fragment
   * that reads {@code ${panel}}, and its model. The provider checks that the user may see the case.
   */
  default Panel panel(cn.jiaoliu.app.security.JiaoliuUser user, long subjectId) {
    return null;
  }

  record Panel(String template, Object model) {}

  /** A message key with its arguments, and the page that shows the case (may be null). */
  record TaskSubject(String messageKey, Object[] args, String link) {}
}
