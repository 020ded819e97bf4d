package cn.jiaoliu.app.tasklist;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
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
   * Takes a step back (撤回): in one command, the instance's open steps are ended and the given step
   * is entered anew (process instance modification).
   *
   * @throws TaskGoneException the engine no longer has the instance or one of the steps
   * @throws cn.jiaoliu.app.engine.EngineUnavailableException the engine could not be reached
   */
  void reenter(long processInstanceKey, String elementId, List<Long> endedElementInstanceKeys);

  /**
   * Whether the engine still has the job; renews the app's hold on it for {@code hold} as a side effect.
   *
   * @throws cn.jiaoliu.app.engine.EngineUnavailableException no answer
   */
  boolean stillExists(long jobKey, Duration hold);

  /**
   * {@link #stillExists} for many jobs at once: the answer per job key, TRUE or FALSE; a job the
   * engine gave no answer for (load, away) is left out, to be asked again later.
   */
  default Map<Long, Boolean> stillExist(List<Long> jobKeys, Duration hold) {
    Map<Long, Boolean> answers = new HashMap<>();
    for (long jobKey : jobKeys) {
      answers.put(jobKey, stillExists(jobKey, hold));
    }
    return answers;
  }
}
