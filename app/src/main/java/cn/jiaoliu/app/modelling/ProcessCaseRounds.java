package cn.jiaoliu.app.modelling;

import cn.jiaoliu.app.engine.EngineUnavailableException;
import cn.jiaoliu.app.tasklist.UserTaskCompleted;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the cases of modelled processes in step with the engine: starts what the engine could not
 * take when it was asked, and marks ended the instances the engine no longer runs (a decided step
 * has them looked at in the next round).
 */
@Component
@ConditionalOnProperty(name = "jiaoliu.background-jobs", havingValue = "true", matchIfMissing = true)
class ProcessCaseRounds {

  private static final Logger log = LoggerFactory.getLogger(ProcessCaseRounds.class);

  private final ProcessCases cases;

  ProcessCaseRounds(ProcessCases cases) {
    this.cases = cases;
  }

  @EventListener
  void stepDecided(UserTaskCompleted event) {
    if (ProcessCase.SUBJECT.equals(event.subjectType()) && event.subjectId() != null) {
      cases.stepDecided(event.subjectId());
    }
  }

  @Scheduled(fixedDelayString = "${jiaoliu.modelling.interval:PT10S}", initialDelayString = "PT10S")
  void round() {
    try {
      for (long id : cases.waitingToStart()) {
        if (!cases.send(id)) {
          break;
        }
      }
      int ended = cases.lookForEnds();
      if (ended > 0) {
        log.info("{} cases of modelled processes ended", ended);
      }
    } catch (EngineUnavailableException e) {
      log.debug("engine away; the cases are looked at again in the next round");
    }
  }
}
