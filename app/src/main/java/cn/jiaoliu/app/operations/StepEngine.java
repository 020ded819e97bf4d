package cn.jiaoliu.app.operations;

import cn.jiaoliu.app.engine.BackpressureRetry;
import cn.jiaoliu.app.engine.EngineUnavailableException;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientStatusException;
import io.grpc.Status;
import java.time.Duration;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * What the operations view asks of the engine about a failed step. The 8.5 and 8.6 brokers answer no
 * incident query over gRPC, so a retry never needs the incident key: a process instance
 * modification terminates the failed element instance (which resolves its incident) and activates
 * the same element again, which creates a fresh job with the retries of the BPMN.
 */
@Component
class StepEngine {

  private final CamundaClient client;
  private final BackpressureRetry retry = new BackpressureRetry(4, Duration.ofMillis(100), Duration.ofSeconds(1));

  StepEngine(CamundaClient client) {
    this.client = client;
  }

  /** Runs the failed step again; {@link StepGoneException} when the instance or the step is no longer there. */
  void rerun(JobFailure failure) {
    String what = "re-run job " + failure.jobKey() + " (" + failure.elementId() + ")";
    try {
      retry.call(what, () -> client.newModifyProcessInstanceCommand(failure.processInstanceKey())
          .activateElement(failure.elementId())
          .and()
          .terminateElement(failure.elementInstanceKey())
          .send().join());
    } catch (ClientStatusException e) {
      if (gone(e)) {
        throw new StepGoneException(what + ": " + e.getMessage(), e);
      }
      throw new EngineUnavailableException(what + ": " + e.getStatusCode(), e);
    }
  }

  /**
   * Whether the failed step's element instance still exists. An empty set-variables command on it
   * changes nothing, and is refused with NOT_FOUND once the element instance has ended.
   */
  boolean stillThere(JobFailure failure) {
    String what = "check element instance " + failure.elementInstanceKey();
    try {
      retry.call(what, () -> client.newSetVariablesCommand(failure.elementInstanceKey()).variables(Map.of()).send().join());
      return true;
    } catch (ClientStatusException e) {
      if (gone(e)) {
        return false;
      }
      throw new EngineUnavailableException(what + ": " + e.getStatusCode(), e);
    }
  }

  /** NOT_FOUND: no such instance (or element instance); INVALID_ARGUMENT: the instance no longer has that element instance. */
  private static boolean gone(ClientStatusException e) {
    return e.getStatusCode() == Status.Code.NOT_FOUND || e.getStatusCode() == Status.Code.INVALID_ARGUMENT;
  }

  /** The engine no longer has the failed step: its instance ended or moved on. */
  static class StepGoneException extends RuntimeException {
    StepGoneException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
