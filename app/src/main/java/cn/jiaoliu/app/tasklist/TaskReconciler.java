package cn.jiaoliu.app.tasklist;

import cn.jiaoliu.app.engine.EngineUnavailableException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the inbox true to the engine, which never says when a task is closed by a timer, a
 * withdrawal or a cancelled instance: each round checks the open tasks checked longest ago (closing
 * the ones the engine no longer has) and re-sends submissions the engine has not confirmed.
 */
@Component
@ConditionalOnProperty(name = "jiaoliu.background-jobs", havingValue = "true", matchIfMissing = true)
class TaskReconciler {

  private static final Logger log = LoggerFactory.getLogger(TaskReconciler.class);
  private static final TypeReference<Map<String, Object>> VARIABLES = new TypeReference<>() {};

  private final InboxTaskRepository tasks;
  private final TaskEngine engine;
  private final TaskCompletions completions;
  private final TasklistProperties properties;
  private final ObjectMapper json;
  private final Clock clock;

  TaskReconciler(InboxTaskRepository tasks, TaskEngine engine, TaskCompletions completions,
      TasklistProperties properties, ObjectMapper json, Clock clock) {
    this.tasks = tasks;
    this.engine = engine;
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
    var refs = tasks.openTasksLeastRecentlyChecked(OffsetDateTime.now(clock).minus(properties.recheckAfter()),
        properties.reconcileBatch());
    if (refs.isEmpty()) {
      return;
    }
    Map<Long, Boolean> exists = engine.stillExist(refs.stream().map(InboxTaskRepository.JobRef::jobKey).toList());
    if (exists.isEmpty()) {
      throw new EngineUnavailableException("no answer for any of " + refs.size() + " jobs", null);
    }
    OffsetDateTime now = OffsetDateTime.now(clock);
    List<Long> checked = new ArrayList<>();
    for (var ref : refs) {
      Boolean found = exists.get(ref.jobKey());
      if (Boolean.TRUE.equals(found)) {
        checked.add(ref.id());
      } else if (Boolean.FALSE.equals(found) && tasks.closeVanished(ref.id(), now) > 0) {
        log.info("task {} (job {}) is gone from the engine; removed from the inbox", ref.id(), ref.jobKey());
      }
    }
    if (!checked.isEmpty()) {
      tasks.markChecked(checked, now);
    }
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
