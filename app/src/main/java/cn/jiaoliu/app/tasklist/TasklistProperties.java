package cn.jiaoliu.app.tasklist;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param jobTimeout how long the app holds a user-task job; the reconciler renews it, and after a
 *     crash the engine offers the job again once it runs out (stored once: idempotent on the key)
 * @param reconcileInterval how often open tasks are checked against the engine
 * @param reconcileBatch how many tasks one round checks
 * @param completionRetryAfter a submission the engine has not confirmed is re-sent after this
 */
@ConfigurationProperties("jiaoliu.tasklist")
record TasklistProperties(
    Duration jobTimeout, Duration reconcileInterval, int reconcileBatch, Duration completionRetryAfter) {}
