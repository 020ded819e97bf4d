package cn.jiaoliu.app.tasklist;

import cn.jiaoliu.app.engine.BackpressureRetry;
import cn.jiaoliu.app.engine.EngineUnavailableException;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientStatusException;
import io.camunda.client.api.command.ModifyProcessInstanceCommandStep1.ModifyProcessInstanceCommandStep2;
import io.grpc.Status;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.stereotype.Component;

@Component
class ZeebeTaskEngine implements TaskEngine {

  /** Renewals on their way to the broker at once (see {@link #stillExist}). */
  static final int RENEWALS_IN_FLIGHT = 16;

  private final CamundaClient client;
  private final BackpressureRetry retry = new BackpressureRetry(4, Duration.ofMillis(100), Duration.ofSeconds(1));

  ZeebeTaskEngine(CamundaClient client) {
    this.client = client;
  }

  @Override
  public void complete(long jobKey, Map<String, Object> variables) {
    try {
      retry.call("complete job " + jobKey, () -> client.newCompleteCommand(jobKey).variables(variables).send().join());
    } catch (ClientStatusException e) {
      if (e.getStatusCode() == Status.Code.NOT_FOUND) {
        throw new TaskGoneException(jobKey);
      }
      throw new EngineUnavailableException("complete job " + jobKey + ": " + e.getStatusCode(), e);
    }
  }

  @Override
  public void reenter(long processInstanceKey, String elementId, List<Long> endedElementInstanceKeys) {
    try {
      retry.call("re-enter " + elementId + " in " + processInstanceKey, () -> {
        ModifyProcessInstanceCommandStep2 command =
            client.newModifyProcessInstanceCommand(processInstanceKey).activateElement(elementId);
        for (long ended : endedElementInstanceKeys) {
          command = command.and().terminateElement(ended);
        }
        return command.send().join();
      });
    } catch (ClientStatusException e) {
      if (e.getStatusCode() == Status.Code.NOT_FOUND || e.getStatusCode() == Status.Code.INVALID_ARGUMENT) {
        throw new TaskGoneException(processInstanceKey);
      }
      throw new EngineUnavailableException("re-enter " + elementId + ": " + e.getStatusCode(), e);
    }
  }

  @Override
  public boolean stillExists(long jobKey, Duration hold) {
    try {
      retry.call(
          "renew job " + jobKey,
          () -> client.newUpdateTimeoutCommand(jobKey).timeout(hold).send().join());
      return true;
    } catch (ClientStatusException e) {
      return switch (e.getStatusCode()) {
        case NOT_FOUND -> false;
        // it exists, just not activated by us right now (timed out and waiting to be offered again)
        case FAILED_PRECONDITION, INVALID_ARGUMENT -> true;
        default -> throw new EngineUnavailableException("renew job " + jobKey + ": " + e.getStatusCode(), e);
      };
    }
  }

  /**
   * A round's renewals, at most {@value #RENEWALS_IN_FLIGHT} on their way at a time, the next sent as
   * soon as one is answered: a round of hundreds takes a few round trips, not hundreds. Sending a
   * whole round at once made the broker turn most of it away (backpressure) and the rest came again
   * next round: six requests per renewal with 2,000 new tasks (benchmark B5). When the broker turns
   * one away all the same, the rest of the round is not sent; it is due again next round.
   */
  @Override
  public Map<Long, Boolean> stillExist(List<Long> jobKeys, Duration hold) {
    Semaphore slots = new Semaphore(RENEWALS_IN_FLIGHT);
    AtomicBoolean turnedAway = new AtomicBoolean();
    Map<Long, CompletableFuture<?>> sent = new LinkedHashMap<>();
    try {
      for (long jobKey : jobKeys) {
        if (turnedAway.get() || !slots.tryAcquire(30, TimeUnit.SECONDS)) {
          break;
        }
        CompletableFuture<?> renewal = client.newUpdateTimeoutCommand(jobKey).timeout(hold).send().toCompletableFuture();
        renewal.whenComplete((done, failure) -> {
          if (failure != null && BackpressureRetry.statusCode(failure) == Status.Code.RESOURCE_EXHAUSTED) {
            turnedAway.set(true);
          }
          slots.release();
        });
        sent.put(jobKey, renewal);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Map<Long, Boolean> answers = new HashMap<>();
    sent.forEach((jobKey, future) -> {
      try {
        future.get(30, TimeUnit.SECONDS);
        answers.put(jobKey, true);
      } catch (ExecutionException e) {
        switch (BackpressureRetry.statusCode(e)) {
          case NOT_FOUND -> answers.put(jobKey, false);
          case FAILED_PRECONDITION, INVALID_ARGUMENT -> answers.put(jobKey, true);
          default -> { } // no answer now: asked again next round
        }
      } catch (TimeoutException e) {
        // no answer now
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    return answers;
  }
}
