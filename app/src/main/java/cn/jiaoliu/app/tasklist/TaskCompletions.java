package cn.jiaoliu.app.tasklist;

import cn.jiaoliu.app.audit.AuditTrail;
import cn.jiaoliu.app.engine.EngineUnavailableException;
import cn.jiaoliu.app.forms.FormSubmission;
import cn.jiaoliu.app.security.JiaoliuUser;
import cn.jiaoliu.app.tasklist.TaskService.CompletionResult;
import cn.jiaoliu.app.web.UserFacingException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Completing a task: the user's submission is checked by the task's form, stored (status
 * COMPLETING, with the signer's name, a deputy's "王芳（李明代签）") and sent to the engine; if
 * the engine cannot be reached it is sent again later, so it is never lost. A step waiting for the
 * opinions its holder asked for cannot be completed until they are in.
 */
@Service
class TaskCompletions {

  private static final Logger log = LoggerFactory.getLogger(TaskCompletions.class);

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
  private final Delegations delegations;
  private final Consultations consultations;
  private final MessageSource messages;
  private final TaskAccess access;

  TaskCompletions(TaskQueries queries, InboxTaskRepository tasks, TaskForms forms, TaskEngine engine, ObjectMapper json,
      TransactionTemplate tx, Clock clock, AuditTrail audit, ApplicationEventPublisher events, HolderNames holders,
      Delegations delegations, Consultations consultations, MessageSource messages, TaskAccess access) {
    this.queries = queries;
    this.tasks = tasks;
    this.forms = forms;
    this.engine = engine;
    this.json = json;
    this.tx = tx;
    this.clock = clock;
    this.audit = audit;
    this.events = events;
    this.holders = holders;
    this.delegations = delegations;
    this.consultations = consultations;
    this.messages = messages;
    this.access = access;
  }

  /**
   * Completes a task with a form. The submission is stored first (status COMPLETING) and then sent to
   * the engine; if the engine cannot be reached it is sent again later, so it is never lost.
   */
  public CompletionResult complete(JiaoliuUser user, long id, FormSubmission fields) {
    TaskView task = access.requireMayAct(user, id);
    String onBehalfOf = signingFor(user, task, fields.first("onBehalfOf"));
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
        audit.record(task.subjectType(), task.subjectId(), user.username(), user.primaryRole(), "TASK_SUBMITTED",
            task.elementId() + (onBehalfOf == null ? "" : " onBehalfOf=" + onBehalfOf) + " " + submission);
      }
      return n;
    });
    if (changed == null || changed == 0) {
      // it left OPEN meanwhile: say why (completed by someone else, or gone from the engine)
      access.requireOpen(user, id);
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
    Optional<String> owner = delegations.whoseOwnStep(user.username(), task, queries.candidatesOf(task.id()));
    if (owner.isPresent()) {
      return owner.get();
    }
    if (asked == null || asked.isBlank()) {
      return null;
    }
    if (!delegations.standsInFor(user.username(), asked)) {
      throw new UserFacingException(HttpStatus.FORBIDDEN, "delegation.notActive");
    }
    return asked;
  }

  private String write(Map<String, Object> variables) {
    try {
      return json.writeValueAsString(variables);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("task variables must be JSON", e);
    }
  }

}
