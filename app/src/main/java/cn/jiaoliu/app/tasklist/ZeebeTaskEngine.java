package cn.jiaoliu.app.tasklist;

import cn.jiaoliu.app.engine.BackpressureRetry;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientStatusException;
import io.grpc.Status;
import java.time.Duration;
import java.util.Map;
import org.springframework.stereotype.Component;

@Component
class ZeebeTaskEngine implements TaskEngine {

  private final CamundaClient client;
  private final TasklistProperties properties;
  private final BackpressureRetry retry = new BackpressureRetry(4, Duration.ofMillis(100), Duration.ofSeconds(1));

  ZeebeTaskEngine(CamundaClient client, TasklistProperties properties) {
    this.client = client;
    this.properties = properties;
  }

  @Override
  public void complete(long jobKey, Map<String, Object> variables) {
    try {
      retry.call("complete job " + jobKey, () -> client.newCompleteCommand(jobKey).variables(variables).send().join());
    } catch (ClientStatusException e) {
      if (e.getStatusCode() == Status.Code.NOT_FOUND) {
        throw new TaskGoneException(jobKey);
      }
      throw new cn.jiaoliu.app.engine.EngineUnavailableException("complete job " + jobKey + ": " + e.getStatusCode(), e);
    }
  }

  @Override
  public boolean stillExists(long jobKey) {
    try {
      retry.call(
          "renew job " + jobKey,
          () -> client.newUpdateTimeoutCommand(jobKey).timeout(properties.jobTimeout()).send().join());
      return true;
    } catch (ClientStatusException e) {
      return switch (e.getStatusCode()) {
        case NOT_FOUND -> false;
        // it exists, just not activated by us right now (timed out and waiting to be offered again)
        case FAILED_PRECONDITION, INVALID_ARGUMENT -> true;
        default -> throw new cn.jiaoliu.app.engine.EngineUnavailableException("renew job " + jobKey + ": " + e.getStatusCode(), e);
      };
    }
  }
}
