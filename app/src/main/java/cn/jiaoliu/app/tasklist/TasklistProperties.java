package cn.jiaoliu.app.tasklist;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param jobTimeout how long the app holds a user-task job; the reconciler renews it, and after a
 *     crash the engine offers the job again once it runs out (stored once: idempotent on the key)
 * @param reconcileInterval how often the reconciler looks for open tasks to check against the engine
 * @param reconcileBatch how many tasks one round checks
 * @param recheckAfter a task is checked again (and its hold renewed) only this long after its last
 *     check: each check is a command the broker writes, so checking a few hundred open tasks every
 *     round took a large share of the broker from the flows themselves
 * @param completionRetryAfter a submission the engine has not confirmed is re-sent after this
 */
@ConfigurationProperties("jiaoliu.tasklist")
record TasklistProperties(
    Duration jobTimeout, Duration reconcileInterval, int reconcileBatch, Duration completionRetryAfter,
    Duration recheckAfter) {

  TasklistProperties {
    if (recheckAfter.compareTo(jobTimeout) >= 0) {
      throw new IllegalArgumentException("jiaoliu.tasklist.recheck-after (" + recheckAfter
          + ") must be shorter than jiaoliu.tasklist.job-timeout (" + jobTimeout + "): holds would run out between checks");
    }
  }
}
