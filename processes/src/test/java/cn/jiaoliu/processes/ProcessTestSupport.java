package cn.jiaoliu.processes;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.client.ZeebeClient;
import io.camunda.zeebe.client.api.response.ActivatedJob;
import io.camunda.zeebe.client.api.response.DeploymentEvent;
import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;

/** Small helpers shared by the process tests on the embedded engine. */
public final class ProcessTestSupport {

  private ProcessTestSupport() {}

  /** Deploys the resources in one deployment and returns it (its forms carry the keys user tasks link to). */
  public static DeploymentEvent deploy(ZeebeClient client, String... classpathResources) {
    var command = client.newDeployResourceCommand().addResourceFromClasspath(classpathResources[0]);
    for (int i = 1; i < classpathResources.length; i++) {
      command = command.addResourceFromClasspath(classpathResources[i]);
    }
    return command.send().join();
  }

  public static void idle(ZeebeTestEngine engine) {
    try {
      engine.waitForIdleState(Duration.ofSeconds(10));
    } catch (InterruptedException | TimeoutException e) {
      throw new IllegalStateException("engine did not become idle", e);
    }
  }

  /** Activates exactly one job of the type and returns it. */
  public static ActivatedJob activateOne(ZeebeClient client, ZeebeTestEngine engine, String type) {
    idle(engine);
    List<ActivatedJob> jobs =
        client.newActivateJobsCommand().jobType(type).maxJobsToActivate(10).send().join().getJobs();
    assertThat(jobs).as("activated jobs of type %s", type).hasSize(1);
    return jobs.get(0);
  }

  public static void noJobOf(ZeebeClient client, ZeebeTestEngine engine, String type) {
    idle(engine);
    assertThat(
            client.newActivateJobsCommand().jobType(type).maxJobsToActivate(10).send().join().getJobs())
        .as("jobs of type %s", type)
        .isEmpty();
  }
}
