package cn.jiaoliu.workers.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.camunda.client.exception.JobError;
import java.time.Duration;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Asserts that a worker reports a temporary failure as a job error with one retry fewer and a backoff. */
public final class TemporaryFailureAssert {

  private TemporaryFailureAssert() {}

  public static void failsTheJobWithBackoff(ThrowingCallable work, RuntimeException cause) {
    JobError error = catchThrowableOfType(JobError.class, work);
    assertThat(error).as("job error").isNotNull();
    assertThat(error.getRetries()).as("retries: null = the job's retries - 1").isNull();
    assertThat(error.getRetryBackoff()).isEqualTo(TemporaryFailures.BACKOFF).isEqualTo(Duration.ofSeconds(10));
    assertThat(error.getCause()).isSameAs(cause);
    assertThat(error.getVariables()).isNull();
  }
}
