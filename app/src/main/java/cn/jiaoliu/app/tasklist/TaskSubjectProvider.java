package cn.jiaoliu.app.tasklist;

import cn.jiaoliu.app.security.JiaoliuUser;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Tells the inbox what a process's tasks are about, from the task's variables. One per process. */
public interface TaskSubjectProvider {

  /** Which process, which kind of case, and where its tasks carry the case's id. */
  Cases cases();

  TaskSubject describe(Map<String, Object> variables);

  /**
   * Whether this provider describes the tasks of every process no other provider claims: the
   * processes modelled and deployed through the app, whose cases the app keeps generically.
   */
  default boolean anyProcess() {
    return false;
  }

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
   * The case of a task as it arrives: by default the id its variables carry. A process whose
   * instances may be started outside the app (without the id) may find or open a case for the
   * instance here.
   */
  default Long subjectIdOfArrival(Map<String, Object> variables, long processInstanceKey, long processDefinitionKey) {
    return subjectId(variables);
  }

  /**
   * What the inbox files the task under, so that it can filter tasks without reading the case:
   * read once, when the task arrives. Processes without such attributes return {@link CaseAttributes#NONE}.
   */
  default CaseAttributes attributes(long subjectId) {
    return CaseAttributes.NONE;
  }

  /**
   * Whose case it is (the applicant, the teacher assessed): told of each decision taken on it by
   * someone else. Empty for a process whose cases belong to nobody in particular.
   */
  default Optional<String> owner(long subjectId) {
    return Optional.empty();
  }

  /**
   * What a new task of a step tells its candidates: a message key whose {@code {0}} is the step and
   * {@code {1}} the case, e.g. that an application came back to its teacher to be revised.
   */
  default String arrivalMessageKey(String elementId) {
    return "notification.taskArrived";
  }

  /**
   * The human steps a case usually goes through, in order (element ids); the case page shows those
   * not yet reached as still to come. Steps outside it (a revision after a return) show when they occur.
   */
  default List<String> plannedSteps() {
    return List.of();
  }

  /**
   * Whether a decision taken on this step may be taken back (撤回) while the next step is untouched.
   * A step whose completion changed the case for good (a revision applied to the application) says no.
   */
  default boolean recallable(String elementId) {
    return true;
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

  /**
   * Whether the user may read the case: its scope ({@link cn.jiaoliu.app.security.CaseScope}) or a
   * reading granted by the inbox (a copy sent to them, an opinion asked of them). Processes without
   * cases of their own keep the default: nobody but the task's candidates reads them.
   */
  default boolean readable(JiaoliuUser user, long subjectId) {
    return false;
  }

  record Panel(String template, Object model) {}

  /** A message key with its arguments, and the page that shows the case (may be null). */
  record TaskSubject(String messageKey, Object[] args, String link) {}

  /**
   * The case attributes the inbox files a task under: its batch, its two schools (the home and the
   * target school of a rotation), the direction, the district (whose teaching office supervises
   * the case: an overdue step is shown to it) and the person it is about (searched by name); null
   * where a process has no such attribute.
   */
  record CaseAttributes(Long batchId, String homeSchoolCode, String targetSchoolCode, String direction,
      String districtCode, String personName) {
    public static final CaseAttributes NONE = new CaseAttributes(null, null, null, null, null, null);
  }

  /**
   * What an inbox row shows of each case, read for one page of rows at once; a process without
   * such facts returns none and its rows show the case's name only.
   */
  default Map<Long, CaseSummary> summaries(Collection<Long> subjectIds) {
    return Map.of();
  }

  /**
   * An inbox row's facts of its case: the person (the teacher), the two schools by name, the
   * direction's message key, the subject taught, years of service and when the case was submitted;
   * null where a process has no such fact.
   */
  record CaseSummary(String person, String homeSchool, String targetSchool, String directionKey, String subject,
      Integer yearsOfService, OffsetDateTime submittedAt) {}

  /**
   * A process's cases: its BPMN process id, the kind of case ({@code APPLICATION}), and the process
   * variable that holds the case's id in the app's database ({@code applicationId}).
   */
  record Cases(String bpmnProcessId, String subjectType, String idVariable) {}

  /** A notification's text: a message key and its arguments. */
  record Notice(String messageKey, Object... args) {}
}
