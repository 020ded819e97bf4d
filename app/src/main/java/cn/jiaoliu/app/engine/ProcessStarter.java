package cn.jiaoliu.app.engine;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientStatusException;
import io.grpc.Status;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Service;

/** Starts process instances, retrying while the engine pushes back. */
@Service
public class ProcessStarter {

  private final CamundaClient client;
  private final BackpressureRetry retry = new BackpressureRetry(8, Duration.ofMillis(100), Duration.ofSeconds(2));

  ProcessStarter(CamundaClient client) {
    this.client = client;
  }

  /** Returns the new instance's key; throws {@link EngineUnavailableException} when the engine stays unavailable. */
  public long start(String bpmnProcessId, Object variables) {
    return retry.call(
        "start " + bpmnProcessId,
        () -> {
          try {
            return client
                .newCreateInstanceCommand()
                .bpmnProcessId(bpmnProcessId)
                .latestVersion()
                .variables(variables)
                .send()
                .join()
                .getProcessInstanceKey();
          } catch (ClientStatusException e) {
            if (e.getStatusCode() == Status.Code.NOT_FOUND) {
              // a new engine that has not received the definitions yet (ProcessDeployment retries)
              throw new EngineUnavailableException("start " + bpmnProcessId + ": not deployed yet", e);
            }
            throw e;
          }
        });
  }

  /** Starts an instance of one version of a process (the one whose start form the user filled in). */
  public long startVersion(long processDefinitionKey, Object variables) {
    return retry.call("start " + processDefinitionKey, () -> client.newCreateInstanceCommand()
        .processDefinitionKey(processDefinitionKey).variables(variables).send().join().getProcessInstanceKey());
  }

  /**
   * Whether the engine still runs an instance: asked with an empty variable update, which changes
   * nothing and is refused with NOT_FOUND once the instance has ended.
   */
  public boolean running(long processInstanceKey) {
    return retry.call("look at " + processInstanceKey, () -> {
      try {
        client.newSetVariablesCommand(processInstanceKey).variables(Map.of()).send().join();
        return true;
      } catch (ClientStatusException e) {
        if (e.getStatusCode() == Status.Code.NOT_FOUND) {
          return false;
        }
        throw e;
      }
    });
  }

  /** Cancels an instance; one the engine no longer has counts as cancelled. */
  public void cancel(long processInstanceKey) {
    retry.call("cancel " + processInstanceKey, () -> {
      try {
        return client.newCancelInstanceCommand(processInstanceKey).send().join();
      } catch (ClientStatusException e) {
        if (e.getStatusCode() == Status.Code.NOT_FOUND) {
          return null;
        }
        throw e;
      }
    });
  }

  /**
   * Starts an instance without blocking: the future gives the new instance's key. While the engine
   * pushes back (RESOURCE_EXHAUSTED, UNAVAILABLE) the command is sent again after a growing pause,
   * for about a minute; then the future fails with {@link EngineUnavailableException}. Lets a caller
   * keep many starts in flight, which is how thousands of instances start in seconds.
   */
  public CompletableFuture<Long> startAsync(String bpmnProcessId, Object variables) {
    var result = new CompletableFuture<Long>();
    sendStart(bpmnProcessId, variables, result, 1, 50);
    return result;
  }

  private void sendStart(String bpmnProcessId, Object variables, CompletableFuture<Long> result,
      int attempt, long backoffMillis) {
    client.newCreateInstanceCommand().bpmnProcessId(bpmnProcessId).latestVersion().variables(variables).send()
        .whenComplete((created, failure) -> {
          if (failure == null) {
            result.complete(created.getProcessInstanceKey());
            return;
          }
          Throwable cause = failure instanceof CompletionException && failure.getCause() != null
              ? failure.getCause() : failure;
          if (BackpressureRetry.retryable(cause) && attempt < ASYNC_ATTEMPTS) {
            RETRY_TIMER.schedule(() -> sendStart(bpmnProcessId, variables, result, attempt + 1,
                Math.min(backoffMillis * 2, 2000)), backoffMillis, TimeUnit.MILLISECONDS);
          } else if (BackpressureRetry.retryable(cause)) {
            result.completeExceptionally(new EngineUnavailableException("start " + bpmnProcessId + " failed after "
                + attempt + " attempts", cause));
          } else {
            result.completeExceptionally(cause);
          }
        });
  }

  private static final int ASYNC_ATTEMPTS = 40;
  private static final ScheduledExecutorService RETRY_TIMER =
      BackgroundThreads.scheduler("jiaoliu-start-retry");

  /**
   * Publishes a message; the message id makes a repeated publish of the same event harmless while
   * the first one is buffered.
   */
  public void publish(String messageName, String correlationKey, String messageId) {
    publish(messageName, correlationKey, messageId, Map.of());
  }

  /** Publishes a message carrying variables (a null value sets the variable to null). */
  public void publish(String messageName, String correlationKey, String messageId, Map<String, ?> variables) {
    retry.call(
        "publish " + messageName + " " + correlationKey,
        () -> {
          try {
            return client.newPublishMessageCommand().messageName(messageName).correlationKey(correlationKey)
                .messageId(messageId).timeToLive(Duration.ofMinutes(10)).variables(variables).send().join();
          } catch (ClientStatusException e) {
            if (e.getStatusCode() == Status.Code.ALREADY_EXISTS) {
              return null;
            }
            throw e;
          }
        });
  }

}
