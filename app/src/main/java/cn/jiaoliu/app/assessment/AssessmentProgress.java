package cn.jiaoliu.app.assessment;

import cn.jiaoliu.app.tasklist.UserTaskArrived;
import cn.jiaoliu.app.tasklist.UserTaskCompleted;
import cn.jiaoliu.processes.ProcessIds;
import cn.jiaoliu.processes.assessment.AssessmentProcess;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps an assessment in step with its process: the current step, and what the teacher and the
 * receiving school entered once the engine has taken it (so a returned step starts from it).
 */
@Component
class AssessmentProgress {

  private static final Logger log = LoggerFactory.getLogger(AssessmentProgress.class);

  private final AnnualAssessmentRepository assessments;
  private final Clock clock;

  AssessmentProgress(AnnualAssessmentRepository assessments, Clock clock) {
    this.assessments = assessments;
    this.clock = clock;
  }

  /**
   * The case's one instance: an instance started just before the app died (its key never stored) is
   * known by its first task, so the starter does not start it again; another instance's task belongs
   * to a repeat, which the inbox ends.
   */
  long ownInstance(long assessmentId, long processInstanceKey) {
    if (assessments.started(assessmentId, processInstanceKey, OffsetDateTime.now(clock)) > 0) {
      return processInstanceKey;
    }
    Long own = assessments.filing(assessmentId).map(AnnualAssessmentRepository.Filing::processInstanceKey).orElse(null);
    if (own != null && own != processInstanceKey) {
      log.warn("assessment {} has a second process instance {} (its own is {})", assessmentId, processInstanceKey,
          own);
    }
    return own == null ? processInstanceKey : own;
  }

  @EventListener
  void taskArrived(UserTaskArrived event) {
    if (!ProcessIds.ANNUAL_ASSESSMENT.equals(event.bpmnProcessId()) || event.subjectId() == null) {
      return;
    }
    assessments.atStep(event.subjectId(), event.elementId(), OffsetDateTime.now(clock));
  }

  @EventListener
  void taskCompleted(UserTaskCompleted event) {
    if (!ProcessIds.ANNUAL_ASSESSMENT.equals(event.bpmnProcessId()) || event.subjectId() == null) {
      return;
    }
    Map<String, Object> v = event.variables();
    OffsetDateTime now = OffsetDateTime.now(clock);
    switch (event.elementId()) {
      case AssessmentProcess.TASK_WRITE_SELF_EVALUATION -> assessments.selfEvaluated(event.subjectId(),
          (String) v.get("selfEvaluation"), number(v.get("demonstrationClasses")), number(v.get("researchActivities")),
          number(v.get("pupilsTaught")), now);
      case AssessmentProcess.TASK_ASSESS_TEACHER -> assessments.graded(event.subjectId(), (String) v.get("grade"), now);
      default -> { }
    }
  }

  private static int number(Object value) {
    return value instanceof Number n ? n.intValue() : 0;
  }

  @Component
  @ConditionalOnProperty(name = "jiaoliu.background-jobs", havingValue = "true", matchIfMissing = true)
  static class Retries {

    private final AssessmentService service;
    private final RoundScheduleService schedules;

    Retries(AssessmentService service, RoundScheduleService schedules) {
      this.service = service;
      this.schedules = schedules;
    }

    @Scheduled(fixedDelay = 10_000, initialDelay = 10_000)
    void retry() {
      service.startPending();
      schedules.sendPending();
    }
  }
}
