package cn.jiaoliu.bench;

import cn.jiaoliu.processes.JobTypes;
import cn.jiaoliu.processes.ProcessIds;
import cn.jiaoliu.processes.assessment.AssessmentDeadlines;
import cn.jiaoliu.processes.assessment.AssessmentStart;
import cn.jiaoliu.testsupport.LocalBroker;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.worker.JobWorker;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * B3's reference: a broker of its own (started and stopped here, so that its waiting instances
 * never reach the app) creates {@code n} instances of {@code annual-assessment}, each of which
 * waits at its first step, a job-worker user task; a worker with the app's settings (stream, 64
 * jobs at a time, the app's job timeout) receives each task's job and keeps it, as the app's task
 * intake does before it writes the inbox row. The clock runs until the last job arrived.
 */
final class RoundBaseline {

  /** The app's deadlines ({@code AssessmentService}): the timers on the first step lie days ahead. */
  private static final AssessmentDeadlines DEADLINES = new AssessmentDeadlines("P14D", "P10D", "P7D", "P10D", "P2D");

  record Result(int instances, double seconds, long jobsReceived, long jobsReceivedTwice, long creationRetries) {}

  private RoundBaseline() {}

  static Result run(int n, Duration jobTimeout) throws InterruptedException {
    ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "bench-round-retry");
      t.setDaemon(true);
      return t;
    });
    try (LocalBroker broker = new LocalBroker().start();
        CamundaClient client = EngineBaseline.client(broker.grpcAddress(), broker.restAddress())) {
      EngineBaseline.deploy(client);
      Set<Long> received = ConcurrentHashMap.newKeySet();
      AtomicLong twice = new AtomicLong();
      CountDownLatch all = new CountDownLatch(n);
      JobWorker worker = client.newWorker().jobType(JobTypes.USER_TASK).handler((c, job) -> {
        if (received.add(job.getKey())) {
          all.countDown();
        } else {
          twice.incrementAndGet();
        }
      }).name("bench-round").timeout(jobTimeout).maxJobsActive(64).streamEnabled(true).open();
      AtomicLong retried = new AtomicLong();
      Semaphore inFlight = new Semaphore(64);
      long started = System.nanoTime();
      try {
        for (int i = 1; i <= n; i++) {
          inFlight.acquire();
          create(client, retries, new AssessmentStart(i, i, "bench.z" + i, "BZ-U001", "BZ-R001", "BZ", "2025-2026",
              DEADLINES), inFlight, retried, 0);
        }
        if (!all.await(60, TimeUnit.MINUTES)) {
          throw new IllegalStateException("round baseline: " + all.getCount() + " of " + n + " tasks did not arrive");
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return new Result(n, seconds, received.size(), twice.get(), retried.get());
      } finally {
        worker.close();
      }
    } finally {
      retries.shutdownNow();
    }
  }

  private static void create(CamundaClient client, ScheduledExecutorService retries, AssessmentStart start,
      Semaphore inFlight, AtomicLong retried, int attempt) {
    client.newCreateInstanceCommand().bpmnProcessId(ProcessIds.ANNUAL_ASSESSMENT).latestVersion().variables(start)
        .send().whenComplete((result, failure) -> {
          if (failure == null) {
            inFlight.release();
          } else if (attempt < 200) {
            // backpressure: try again a little later, as the app's ProcessStarter does
            retried.incrementAndGet();
            retries.schedule(() -> create(client, retries, start, inFlight, retried, attempt + 1),
                Math.min(1000, 20L * (attempt + 1)), TimeUnit.MILLISECONDS);
          } else {
            inFlight.release();
            throw new IllegalStateException("could not create instance " + start.assessmentId(), failure);
          }
        });
  }
}
