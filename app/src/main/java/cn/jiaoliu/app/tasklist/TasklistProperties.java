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
 * @param quietRecheck how often a quiet task is checked: a step of the app's own processes that
 *     nothing in the engine ends by itself (cn.jiaoliu.app.engine.QuietSteps); its first check comes
 *     halfway through the first hold and takes the hold to {@code quietHold}
 * @param quietHold how long each check of a quiet task holds its job: longer than {@code quietRecheck}
 */
@ConfigurationProperties("jiaoliu.tasklist")
record TasklistProperties(
    Duration jobTimeout, Duration reconcileInterval, int reconcileBatch, Duration completionRetryAfter,
    Duration recheckAfter, Duration quietRecheck, Duration quietHold) {

  TasklistProperties {
    if (recheckAfter.compareTo(jobTimeout) >= 0) {
      throw new IllegalArgumentException("jiaoliu.tasklist.recheck-after (" + recheckAfter
          + ") must be shorter than jiaoliu.tasklist.job-timeout (" + jobTimeout + "): holds would run out between checks");
    }
    if (quietRecheck.compareTo(quietHold) >= 0) {
      throw new IllegalArgumentException("jiaoliu.tasklist.quiet-recheck (" + quietRecheck
          + ") must be shorter than jiaoliu.tasklist.quiet-hold (" + quietHold + "): holds would run out between checks");
    }
  }

  /** When a task that arrives now is first checked: a quiet one halfway through its first hold. */
  Duration firstCheck(boolean quiet) {
    return quiet ? jobTimeout.dividedBy(2) : recheckAfter;
  }

  /** When a task checked now is checked next. */
  Duration nextCheck(boolean quiet) {
    return quiet ? quietRecheck : recheckAfter;
  }

  /** How long a check holds the task's job. */
  Duration hold(boolean quiet) {
    return quiet ? quietHold : jobTimeout;
  }
}
