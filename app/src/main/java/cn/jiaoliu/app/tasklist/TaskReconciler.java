package cn.jiaoliu.app.tasklist;

import cn.jiaoliu.app.engine.EngineUnavailableException;
import cn.jiaoliu.app.engine.QuietSteps;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the inbox true to the engine, which never says when a task is closed by a timer, a
 * withdrawal or a cancelled instance: each round checks the open tasks due a check, longest due
 * first (closing the ones the engine no longer has, renewing the hold on the others), and re-sends
 * submissions the engine has not confirmed. A task is due {@code recheck-after} after its last
 * check, or — a quiet one, which only the app can end ({@link QuietSteps}) — halfway through its
 * first hold and then every {@code quiet-recheck}, each check holding its job for {@code quiet-hold}:
 * each check is a command the engine writes, and open tasks wait for weeks.
 */
@Component
@ConditionalOnProperty(name = "jiaoliu.background-jobs", havingValue = "true", matchIfMissing = true)
class TaskReconciler {

  private static final Logger log = LoggerFactory.getLogger(TaskReconciler.class);
  private static final TypeReference<Map<String, Object>> VARIABLES = new TypeReference<>() {};

  private final InboxTaskRepository tasks;
  private final TaskEngine engine;
  private final QuietSteps quietSteps;
  private final TaskCompletions completions;
  private final TasklistProperties properties;
  private final ObjectMapper json;
  private final Clock clock;

  TaskReconciler(InboxTaskRepository tasks, TaskEngine engine, QuietSteps quietSteps, TaskCompletions completions,
      TasklistProperties properties, ObjectMapper json, Clock clock) {
    this.tasks = tasks;
    this.engine = engine;
    this.quietSteps = quietSteps;
    this.completions = completions;
    this.properties = properties;
    this.json = json;
    this.clock = clock;
  }

  @Scheduled(fixedDelayString = "${jiaoliu.tasklist.reconcile-interval}", initialDelayString = "PT5S")
  void reconcile() {
    try {
      closeVanishedTasks();
      resendSubmissions();
    } catch (EngineUnavailableException e) {
      log.debug("engine unavailable, reconciling later: {}", e.getMessage());
    } catch (RuntimeException e) {
      log.warn("reconciling the inbox failed; trying again next round", e);
    }
  }

  void closeVanishedTasks() {
    List<InboxTaskRepository.DueTask> due = tasks.openTasksDue(OffsetDateTime.now(clock), properties.reconcileBatch());
    if (due.isEmpty()) {
      return;
    }
    Map<Boolean, List<InboxTaskRepository.DueTask>> byQuiet = due.stream()
        .collect(Collectors.partitioningBy(task -> quietSteps.quiet(task.processDefinitionKey(), task.elementId())));
    boolean answered = false;
    for (var group : byQuiet.entrySet()) {
      if (!group.getValue().isEmpty()) {
        answered |= check(group.getValue(), group.getKey());
      }
    }
    if (!answered) {
      throw new EngineUnavailableException("no answer for any of " + due.size() + " jobs", null);
    }
  }

  /** Asks the engine about the tasks, all quiet or all not; false when it answered for none. */
  private boolean check(List<InboxTaskRepository.DueTask> due, boolean quiet) {
    Map<Long, Boolean> exists = engine.stillExist(due.stream().map(InboxTaskRepository.DueTask::jobKey).toList(),
        properties.hold(quiet));
    if (exists.isEmpty()) {
      return false;
    }
    OffsetDateTime now = OffsetDateTime.now(clock);
    List<Long> checked = new ArrayList<>();
    for (var task : due) {
      Boolean found = exists.get(task.jobKey());
      if (Boolean.TRUE.equals(found)) {
        checked.add(task.id());
      } else if (Boolean.FALSE.equals(found) && tasks.closeVanished(task.id(), now) > 0) {
        log.info("task {} (job {}) is gone from the engine; removed from the inbox", task.id(), task.jobKey());
      }
    }
    if (!checked.isEmpty()) {
      tasks.markChecked(checked, now, now.plus(properties.nextCheck(quiet)));
    }
    return true;
  }

  void resendSubmissions() {
    OffsetDateTime before = OffsetDateTime.now(clock).minus(properties.completionRetryAfter());
    for (var ref : tasks.completionsToRetry(before, properties.reconcileBatch())) {
      tasks.findById(ref.id()).ifPresent(task -> completions.deliver(task.id(), task.jobKey(), read(task.submission()), false));
    }
  }

  private Map<String, Object> read(String submission) {
    try {
      return submission == null ? Map.of() : json.readValue(submission, VARIABLES);
    } catch (Exception e) {
      throw new IllegalStateException("stored submission is not JSON", e);
    }
  }
}
