package cn.jiaoliu.app.application;

import cn.jiaoliu.app.tasklist.SecondInstances;
import cn.jiaoliu.app.tasklist.UserTaskArrived;
import cn.jiaoliu.app.tasklist.UserTaskCompleted;
import cn.jiaoliu.processes.ProcessIds;
import cn.jiaoliu.processes.application.ApplicationProcess;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

/**
 * Keeps an application's status in step with its process: a new task of a step moves it to that
 * step; the teaching office's approval moves it to APPROVING (no withdrawal after that). Also
 * retries what the engine could not take while it was away.
 */
@Component
class ApplicationProgress {

  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ApplicationProgress.class);

  private static final List<String> RUNNING = ApplicationStatus.names(ApplicationStatus.WITHDRAWABLE);

  private static final Map<String, ApplicationStatus> STEP_STATUS = Map.of(
      ApplicationProcess.TASK_SIGN_OPINION, ApplicationStatus.AWAITING_OPINION,
      ApplicationProcess.TASK_REVISE_APPLICATION, ApplicationStatus.RETURNED,
      ApplicationProcess.TASK_ACCEPT_TEACHER, ApplicationStatus.AWAITING_ACCEPTANCE,
      ApplicationProcess.TASK_APPROVE_APPLICATION, ApplicationStatus.AWAITING_APPROVAL);

  private final RotationApplicationRepository applications;
  private final SecondInstances secondInstances;
  private final Clock clock;

  ApplicationProgress(RotationApplicationRepository applications, SecondInstances secondInstances, Clock clock) {
    this.applications = applications;
    this.secondInstances = secondInstances;
    this.clock = clock;
  }

  @EventListener
  void taskArrived(UserTaskArrived event) {
    if (!ProcessIds.ROTATION_APPLICATION.equals(event.bpmnProcessId()) || event.subjectId() == null) {
      return;
    }
    // the app may have started the instance without learning its key (killed right after starting
    // it, or the engine answered too late): the first task tells it, so it is not started again
    Long own = applications.started(event.subjectId(), event.processInstanceKey(), OffsetDateTime.now(clock)) > 0
        ? event.processInstanceKey()
        : applications.findById(event.subjectId()).map(RotationApplication::processInstanceKey).orElse(null);
    if (own != null && own != event.processInstanceKey()) {
      log.warn("application {} has a second process instance {} (its own is {}); cancelling the second",
          event.subjectId(), event.processInstanceKey(), own);
      secondInstances.cancel(event.processInstanceKey());
      return;
    }
    ApplicationStatus status = STEP_STATUS.get(event.elementId());
    if (status != null) {
      applications.moveStatus(event.subjectId(), RUNNING, status.name(), event.elementId(), OffsetDateTime.now(clock));
    }
  }

  @EventListener
  void taskCompleted(UserTaskCompleted event) {
    if (ApplicationProcess.TASK_APPROVE_APPLICATION.equals(event.elementId()) && event.subjectId() != null
        && ApplicationProcess.APPROVE.equals(event.variables().get("decision"))) {
      applications.moveStatus(event.subjectId(), List.of("AWAITING_APPROVAL"), ApplicationStatus.APPROVING.name(),
          null, OffsetDateTime.now(clock));
    }
  }

  @Component
  @ConditionalOnProperty(name = "jiaoliu.background-jobs", havingValue = "true", matchIfMissing = true)
  static class Retries {

    private final ApplicationService service;

    Retries(ApplicationService service) {
      this.service = service;
    }

    @Scheduled(fixedDelay = 10_000, initialDelay = 10_000)
    void retry() {
      service.startPending();
      service.publishPendingWithdrawals();
    }
  }
}
