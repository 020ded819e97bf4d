package cn.jiaoliu.bench;

import cn.jiaoliu.processes.JobTypes;
import cn.jiaoliu.processes.ProcessIds;
import cn.jiaoliu.processes.application.ApplicationStart;
import cn.jiaoliu.processes.application.Deadlines;
import cn.jiaoliu.processes.application.EligibilityFacts;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.worker.JobHandler;
import io.camunda.client.api.worker.JobWorker;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * B1's reference: the same {@code rotation-application} BPMN and decisions on the same broker,
 * driven directly: instances created by the client, no-op workers for every service task, and the
 * three human steps completed the moment their job is activated. What the app adds on top of this
 * (REST, tokens, the inbox, its own database, people finding their tasks) is what B1's ratio prices.
 */
final class EngineBaseline {

  static final Deadlines DEADLINES = new Deadlines("P7D", "P7D", "P7D", "P7D", "P2D");
  private static final java.util.concurrent.ScheduledExecutorService RETRIES =
      java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bench-engine-retry");
        t.setDaemon(true);
        return t;
      });
  private static final EligibilityFacts ELIGIBLE = new EligibilityFacts(true, false, false, true, 1000, 8, 3, 1);

  private EngineBaseline() {}

  static CamundaClient client(String grpcAddress, String restAddress) {
    return CamundaClient.newClientBuilder()
        .grpcAddress(URI.create(grpcAddress))
        .restAddress(URI.create(restAddress))
        .preferRestOverGrpc(false)
        .numJobWorkerExecutionThreads(2)
        .defaultJobWorkerStreamEnabled(true)
        .defaultRequestTimeout(Duration.ofMinutes(1))
        .build();
  }

  /** Deploys the product's resources exactly as the app does (same names, same bytes: the app's deploy is then a no-op). */
  static void deploy(CamundaClient client) {
    var command = client.newDeployResourceCommand().addResourceFromClasspath("bpmn/rotation-application.bpmn");
    for (String resource : List.of("bpmn/rotation-eligibility.dmn", "bpmn/subsidy-tier.dmn", "bpmn/annual-assessment.bpmn",
        "bpmn/assessment-round-schedule.bpmn")) {
      command = command.addResourceFromClasspath(resource);
    }
    command.send().join();
  }

  /** Drives {@code n} applications to approval; returns completed flows per second. */
  static double run(CamundaClient client, int n, long firstId) throws InterruptedException {
    CountDownLatch approved = new CountDownLatch(n);
    AtomicLong assignmentIds = new AtomicLong();
    List<JobWorker> workers = new ArrayList<>();
    workers.add(worker(client, JobTypes.COLLECT_ELIGIBILITY_FACTS, (c, job) ->
        c.newCompleteCommand(job).variables(Map.of("facts", ELIGIBLE)).send().join()));
    workers.add(worker(client, JobTypes.CREATE_ASSIGNMENT, (c, job) ->
        c.newCompleteCommand(job).variables(Map.of("assignmentId", assignmentIds.incrementAndGet())).send().join()));
    workers.add(worker(client, JobTypes.NOTIFY_APPROVAL, (c, job) -> {
      c.newCompleteCommand(job).send().join();
      approved.countDown();
    }));
    for (String type : List.of(JobTypes.RECORD_OUTCOME, JobTypes.SEND_REMINDER, JobTypes.ESCALATE_OVERDUE)) {
      workers.add(worker(client, type, (c, job) -> c.newCompleteCommand(job).send().join()));
    }
    workers.add(worker(client, JobTypes.USER_TASK, (c, job) -> {
      String decision = switch (job.getElementId()) {
        case "Task_AcceptTeacher" -> "ACCEPT";
        default -> "APPROVE";
      };
      c.newCompleteCommand(job).variables(Map.of("decision", decision, "comment", "同意")).send().join();
    }));
    Semaphore inFlight = new Semaphore(64);
    long started = System.nanoTime();
    try {
      for (int i = 0; i < n; i++) {
        inFlight.acquire();
        create(client, new ApplicationStart(firstId + i, "engine.t" + i, "LC-U01", "LC-R01", "LC", DEADLINES), inFlight, 0);
      }
      if (!approved.await(30, TimeUnit.MINUTES)) {
        throw new IllegalStateException("engine baseline: " + approved.getCount() + " of " + n + " not approved");
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      return n / seconds;
    } finally {
      workers.forEach(JobWorker::close);
    }
  }

  private static void create(CamundaClient client, ApplicationStart start, Semaphore inFlight, int attempt) {
    client.newCreateInstanceCommand().bpmnProcessId(ProcessIds.ROTATION_APPLICATION).latestVersion().variables(start)
        .send().whenComplete((result, failure) -> {
          if (failure == null) {
            inFlight.release();
          } else if (attempt < 200) {
            // backpressure: try again a little later, as the app's ProcessStarter does
            RETRIES.schedule(() -> create(client, start, inFlight, attempt + 1), Math.min(1000, 20L * (attempt + 1)),
                TimeUnit.MILLISECONDS);
          } else {
            inFlight.release();
            throw new IllegalStateException("could not create instance " + start.applicationId(), failure);
          }
        });
  }

  private static JobWorker worker(CamundaClient client, String type, JobHandler handler) {
    return client.newWorker().jobType(type).handler(handler).name("bench-engine").timeout(Duration.ofMinutes(5))
        .maxJobsActive(64).streamEnabled(true).open();
  }
}
