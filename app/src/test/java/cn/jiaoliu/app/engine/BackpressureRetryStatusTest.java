package cn.jiaoliu.app.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.api.command.ClientStatusException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** The status of a failed command is read however the client hands the failure over. */
class BackpressureRetryStatusTest {

  @Test
  void readsTheStatusFromJoinAndFromAsynchronousFailures() {
    StatusRuntimeException bare = Status.NOT_FOUND.asRuntimeException();
    assertThat(BackpressureRetry.statusCode(bare)).isEqualTo(Status.Code.NOT_FOUND);
    assertThat(BackpressureRetry.statusCode(new ExecutionException(bare))).isEqualTo(Status.Code.NOT_FOUND);
    assertThat(BackpressureRetry.statusCode(new CompletionException(Status.RESOURCE_EXHAUSTED.asRuntimeException())))
        .isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    assertThat(BackpressureRetry.statusCode(new ClientStatusException(Status.UNAVAILABLE, null)))
        .isEqualTo(Status.Code.UNAVAILABLE);
    assertThat(BackpressureRetry.statusCode(new IllegalStateException("other"))).isEqualTo(Status.Code.UNKNOWN);
    assertThat(BackpressureRetry.retryable(new ExecutionException(Status.RESOURCE_EXHAUSTED.asRuntimeException()))).isTrue();
    assertThat(BackpressureRetry.retryable(bare)).isFalse();
  }
}
