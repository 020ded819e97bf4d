package cn.jiaoliu.workers.tasks;

import cn.jiaoliu.processes.JobTypes;
import cn.jiaoliu.processes.StepDue;
import cn.jiaoliu.workers.support.TemporaryFailures;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.camunda.client.api.response.ActivatedJob;
import org.springframework.stereotype.Component;

/**
 * {@code send-reminder}, for every process: a human step's due date is near; reminds whoever may act
 * on it. Public: the starter invokes it reflectively.
 */
@Component
public class SendReminderWorker {

  private final StepDeadlines deadlines;

  SendReminderWorker(StepDeadlines deadlines) {
    this.deadlines = deadlines;
  }

  @JobWorker(type = JobTypes.SEND_REMINDER)
  public void sendReminder(@VariablesAsType StepDue input, ActivatedJob job) {
    try {
      deadlines.remind(job.getProcessInstanceKey(), input.step());
    } catch (RuntimeException e) {
      throw TemporaryFailures.retryLater(JobTypes.SEND_REMINDER, e);
    }
  }
}
