package cn.jiaoliu.app.engine;

import io.camunda.client.api.command.ClientStatusException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries a command the engine refused for load (RESOURCE_EXHAUSTED) or could not take right now
 * (UNAVAILABLE), with exponential backoff, then gives up with {@link EngineUnavailableException}.
 * Other errors are the caller's business and pass through at once.
 */
public final class BackpressureRetry {

  private static final Logger log = LoggerFactory.getLogger(BackpressureRetry.class);
  private static final Set<Status.Code> RETRYABLE = Set.of(Status.Code.RESOURCE_EXHAUSTED, Status.Code.UNAVAILABLE);

  private final int maxAttempts;
  private final Duration firstBackoff;
  private final Duration maxBackoff;
  private final Sleeper sleeper;

  public BackpressureRetry(int maxAttempts, Duration firstBackoff, Duration maxBackoff) {
    this(maxAttempts, firstBackoff, maxBackoff, Thread::sleep);
  }

  BackpressureRetry(int maxAttempts, Duration firstBackoff, Duration maxBackoff, Sleeper sleeper) {
    this.maxAttempts = maxAttempts;
    this.firstBackoff = firstBackoff;
    this.maxBackoff = maxBackoff;
    this.sleeper = sleeper;
  }

  /** Whether a failure is the engine's load or absence (worth sending again later). */
  static boolean retryable(Throwable failure) {
    return RETRYABLE.contains(statusCode(failure));
  }

  /**
   * The gRPC status of a failed command, however it arrives: {@code join()} throws a
   * {@link ClientStatusException}, an asynchronous future fails with the bare
   * {@link io.grpc.StatusRuntimeException}, possibly wrapped. {@code UNKNOWN} for anything else.
   */
  public static Status.Code statusCode(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ClientStatusException e) {
        return e.getStatusCode();
      }
      if (t instanceof StatusRuntimeException e) {
        return e.getStatus().getCode();
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return Status.Code.UNKNOWN;
  }

  public <T> T call(String what, Supplier<T> command) {
    long backoff = firstBackoff.toMillis();
    for (int attempt = 1; ; attempt++) {
      try {
        T result = command.get();
        EngineSignals.answered();
        return result;
      } catch (ClientStatusException e) {
        if (e.getStatusCode() == Status.Code.DEADLINE_EXCEEDED) {
          // no answer in time (engine overloaded, or dying): the command may or may not have been
          // taken, so it is not repeated here; callers keep what they sent and check or retry later
          EngineSignals.refused(e.getStatusCode());
          EngineSignals.gaveUp();
          throw new EngineUnavailableException(what + ": no answer in time", e);
        }
        if (!RETRYABLE.contains(e.getStatusCode())) {
          EngineSignals.answered();
          throw e;
        }
        EngineSignals.refused(e.getStatusCode());
        if (attempt >= maxAttempts) {
          EngineSignals.gaveUp();
          throw new EngineUnavailableException(what + " failed after " + attempt + " attempts: " + e.getStatusCode(), e);
        }
        log.debug("{}: {} on attempt {}, retrying in {} ms", what, e.getStatusCode(), attempt, backoff);
        sleep(backoff);
        backoff = Math.min(backoff * 2, maxBackoff.toMillis());
      }
    }
  }

  private void sleep(long millis) {
    try {
      sleeper.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EngineUnavailableException("interrupted while waiting to retry", e);
    }
  }

  @FunctionalInterface
  interface Sleeper {
    void sleep(long millis) throws InterruptedException;
  }
}
