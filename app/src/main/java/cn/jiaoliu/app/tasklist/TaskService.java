package cn.jiaoliu.app.tasklist;

import cn.jiaoliu.app.forms.FormSubmission;
import cn.jiaoliu.app.security.JiaoliuUser;
import cn.jiaoliu.app.web.UserFacingException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * What users do with tasks. Every read and write first checks that the user may see the task; one
 * they may not see is "not found", never "forbidden", so nothing leaks about it.
 */
@Service
public class TaskService {

  private static final Logger log = LoggerFactory.getLogger(TaskService.class);
  private static final int LIST_LIMIT = 200;
  private static final TypeReference<Map<String, Object>> SUBMISSION = new TypeReference<>() {};

  private final TaskQueries queries;
  private final InboxTaskRepository tasks;
  private final ObjectMapper json;
  private final Clock clock;
  private final HolderNames holders;
  private final TaskSubjects subjects;
  private final TaskAccess access;
  private final TaskCompletions completions;

  TaskService(TaskQueries queries, InboxTaskRepository tasks, ObjectMapper json, Clock clock, HolderNames holders,
      TaskSubjects subjects, TaskAccess access, TaskCompletions completions) {
    this.queries = queries;
    this.tasks = tasks;
    this.json = json;
    this.clock = clock;
    this.holders = holders;
    this.subjects = subjects;
    this.access = access;
    this.completions = completions;
  }

  public List<TaskView> open(JiaoliuUser user) {
    return open(user, InboxFilter.NONE);
  }

  public List<TaskView> open(JiaoliuUser user, InboxFilter filter) {
    return queries.openFor(access.keys(user), filter, OffsetDateTime.now(clock), LIST_LIMIT);
  }

  /** One page of the user's open tasks ({@code page} from 1), with how many the filter lets through. */
  InboxPage openPage(JiaoliuUser user, InboxFilter filter, int page, int size) {
    OffsetDateTime now = OffsetDateTime.now(clock);
    int asked = Math.max(page, 1);
    TaskQueries.OpenPage found = queries.openPage(access.keys(user), filter, now, (asked - 1) * size, size);
    long total = found.total();
    int pages = (int) Math.max(1, (total + size - 1) / size);
    int shown = Math.min(asked, pages);
    // asked past the last page (the list shrank meanwhile): the last page
    List<TaskView> rows = shown == asked ? found.tasks()
        : queries.openPage(access.keys(user), filter, now, (shown - 1) * size, size).tasks();
    return new InboxPage(rows, total, shown, pages, size);
  }

  /** A page of the inbox: its rows, how many match in all, which page of how many. */
  record InboxPage(List<TaskView> tasks, long total, int page, int pages, int size) {}

  TaskQueries.FilterChoices filterChoices(JiaoliuUser user) {
    return queries.choicesFor(access.keys(user));
  }

  /** The last step completed in each instance. */
  Map<Long, TaskView> lastCompletedOf(Collection<Long> processInstanceKeys) {
    return queries.lastCompletedOf(processInstanceKeys);
  }

  /**
   * The district's overdue steps, for its teaching office's overview: whose case, which step, since
   * when, and the case's page. The caller checks that the user supervises the district.
   */
  public List<OverdueCase> overdueIn(String districtCode, int limit) {
    return queries.overdueIn(districtCode, OffsetDateTime.now(clock), limit).stream().map(t -> {
      TaskSubjectProvider.TaskSubject subject = subjects.of(t);
      return new OverdueCase(t.id(), subject.messageKey(), subject.args(), t.nameKey(), t.dueAt(),
          subject.link() != null ? subject.link() : "/tasks/" + t.id());
    }).toList();
  }

  /** An overdue step: the case's name (message key and arguments), the step, its due date, the page. */
  public record OverdueCase(long taskId, String caseKey, Object[] caseArgs, String stepKey, OffsetDateTime dueAt,
      String link) {}

  TaskQueries.InboxCounts counts(JiaoliuUser user) {
    return queries.countsFor(access.keys(user), OffsetDateTime.now(clock));
  }

