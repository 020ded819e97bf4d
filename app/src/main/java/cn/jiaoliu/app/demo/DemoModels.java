package cn.jiaoliu.app.demo;

import cn.jiaoliu.app.engine.EngineUnavailableException;
import cn.jiaoliu.app.modelling.ModelDeployments;
import cn.jiaoliu.app.modelling.ModelFile;
import cn.jiaoliu.app.modelling.Models;
import cn.jiaoliu.app.security.Role;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.MessageSource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The demo deploys the demonstration class (送教下乡示范课) on its first start the way an
 * administrator would, through the upload's checks and deployment: a process built from BPMN, DMN
 * and forms only, which teachers may start. Once deployed it is left alone (a later version is an
 * administrator's upload).
 */
@Component
@ConditionalOnProperty(name = "jiaoliu.demo.cases", havingValue = "true")
class DemoModels {

  static final String PROCESS = "demonstration-class";
  private static final String FILES = "classpath*:modelled/demonstration-class/*.*";
  private static final Logger log = LoggerFactory.getLogger(DemoModels.class);

  private final ModelDeployments deployments;
  private final Models models;
  private final MessageSource messages;
  private volatile boolean done;

  DemoModels(ModelDeployments deployments, Models models, MessageSource messages) {
    this.deployments = deployments;
    this.models = models;
    this.messages = messages;
  }

  @Scheduled(fixedDelayString = "PT10S", initialDelayString = "PT5S")
  void deployOnce() {
    if (done) {
      return;
    }
    if (models.latest(PROCESS).isPresent()) {
      done = true;
      return;
    }
    try {
      List<ModelFile> files = new ArrayList<>();
      for (Resource r : new PathMatchingResourcePatternResolver().getResources(FILES)) {
        files.add(new ModelFile(r.getFilename(), r.getContentAsByteArray()));
      }
      var outcome = deployments.deploy(new ModelDeployments.Deployer("demo",
          messages.getMessage("demo.deployer", null, Locale.SIMPLIFIED_CHINESE), "system"), files,
          Set.of(Role.TEACHER));
      done = outcome.ok();
      if (!outcome.ok()) {
        log.warn("the demo's demonstration class was refused: {}", outcome.problems());
      }
    } catch (IOException | EngineUnavailableException e) {
      log.info("the demo deploys the demonstration class when the engine answers ({})", e.toString());
    }
  }
}
