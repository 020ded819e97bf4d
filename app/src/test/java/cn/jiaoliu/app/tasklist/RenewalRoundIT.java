package cn.jiaoliu.app.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jiaoliu.testsupport.BrokerMetrics;
import cn.jiaoliu.testsupport.Infrastructure;
import io.camunda.client.CamundaClient;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A round of the reconciler renews hundreds of jobs. On the real broker, 2,000 renewals are all
 * answered within a few rounds and cost the broker about one request each: a round sent all at once
 * was mostly turned away by the broker's backpressure and sent again round after round (benchmark
 * B5 counted six requests per renewal).
 */
class RenewalRoundIT {

  private static final int JOBS = 2_000;
  private static final String TYPE = "it-renewal-round";

  @Test
  void aRoundOfRenewalsIsAnsweredWithoutBeingTurnedAway() {
    Infrastructure infra = Infrastructure.get();
    try (CamundaClient client = CamundaClient.newClientBuilder().grpcAddress(URI.create(infra.zeebeGrpcAddress()))
        .restAddress(URI.create(infra.zeebeRestAddress())).preferRestOverGrpc(false).build()) {
      client.newDeployResourceCommand().addProcessModel(Bpmn.createExecutableProcess(TYPE).startEvent()
          .serviceTask("Task_Held", t -> t.zeebeJobType(TYPE)).endEvent().done(), TYPE + ".bpmn").send().join();
      for (int i = 0; i < JOBS; i++) {
        client.newCreateInstanceCommand().bpmnProcessId(TYPE).latestVersion().send().join();
      }
      List<Long> keys = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
      while (keys.size() < JOBS && System.nanoTime() < deadline) {
        client.newActivateJobsCommand().jobType(TYPE).maxJobsToActivate(500).timeout(Duration.ofMinutes(10))
            .send().join().getJobs().forEach(job -> keys.add(job.getKey()));
      }
      assertThat(keys).hasSize(JOBS);

      ZeebeTaskEngine engine = new ZeebeTaskEngine(client);
      long requestsBefore = receivedRequests(infra);
      Map<Long, Boolean> answers = new HashMap<>();
      for (int round = 0; round < 5 && answers.size() < JOBS; round++) {
        // as the reconciler does: the tasks not answered are asked again next round
        answers.putAll(engine.stillExist(keys.stream().filter(k -> !answers.containsKey(k)).toList(),
            Duration.ofMinutes(10)));
      }
      long requests = receivedRequests(infra) - requestsBefore;

      assertThat(answers).as("every renewal answered within five rounds").hasSize(JOBS).doesNotContainValue(false);
      assertThat(requests).as("requests the broker received for %d renewals", JOBS).isLessThan(JOBS + JOBS / 5);
    }
  }

  /** Client requests the broker received so far (its own Prometheus counter, all partitions). */
  private static long receivedRequests(Infrastructure infra) {
    long total = BrokerMetrics.sum(BrokerMetrics.scrape(infra.zeebeManagementUrl()), "zeebe_received_request_count_total");
    assertThat(total).as("the broker counts the requests it receives").isPositive();
    return total;
  }
}
