package cn.jiaoliu.app.tasklist;

import java.util.Map;

/** What the inbox needs from the engine. */
interface TaskEngine {

  /**
   * Completes the job.
   *
   * @throws TaskGoneException the engine no longer has the job
   * @throws cn.jiaoliu.app.engine.EngineUnavailableException the engine could not be reached
   */
  void complete(long jobKey, Map<String, Object> variables);

  /**
   * Whether the engine still has the job; renews the app's hold on it as a side effect.
   *
   * @throws cn.jiaoliu.app.engine.EngineUnavailableException no answer
   */
  boolean stillExists(long jobKey);
}
