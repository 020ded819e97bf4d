package cn.jiaoliu.app.tasklist;

import cn.jiaoliu.app.engine.EngineUnavailableException;
import cn.jiaoliu.app.engine.ProcessStarter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Cancels a repeated instance in the engine, then takes its tasks out of the inbox. When the engine
 * is away the second instance stays (logged, for an operator to end).
 */
@Component
class EngineSecondInstances implements SecondInstances {

  private static final Logger log = LoggerFactory.getLogger(EngineSecondInstances.class);

  private final ProcessStarter engine;
  private final TaskService tasks;

  EngineSecondInstances(ProcessStarter engine, TaskService tasks) {
    this.engine = engine;
    this.tasks = tasks;
  }

  @Override
  public void cancel(long processInstanceKey) {
    try {
      engine.cancel(processInstanceKey);
      tasks.cancelOpenTasksOf(processInstanceKey);
    } catch (EngineUnavailableException e) {
      log.warn("could not cancel the repeated instance {} now: {}", processInstanceKey, e.getMessage());
    }
  }
}
