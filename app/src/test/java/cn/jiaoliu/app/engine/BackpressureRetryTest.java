package cn.jiaoliu.app.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camunda.client.api.command.ClientStatusException;
import io.grpc.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BackpressureRetryTest {

  private final List<Long> sleeps = new ArrayList<>();
  private final BackpressureRetry retry =
      new BackpressureRetry(4, Duration.ofMillis(100), Duration.ofMillis(250), sleeps::add);

  @Test
  void retriesWhileTheEngineIsExhaustedThenSucceeds() {
    AtomicInteger calls = new AtomicInteger();

    long key = retry.call("start", () -> {
      if (calls.incrementAndGet() < 3) {
        throw new ClientStatusException(Status.RESOURCE_EXHAUSTED, null);
      }
      return 42L;
    });

    assertThat(key).isEqualTo(42L);
    assertThat(calls).hasValue(3);
    assertThat(sleeps).containsExactly(100L, 200L);
  }

  @Test
  void givesUpAfterTheLastAttemptWithAnEngineUnavailableError() {
    AtomicInteger calls = new AtomicInteger();

    assertThatThrownBy(() -> retry.call("start", () -> {
      calls.incrementAndGet();
      throw new ClientStatusException(Status.UNAVAILABLE, null);
    })).isInstanceOf(EngineUnavailableException.class);

    assertThat(calls).hasValue(4);
    assertThat(sleeps).containsExactly(100L, 200L, 250L);
  }

  /** An engine too slow to answer (seen on a loaded machine) is unavailable, not a server error; not repeated. */
  @Test
  void noAnswerInTimeIsAnUnavailableEngineAndIsNotRepeated() {
    AtomicInteger calls = new AtomicInteger();

    assertThatThrownBy(() -> retry.call("start", () -> {
      calls.incrementAndGet();
      throw new ClientStatusException(Status.DEADLINE_EXCEEDED, null);
    })).isInstanceOf(EngineUnavailableException.class);

    assertThat(calls).hasValue(1);
    assertThat(sleeps).isEmpty();
  }

  @Test
  void otherErrorsPassThroughAtOnce() {
    AtomicInteger calls = new AtomicInteger();

    assertThatThrownBy(() -> retry.call("complete", () -> {
      calls.incrementAndGet();
      throw new ClientStatusException(Status.NOT_FOUND, null);
    })).isInstanceOf(ClientStatusException.class);

    assertThat(calls).hasValue(1);
    assertThat(sleeps).isEmpty();
  }
}
