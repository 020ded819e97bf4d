package cn.jiaoliu.app.it;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.exception.CamundaError;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * Test only: the job workers of {@code it-flaky-step.bpmn}, picked up by the app's component scan
 * like every worker (and idle without an engine). {@code it-flaky-step} fails — as a temporary
 * failure with a short backoff, like the real workers' {@code TemporaryFailures}, or with a plain
 * exception — until the test lets it succeed; {@code it-after-flaky-step} records that an instance
 * got past it.
 */
@Component
public class FlakyStepWorker {

  private final Map<Long, Integer> failuresLeft = new ConcurrentHashMap<>();
  private final Set<Long> plainExceptions = ConcurrentHashMap.newKeySet();
  private final Map<Long, AtomicInteger> runs = new ConcurrentHashMap<>();
  private final Set<Long> passed = ConcurrentHashMap.newKeySet();

  @JobWorker(type = "it-flaky-step")
  public Map<String, Object> runFlakyStep(@Variable(name = "marker") long marker) {
    runs.computeIfAbsent(marker, m -> new AtomicInteger()).incrementAndGet();
    int left = failuresLeft.getOrDefault(marker, Integer.MAX_VALUE);
    if (left > 0) {
      failuresLeft.put(marker, left == Integer.MAX_VALUE ? left : left - 1);
      if (plainExceptions.contains(marker)) {
        throw new IllegalStateException("数据库连接失败 (marker " + marker + ")");
      }
      throw CamundaError.jobError("it-flaky-step failed, will retry: database unavailable (marker " + marker + ")",
          null, null, Duration.ofMillis(300));
    }
    return Map.of("flakyStepDone", true);
  }

  @JobWorker(type = "it-after-flaky-step")
  public void recordPassed(@Variable(name = "marker") long marker) {
    passed.add(marker);
  }

  /** Fails {@code times} more times, then succeeds. */
  void failTimes(long marker, int times) {
    failuresLeft.put(marker, times);
  }

  /** Fails with a plain exception (not a job error) until allowed. */
  void failWithPlainException(long marker) {
    plainExceptions.add(marker);
  }

  void allow(long marker) {
    failuresLeft.put(marker, 0);
  }

  int runs(long marker) {
    AtomicInteger n = runs.get(marker);
    return n == null ? 0 : n.get();
  }

  boolean passed(long marker) {
    return passed.contains(marker);
  }
}
