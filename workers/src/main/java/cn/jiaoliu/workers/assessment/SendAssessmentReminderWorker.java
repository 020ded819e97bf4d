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
 * {@code send-assessment-reminder}: the due date of an assessment step is near; reminds whoever may
 * act on it. Only with {@value AssessmentSteps#ENABLED_PROPERTY}{@code =true}. Public: the starter
 * invokes it reflectively.
 */
@Component
@ConditionalOnProperty(name = AssessmentSteps.ENABLED_PROPERTY, havingValue = "true")
public class SendAssessmentReminderWorker {

  private final AssessmentSteps steps;

  SendAssessmentReminderWorker(AssessmentSteps steps) {
    this.steps = steps;
  }

  @JobWorker(type = JobTypes.SEND_ASSESSMENT_REMINDER)
  public void sendReminder(@VariablesAsType AssessmentStepInput input, ActivatedJob job) {
    try {
      steps.remind(input.assessmentId(), input.step(), job.getElementInstanceKey());
    } catch (RuntimeException e) {
      throw TemporaryFailures.retryLater(JobTypes.SEND_ASSESSMENT_REMINDER, e);
    }
  }
}
