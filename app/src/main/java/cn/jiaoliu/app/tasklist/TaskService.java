package cn.jiaoliu.app.tasklist;

import cn.jiaoliu.app.engine.EngineUnavailableException;
import cn.jiaoliu.app.security.JiaoliuUser;
import cn.jiaoliu.app.web.UserFacingException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

  private final TaskQueries queries;
  private final InboxTaskRepository tasks;
  private final TaskForms forms;
  private final TaskEngine engine;
  private final ObjectMapper json;
  private final TransactionTemplate tx;
  private final Clock clock;

  TaskService(TaskQueries queries, InboxTaskRepository tasks, TaskForms forms, TaskEngine engine,
      ObjectMapper json, TransactionTemplate tx, Clock clock) {
    this.queries = queries;
    this.tasks = tasks;
    this.forms = forms;
    this.engine = engine;
    this.json = json;
    this.tx = tx;
    this.clock = clock;
  }

  public List<TaskView> open(JiaoliuUser user) {
    return queries.openFor(user.candidateKeys(), LIST_LIMIT);
  }

  public long countOpen(JiaoliuUser user) {
    return queries.countOpenFor(user.candidateKeys());
  }

  public List<TaskView> done(JiaoliuUser user) {
    return queries.doneBy(user.username(), LIST_LIMIT);
  }

  public TaskView get(JiaoliuUser user, long id) {
    return queries.visible(id, user.candidateKeys(), user.username()).orElseThrow(UserFacingException::notFound);
  }

  public TaskView claim(JiaoliuUser user, long id) {
    requireOpen(user, id);
    if (tasks.claim(id, user.username()) == 0) {
      throw UserFacingException.conflict("task.claimedByOther", get(user, id).claimedBy());
    }
    return get(user, id);
  }

  public TaskView unclaim(JiaoliuUser user, long id) {
    TaskView task = requireOpen(user, id);
    if (task.claimedBy() != null && tasks.unclaim(id, user.username()) == 0) {
      throw UserFacingException.conflict("task.claimedByOther", task.claimedBy());
    }
    return get(user, id);
  }

  /**
   * Completes a task with a form. The submission is stored first (status COMPLETING) and then sent to
   * the engine; if the engine cannot be reached it is sent again later, so it is never lost.
   */
  public CompletionResult complete(JiaoliuUser user, long id, Map<String, String> fields) {
    TaskView task = requireOpen(user, id);
    if (task.claimedBy() != null && !task.claimedBy().equals(user.username())) {
      throw UserFacingException.conflict("task.claimedByOther", task.claimedBy());
    }
    Map<String, Object> variables = forms.forTask(task).variables(task, user, fields);
    String submission = write(variables);
    Integer changed = tx.execute(status -> tasks.startCompletion(id, user.username(), submission));
    if (changed == null || changed == 0) {
      throw UserFacingException.conflict("task.alreadyCompleted");
    }
    return deliver(id, task.jobKey(), variables, true);
  }

  /** Sends a stored submission to the engine; used by {@link #complete} and by the retries. */
  CompletionResult deliver(long id, long jobKey, Map<String, Object> variables, boolean firstAttempt) {
    OffsetDateTime now = OffsetDateTime.now(clock);
    tasks.countCompletionAttempt(id, now);
    try {
      engine.complete(jobKey, variables);
      tasks.close(id, TaskStatus.COMPLETED.name(), now);
      return CompletionResult.COMPLETED;
    } catch (TaskGoneException e) {
      if (firstAttempt) {
        tasks.close(id, TaskStatus.CANCELLED.name(), now);
        throw UserFacingException.conflict("task.gone");
      }
      // an earlier attempt whose answer we never saw most likely went through
      log.warn("job {} was gone when its submission was re-sent; counting it as completed", jobKey);
      tasks.close(id, TaskStatus.COMPLETED.name(), now);
      return CompletionResult.COMPLETED;
    } catch (EngineUnavailableException e) {
      log.warn("engine unavailable completing task {}; the submission is kept and re-sent", id);
      return CompletionResult.QUEUED;
    }
  }

  private TaskView requireOpen(JiaoliuUser user, long id) {
    TaskView task = get(user, id);
    return switch (task.status()) {
      case OPEN -> task;
      case COMPLETING, COMPLETED -> throw UserFacingException.conflict("task.alreadyCompleted");
      case CANCELLED -> throw UserFacingException.conflict("task.gone");
    };
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
