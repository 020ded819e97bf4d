package cn.jiaoliu.app.tasklist;

import cn.jiaoliu.app.security.JiaoliuUser;
import java.util.Map;

/** Tells the inbox what a process's tasks are about, from the task's variables. One per process. */
public interface TaskSubjectProvider {

  /** Which process, which kind of case, and where its tasks carry the case's id. */
  Cases cases();

  TaskSubject describe(Map<String, Object> variables);

  default String bpmnProcessId() {
    return cases().bpmnProcessId();
  }

  /** What kind of case the tasks belong to, e.g. {@code APPLICATION}; used to filter and audit. */
  default String subjectType() {
    return cases().subjectType();
  }

  /** The case's id in the app's database, from the task's variables; null when absent. */
  default Long subjectId(Map<String, Object> variables) {
    return variables.get(cases().idVariable()) instanceof Number n ? n.longValue() : null;
  }

  /**
   * What the inbox files the task under, so that it can filter tasks without reading the case:
   * read once, when the task arrives. Processes without such attributes return {@link CaseAttributes#NONE}.
   */
  default CaseAttributes attributes(long subjectId) {
    return CaseAttributes.NONE;
  }

  /** What a reminder says of a step of this case whose due date is near. */
  default Notice dueNotice(long subjectId) {
    return new Notice("notification.taskDue", subjectId);
  }

  /** What the supervisors are told of a step of this case that is overdue. */
  default Notice overdueNotice(long subjectId) {
    return new Notice("notification.taskOverdue", subjectId);
  }

  /**
   * The one process instance this case runs in. The first task of an instance tells the case its
   * instance when the app did not learn it (killed right after starting it, an answer lost): the
   * case takes it unless it has one. A task of any other instance belongs to a repeat, which the
   * inbox ends. Processes whose cases run in more than one instance keep the default.
   */
  default long ownInstance(long subjectId, long processInstanceKey) {
    return processInstanceKey;
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
   * The case attributes the inbox files a task under: its batch, its two schools (the home and the
   * target school of a rotation), the direction and the district (whose teaching office supervises
   * the case: an overdue step is shown to it); null where a process has no such attribute.
   */
  record CaseAttributes(Long batchId, String homeSchoolCode, String targetSchoolCode, String direction,
      String districtCode) {
    public static final CaseAttributes NONE = new CaseAttributes(null, null, null, null, null);
  }

  /**
   * A process's cases: its BPMN process id, the kind of case ({@code APPLICATION}), and the process
   * variable that holds the case's id in the app's database ({@code applicationId}).
   */
  record Cases(String bpmnProcessId, String subjectType, String idVariable) {}

  /** A notification's text: a message key and its arguments. */
  record Notice(String messageKey, Object... args) {}
}
