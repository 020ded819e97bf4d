package cn.jiaoliu.workers.assessment;

import cn.jiaoliu.processes.JobTypes;
import cn.jiaoliu.processes.assessment.AssessmentStepInput;
import cn.jiaoliu.workers.support.TemporaryFailures;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.camunda.client.api.response.ActivatedJob;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * {@code escalate-assessment-overdue}: an assessment step is past its due date; flags it for the
 * district teaching office. The step itself stays open. Only with
 * {@value AssessmentSteps#ENABLED_PROPERTY}{@code =true}. Public: the starter invokes it reflectively.
 */
@Component
@ConditionalOnProperty(name = AssessmentSteps.ENABLED_PROPERTY, havingValue = "true")
public class EscalateAssessmentOverdueWorker {

  private final AssessmentSteps steps;

  EscalateAssessmentOverdueWorker(AssessmentSteps steps) {
    this.steps = steps;
  }

  @JobWorker(type = JobTypes.ESCALATE_ASSESSMENT_OVERDUE)
  public void escalateOverdue(@VariablesAsType AssessmentStepInput input, ActivatedJob job) {
    try {
      steps.escalate(input.assessmentId(), input.step(), job.getElementInstanceKey());
    } catch (RuntimeException e) {
      throw TemporaryFailures.retryLater(JobTypes.ESCALATE_ASSESSMENT_OVERDUE, e);
    }
  }
}
