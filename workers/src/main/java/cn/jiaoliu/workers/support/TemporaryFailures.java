package cn.jiaoliu.workers.support;

import io.camunda.client.exception.CamundaError;
import io.camunda.client.exception.JobError;
import java.time.Duration;

/**
 * A step that failed for a reason that may go away (database or mail server down, a lock timeout):
 * the job fails with one retry fewer and the engine offers it again only after {@link #BACKOFF}. An
 * exception left unhandled would also fail the job, but with no backoff, so all retries would be
 * spent within a second. When the retries (5 in the BPMN) run out the engine raises an incident.
 * Shared by the workers of every process.
 */
public final class TemporaryFailures {

  public static final Duration BACKOFF = Duration.ofSeconds(10);

  private TemporaryFailures() {}

  /** The job error the starter turns into a fail-job command: retries - 1, after {@link #BACKOFF}. */
  public static JobError retryLater(String step, RuntimeException cause) {
    return CamundaError.jobError(step + " failed, will retry: " + cause, null, null, BACKOFF, cause);
  }
}
