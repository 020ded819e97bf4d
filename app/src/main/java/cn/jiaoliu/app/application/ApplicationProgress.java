package cn.jiaoliu.app.application;

import cn.jiaoliu.app.tasklist.UserTaskArrived;
import cn.jiaoliu.app.tasklist.UserTaskCompleted;
import cn.jiaoliu.app.tasklist.UserTaskEscalated;
import cn.jiaoliu.processes.ProcessIds;
import cn.jiaoliu.processes.application.ApplicationProcess;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps an application's status in step with its process: a new task of a step moves it to that
 * step; the teaching office's approval moves it to APPROVING (no withdrawal after that). Also
 * retries what the engine could not take while it was away.
 */
@Component
class ApplicationProgress {

  private static final Logger log = LoggerFactory.getLogger(ApplicationProgress.class);

  private static final List<String> RUNNING = ApplicationStatus.names(ApplicationStatus.WITHDRAWABLE);

  private static final Map<String, ApplicationStatus> STEP_STATUS = Map.of(
      ApplicationProcess.TASK_SIGN_OPINION, ApplicationStatus.AWAITING_OPINION,
      ApplicationProcess.TASK_REVISE_APPLICATION, ApplicationStatus.RETURNED,
      ApplicationProcess.TASK_ACCEPT_TEACHER, ApplicationStatus.AWAITING_ACCEPTANCE,
      ApplicationProcess.TASK_APPROVE_APPLICATION, ApplicationStatus.AWAITING_APPROVAL);

  private final RotationApplicationRepository applications;
  private final Clock clock;

  ApplicationProgress(RotationApplicationRepository applications, Clock clock) {
    this.applications = applications;
    this.clock = clock;
  }

  /**
   * The case's one instance: the app may have started it without learning its key (killed right
   * after starting it, or the engine answered too late); its first task tells it, so it is not
   * started again. Another instance's task belongs to a repeat, which the inbox ends.
   */
  long ownInstance(long applicationId, long processInstanceKey) {
    if (applications.started(applicationId, processInstanceKey, OffsetDateTime.now(clock)) > 0) {
      return processInstanceKey;
    }
    Long own = applications.findById(applicationId).map(RotationApplication::processInstanceKey).orElse(null);
    if (own != null && own != processInstanceKey) {
      log.warn("application {} has a second process instance {} (its own is {})", applicationId, processInstanceKey,
          own);
    }
    return own == null ? processInstanceKey : own;
  }

  @EventListener
  void taskArrived(UserTaskArrived event) {
    if (!ProcessIds.ROTATION_APPLICATION.equals(event.bpmnProcessId()) || event.subjectId() == null) {
      return;
    }
    ApplicationStatus status = STEP_STATUS.get(event.elementId());
    if (status != null) {
      applications.moveStatus(event.subjectId(), RUNNING, status.name(), event.elementId(), OffsetDateTime.now(clock));
    }
  }

  /** An overdue step: the application shows it (the inbox flagged the task and told the office). */
  @EventListener
  void taskEscalated(UserTaskEscalated event) {
    if (ProcessIds.ROTATION_APPLICATION.equals(event.bpmnProcessId()) && event.subjectId() != null) {
      applications.markOverdue(event.subjectId(), event.elementId(), OffsetDateTime.now(clock));
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
