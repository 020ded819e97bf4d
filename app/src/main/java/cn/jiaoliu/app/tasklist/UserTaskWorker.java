package cn.jiaoliu.app.tasklist;

import cn.jiaoliu.processes.JobTypes;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobWorker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Activates every job-worker user task ({@code io.camunda.zeebe:userTask}) and hands it to the
 * inbox. It never completes the job itself: a person does, through {@link TaskService}.
 */
@Component
@ConditionalOnProperty(name = "jiaoliu.background-jobs", havingValue = "true", matchIfMissing = true)
class UserTaskWorker implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(UserTaskWorker.class);

  private final CamundaClient client;
  private final TaskIntake intake;
  private final TasklistProperties properties;
  private volatile JobWorker worker;

  UserTaskWorker(CamundaClient client, TaskIntake intake, TasklistProperties properties) {
    this.client = client;
    this.intake = intake;
    this.properties = properties;
  }

  @Override
  public void start() {
    worker =
        client
            .newWorker()
            .jobType(JobTypes.USER_TASK)
            .handler((jobClient, job) -> receive(job))
            .name("jiaoliu-tasklist")
            .timeout(properties.jobTimeout())
            .maxJobsActive(64)
            .streamEnabled(true)
            .open();
    log.info("tasklist is receiving user tasks (hold {})", properties.jobTimeout());
  }

  private void receive(ActivatedJob job) {
    try {
      intake.receive(job);
    } catch (RuntimeException e) {
      // leave the job alone: it comes back when our hold runs out, instead of raising an incident
      log.warn("could not store user task job {} ({}); it will be offered again", job.getKey(), e.toString());
    }
  }

  @Override
  public void stop() {
    JobWorker current = worker;
    worker = null;
    if (current != null) {
      current.close();
    }
  }

  @Override
  public boolean isRunning() {
    return worker != null;
  }
}
