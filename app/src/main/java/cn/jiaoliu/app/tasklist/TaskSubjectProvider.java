package cn.jiaoliu.app.tasklist;

import java.util.Map;

/** Tells the inbox what a process's tasks are about, from the task's variables. One per process. */
public interface TaskSubjectProvider {

  String bpmnProcessId();

  TaskSubject describe(Map<String, Object> variables);

  /** A message key with its arguments, and the page that shows the case (may be null). */
  record TaskSubject(String messageKey, Object[] args, String link) {}
}
