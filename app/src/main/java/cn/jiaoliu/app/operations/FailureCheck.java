package cn.jiaoliu.app.operations;

import cn.jiaoliu.app.engine.EngineUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the failing list true to the engine, which never says when a failing step ends some other
 * way (a withdrawal interrupts it, an instance is cancelled): every two seconds the open failures
 * checked longest ago are looked up, and those the engine no longer has leave the list as GONE.
 */
@Component
@ConditionalOnProperty(name = "jiaoliu.background-jobs", havingValue = "true", matchIfMissing = true)
class FailureCheck {

  static final Duration RECHECK_AFTER = Duration.ofSeconds(5);
  static final int BATCH = 50;

  private static final Logger log = LoggerFactory.getLogger(FailureCheck.class);

  private final JobFailures failures;
  private final StepEngine engine;
  private final Clock clock;

  FailureCheck(JobFailures failures, StepEngine engine, Clock clock) {
    this.failures = failures;
    this.engine = engine;
    this.clock = clock;
  }

  @Scheduled(fixedDelay = 2000, initialDelay = 5000)
  void check() {
    try {
      for (JobFailure f : failures.dueForCheck(OffsetDateTime.now(clock).minus(RECHECK_AFTER), BATCH)) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (engine.stillThere(f)) {
          failures.checked(f.jobKey(), now);
        } else if (failures.move(f.jobKey(), JobFailure.OPEN, JobFailure.GONE, now)) {
          log.info("failed step {} (job {}) is gone from the engine; removed from the failing list", f.elementId(),
              f.jobKey());
        }
      }
    } catch (EngineUnavailableException e) {
      log.debug("engine unavailable, checking failures later: {}", e.getMessage());
    } catch (RuntimeException e) {
      log.warn("checking failed steps against the engine failed; trying again next round", e);
    }
  }
}
