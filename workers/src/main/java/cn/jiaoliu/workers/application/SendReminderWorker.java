package cn.jiaoliu.workers.application;

import cn.jiaoliu.processes.JobTypes;
import cn.jiaoliu.processes.application.StepInput;
import cn.jiaoliu.workers.support.TemporaryFailures;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import org.springframework.stereotype.Component;

/**
 * {@code send-reminder}: the due date of a human step is near; reminds whoever may act on it.
 * Public: the starter invokes it reflectively.
 */
@Component
public class SendReminderWorker {

  private final ApplicationSteps steps;

  SendReminderWorker(ApplicationSteps steps) {
    this.steps = steps;
  }

  @JobWorker(type = JobTypes.SEND_REMINDER)
  public void sendReminder(@VariablesAsType StepInput input) {
    try {
      steps.remind(input.applicationId(), input.step());
    } catch (RuntimeException e) {
      throw TemporaryFailures.retryLater(JobTypes.SEND_REMINDER, e);
    }
  }
}
