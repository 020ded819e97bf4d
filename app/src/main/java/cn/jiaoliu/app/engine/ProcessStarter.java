package cn.jiaoliu.app.engine;

import io.camunda.client.CamundaClient;
import java.time.Duration;
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
        () ->
            client
                .newCreateInstanceCommand()
                .bpmnProcessId(bpmnProcessId)
                .latestVersion()
                .variables(variables)
                .send()
                .join()
                .getProcessInstanceKey());
  }

  /**
   * Publishes a message; the message id makes a repeated publish of the same event harmless while
   * the first one is buffered.
   */
  public void publish(String messageName, String correlationKey, String messageId) {
    publish(messageName, correlationKey, messageId, java.util.Map.of());
  }

  /** Publishes a message carrying variables (a null value sets the variable to null). */
  public void publish(String messageName, String correlationKey, String messageId, java.util.Map<String, ?> variables) {
    retry.call(
        "publish " + messageName + " " + correlationKey,
        () -> {
          try {
            return client.newPublishMessageCommand().messageName(messageName).correlationKey(correlationKey)
                .messageId(messageId).timeToLive(Duration.ofMinutes(10)).variables(variables).send().join();
          } catch (io.camunda.client.api.command.ClientStatusException e) {
            if (e.getStatusCode() == io.grpc.Status.Code.ALREADY_EXISTS) {
              return null;
            }
            throw e;
          }
        });
  }

}