  /** What the user submitted on a task (empty when nothing or unreadable). */
  public Map<String, Object> submission(TaskView task) {
    if (task.submission() == null) {
      return Map.of();
    }
    try {
      return json.readValue(task.submission(), SUBMISSION);
    } catch (JsonProcessingException e) {
      log.warn("unreadable submission of task {}", task.id());
      return Map.of();
    }
  }

  /** Completed tasks of an instance: who decided what, when. Callers check that the user may see the case. */
  public List<TaskView> completedOf(long processInstanceKey) {
    return queries.completedOf(processInstanceKey);
  }

  /**
   * One step of a process as completed in a district, with what the task knew when it arrived and
   * what was submitted on it; for the district's own reports (callers scope to the district).
   */
  public List<CompletedStep> completedSteps(String bpmnProcessId, String elementId, String districtCode) {
    return queries.completedSteps(bpmnProcessId, elementId, districtCode).stream()
        .map(t -> new CompletedStep(t.id(), t.processInstanceKey(), t.closedAt(), subjects.variables(t), submission(t)))
        .toList();
  }

  /** A completed step: the variables it arrived with and what was submitted. */
  public record CompletedStep(long taskId, long processInstanceKey, OffsetDateTime closedAt,
      Map<String, Object> variables, Map<String, Object> submission) {}

  public long countOpen(JiaoliuUser user) {
    return queries.countOpenFor(access.keys(user));
  }

  public List<TaskView> done(JiaoliuUser user) {
    return queries.doneBy(user.username(), LIST_LIMIT);
  }

  public TaskView get(JiaoliuUser user, long id) {
    return access.get(user, id);
  }

  private TaskView requireMayAct(JiaoliuUser user, long id) {
    return access.requireMayAct(user, id);
  }

  public TaskView claim(JiaoliuUser user, long id) {
    requireMayAct(user, id);
    if (tasks.claim(id, user.username()) == 0) {
      throw UserFacingException.conflict("task.claimedByOther", holders.userName(get(user, id).claimedBy()));
    }
    return get(user, id);
  }

  public TaskView unclaim(JiaoliuUser user, long id) {
    TaskView task = requireMayAct(user, id);
    if (task.claimedBy() != null && tasks.unclaim(id, user.username()) == 0) {
      throw UserFacingException.conflict("task.claimedByOther", holders.userName(task.claimedBy()));
    }
    return get(user, id);
  }

  /**
   * Completes a task with a form (see {@link TaskCompletions}): stored first, then sent to the
   * engine; if the engine cannot be reached it is sent again later, so it is never lost.
   */
  public CompletionResult complete(JiaoliuUser user, long id, Map<String, String> fields) {
    return completions.complete(user, id, FormSubmission.single(fields));
  }

  /** Whether the user has or had a step of the case (a candidate of it, its holder or its signer). */
  public boolean hasStepOf(JiaoliuUser user, String subjectType, long subjectId) {
    return queries.hasStepOf(user.candidateKeys(), user.username(), subjectType, subjectId);
  }

  /** Completes a task with a submission that may hold several values per field or nested ones. */
  public CompletionResult complete(JiaoliuUser user, long id, FormSubmission submission) {
    return completions.complete(user, id, submission);
  }



  /** Whether the user may complete the task (seeing it is not enough, e.g. for a supervisor). */
  public boolean mayAct(JiaoliuUser user, TaskView task) {
    return access.mayAct(user, task);
  }

  /** Takes every open task of an instance out of the inbox (the app itself closed the instance's work). */
  public void cancelOpenTasksOf(long processInstanceKey) {
    tasks.cancelOpenTasksOf(processInstanceKey, OffsetDateTime.now(clock));
  }

  private TaskView requireOpen(JiaoliuUser user, long id) {
    return access.requireOpen(user, id);
  }

  /** COMPLETED: the engine has it. QUEUED: stored, and sent as soon as the engine answers. */
  public enum CompletionResult {
    COMPLETED,
    QUEUED
  }
}
