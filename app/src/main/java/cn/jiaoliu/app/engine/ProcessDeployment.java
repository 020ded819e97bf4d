package cn.jiaoliu.app.engine;

import cn.jiaoliu.processes.ProcessIds;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.DeployResourceCommandStep1;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Deploys the BPMN and DMN files of the {@code processes} module at start-up (the engine skips
 * unchanged ones). When the engine does not answer within 30 seconds (it is down, or still starting
 * after a crash, or slow under load) the app starts anyway and keeps trying every ten seconds: users can
 * log in, read and submit (submissions are kept and started later) instead of the app refusing to
 * start, as it did with Camunda's {@code @Deployment}.
 */
@Component
@ConditionalOnProperty(name = "camunda.client.deployment.enabled", havingValue = "true", matchIfMissing = true)
class ProcessDeployment implements ApplicationRunner, DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(ProcessDeployment.class);
  static final Duration RETRY = Duration.ofSeconds(10);
  static final Duration START_WAIT = Duration.ofSeconds(30);

  private final CamundaClient client;
  private final QuietSteps quietSteps;
  private final List<Resource> resources;
  private final ScheduledExecutorService retries = BackgroundThreads.scheduler("jiaoliu-process-deployment");
  private volatile boolean deployed;

  ProcessDeployment(CamundaClient client, QuietSteps quietSteps) throws IOException {
    this.client = client;
    this.quietSteps = quietSteps;
    this.resources = List.of(new PathMatchingResourcePatternResolver().getResources(ProcessIds.RESOURCES));
    if (resources.isEmpty()) {
      throw new IllegalStateException("no process resources found at " + ProcessIds.RESOURCES);
    }
  }

  @Override
  public void run(ApplicationArguments args) throws InterruptedException {
    // a broker just started (or loaded) may need a while: wait for it a little before serving
    long giveUp = System.nanoTime() + START_WAIT.toNanos();
    while (!deploy() && System.nanoTime() < giveUp) {
      Thread.sleep(2000);
    }
    if (!deployed) {
      log.warn("the engine did not take the process definitions; the app runs and tries again every {} s", RETRY.toSeconds());
      retries.scheduleWithFixedDelay(() -> {
        if (deploy()) {
          retries.shutdown();
        }
      }, RETRY.toMillis(), RETRY.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  boolean deploy() {
    try {
      DeployResourceCommandStep1.DeployResourceCommandStep2 command = null;
      List<byte[]> models = new ArrayList<>();
      for (Resource resource : resources) {
        byte[] content = resource.getContentAsByteArray();
        if (resource.getFilename() != null && resource.getFilename().endsWith(".bpmn")) {
          models.add(content);
        }
        command = command == null
            ? client.newDeployResourceCommand().addResourceBytes(content, resource.getFilename())
            : command.addResourceBytes(content, resource.getFilename());
      }
      var deployment = command.send().join();
      quietSteps.deployed(deployment, models);
      deployed = true;
      log.info("deployed {} process resources (deployment {})", resources.size(), deployment.getKey());
      return true;
    } catch (IOException | RuntimeException e) {
      log.warn("deploying the process definitions failed: {}", e.toString());
      return false;
    }
  }

  boolean deployed() {
    return deployed;
  }

  @Override
  public void destroy() {
    retries.shutdownNow();
  }
}
