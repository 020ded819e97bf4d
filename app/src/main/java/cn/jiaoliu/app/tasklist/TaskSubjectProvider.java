package cn.jiaoliu.app.tasklist;

import cn.jiaoliu.app.security.JiaoliuUser;
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
   * What the inbox files the task under, so that it can filter tasks without reading the case:
   * read once, when the task arrives. Processes without such attributes return {@link CaseAttributes#NONE}.
   */
  default CaseAttributes attributes(long subjectId) {
    return CaseAttributes.NONE;
  }

  /**
   * What the task page shows beside the form: a Thymeleaf template with a {@code panel} fragment
   * that reads {@code ${panel}}, and its model. The provider checks that the user may see the case.
   */
  default Panel panel(JiaoliuUser user, long subjectId) {
    return null;
  }

  record Panel(String template, Object model) {}

  /** A message key with its arguments, and the page that shows the case (may be null). */
  record TaskSubject(String messageKey, Object[] args, String link) {}

  /**
   * The case attributes the inbox filters on: its batch, its two schools (the home and the target
   * school of a rotation) and the direction; null where a process has no such attribute.
   */
  record CaseAttributes(Long batchId, String homeSchoolCode, String targetSchoolCode, String direction) {
    public static final CaseAttributes NONE = new CaseAttributes(null, null, null, null);
  }
}
