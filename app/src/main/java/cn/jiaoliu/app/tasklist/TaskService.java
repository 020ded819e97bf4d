package cn.jiaoliu.app.tasklist;

import cn.jiaoliu.app.audit.AuditTrail;
import cn.jiaoliu.app.engine.EngineUnavailableException;
import cn.jiaoliu.app.security.CandidateKey;
import cn.jiaoliu.app.security.JiaoliuUser;
import cn.jiaoliu.app.web.UserFacingException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

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
  private final TaskForms forms;
  private final TaskEngine engine;
  private final ObjectMapper json;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final AuditTrail audit;
  private final ApplicationEventPublisher events;
  private final HolderNames holders;
  private final TaskSubjects subjects;

  private final Delegations delegations;
  private final TaskAccess access;
  private final Consultations consultations;
  private final MessageSource messages;

  TaskService(TaskQueries queries, InboxTaskRepository tasks, TaskForms forms, TaskEngine engine,
      ObjectMapper json, TransactionTemplate tx, Clock clock, AuditTrail audit,
      ApplicationEventPublisher events, HolderNames holders, TaskSubjects subjects, Delegations delegations,
      Consultations consultations, MessageSource messages, TaskAccess access) {
    this.access = access;
    this.delegations = delegations;
    this.consultations = consultations;
    this.messages = messages;
    this.subjects = subjects;
    this.holders = holders;
    this.queries = queries;
    this.tasks = tasks;
    this.forms = forms;
    this.engine = engine;
    this.json = json;
    this.tx = tx;
    this.clock = clock;
    this.audit = audit;
    this.events = events;
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
    long total = queries.countOpenFor(access.keys(user), filter, now);
    int pages = (int) Math.max(1, (total + size - 1) / size);
    int shown = Math.min(Math.max(page, 1), pages);
    return new InboxPage(queries.openFor(access.keys(user), filter, now, (shown - 1) * size, size), total, shown,
        pages, size);
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
   * Completes a task with a form. The submission is stored first (status COMPLETING) and then sent to
   * the engine; if the engine cannot be reached it is sent again later, so it is never lost.
   */
  public CompletionResult complete(JiaoliuUser user, long id, Map<String, String> fields) {
    TaskView task = requireMayAct(user, id);
    String onBehalfOf = signingFor(user, task, fields.get("onBehalfOf"));
    if (task.claimedBy() != null && !task.claimedBy().equals(user.username())
        && !task.claimedBy().equals(onBehalfOf)) {
      throw UserFacingException.conflict("task.claimedByOther", holders.userName(task.claimedBy()));
    }
    consultations.requireNoneAwaited(task.id());
    Map<String, Object> variables = forms.forTask(task).variables(task, user, fields);
    String submission = write(variables);
    OffsetDateTime now = OffsetDateTime.now(clock);
    String signer = onBehalfOf == null ? user.displayName()
        : messages.getMessage("task.deputySigned", new Object[] {holders.userName(onBehalfOf), user.displayName()},
            Locale.SIMPLIFIED_CHINESE);
    Integer changed = tx.execute(status -> {
      int n = tasks.startCompletion(id, user.username(), signer, onBehalfOf, submission, now);
      if (n > 0 && task.subjectType() != null) {
        audit.record(task.subjectType(), task.subjectId(), user.username(), primaryRole(user), "TASK_SUBMITTED",
            task.elementId() + (onBehalfOf == null ? "" : " onBehalfOf=" + onBehalfOf) + " " + submission);
      }
      return n;
    });
    if (changed == null || changed == 0) {
      // it left OPEN meanwhile: say why (completed by someone else, or gone from the engine)
      requireOpen(user, id);
      throw UserFacingException.conflict("task.alreadyCompleted");
    }
    return deliver(id, task.jobKey(), variables, true);
  }

  /**
   * Sends a stored submission to the engine; used by {@link #complete} (whose start of the
   * completion counted this first attempt) and by the retries.
   */
  CompletionResult deliver(long id, long jobKey, Map<String, Object> variables, boolean firstAttempt) {
    OffsetDateTime now = OffsetDateTime.now(clock);
    if (!firstAttempt) {
      tasks.countCompletionAttempt(id, now);
    }
    try {
      engine.complete(jobKey, variables);
    } catch (TaskGoneException e) {
      if (firstAttempt) {
        tasks.close(id, TaskStatus.CANCELLED.name(), now);
        throw UserFacingException.conflict("task.gone");
      }
      // an earlier attempt whose answer we never saw most likely went through
      log.warn("job {} was gone when its submission was re-sent; counting it as completed", jobKey);
    } catch (EngineUnavailableException e) {
      log.warn("engine unavailable completing task {}; the submission is kept and re-sent", id);
      return CompletionResult.QUEUED;
    }
    completed(id, variables, now);
    return CompletionResult.COMPLETED;
  }

  /**
   * The engine has the submission: the task is closed and its listeners record what it decided (an
   * assessment's self-evaluation, an approval) in one transaction. If that fails, or the app dies
   * first, the task stays COMPLETING and the re-send finds the job gone and comes back here.
   */
  private void completed(long id, Map<String, Object> variables, OffsetDateTime now) {
    try {
      tx.executeWithoutResult(status -> {
        // the row only: its candidate rows were closed when the submission started
        if (tasks.closeRow(id, TaskStatus.COMPLETED.name(), now) > 0) {
          queries.byId(id).ifPresent(t -> events.publishEvent(new UserTaskCompleted(t.id(), t.bpmnProcessId(),
              t.elementId(), t.subjectType(), t.subjectId(), t.completedBy(), variables)));
        }
      });
    } catch (RuntimeException e) {
      log.warn("recording the completion of task {} failed ({}); it is recorded when the submission is re-sent",
          id, e.toString());
    }
  }

  /**
   * Whom the user signs for (委托), or null for themselves. A step that is the delegator's own
   * (handed or claimed to them) is always signed in their name; a step the user could sign
   * themselves is signed in a delegator's name when the user asks ({@code onBehalfOf}) and stands
   * in for that person today.
   */
  private String signingFor(JiaoliuUser user, TaskView task, String asked) {
    List<String> candidates = queries.candidatesOf(task.id());
    List<String> standsInFor = delegations.delegatorsOf(user.username());
    for (String delegator : standsInFor) {
      boolean theirs = delegator.equals(task.claimedBy()) || candidates.contains(CandidateKey.user(delegator));
      if (theirs) {
        return delegator;
      }
    }
    if (asked == null || asked.isBlank()) {
      return null;
    }
    if (!standsInFor.contains(asked)) {
      throw new UserFacingException(HttpStatus.FORBIDDEN, "delegation.notActive");
    }
    return asked;
  }

  /** Whom the user may sign this task for today: the delegators whose step it is or who could sign it. */
  public List<String> mayActFor(JiaoliuUser user, TaskView task) {
    return task.status() == TaskStatus.OPEN ? delegations.delegatorsOf(user.username()) : List.of();
  }

  static String primaryRole(JiaoliuUser user) {
    return user.roles().stream().sorted().map(r -> r.realmRole()).findFirst().orElse("none");
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

  private String write(Map<String, Object> variables) {
    try {
      return json.writeValueAsString(variables);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("task variables must be JSON", e);
    }
  }

  /** COMPLETED: the engine has it. QUEUED: stored, and sent as soon as the engine answers. */
  public enum CompletionResult {
    COMPLETED,
    QUEUED
  }
}
