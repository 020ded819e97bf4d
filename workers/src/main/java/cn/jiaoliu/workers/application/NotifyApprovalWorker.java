package cn.jiaoliu.workers.application;

import cn.jiaoliu.processes.JobTypes;
import cn.jiaoliu.processes.application.ApplicationRef;
import cn.jiaoliu.workers.support.TemporaryFailures;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import org.springframework.stereotype.Component;

/**
 * {@code notify-approval}: tells the teacher, both principals and the teaching office that the
 * application was approved. Public: the starter invokes it reflectively.
 */
@Component
public class NotifyApprovalWorker {

  private final ApplicationSteps steps;

  NotifyApprovalWorker(ApplicationSteps steps) {
    this.steps = steps;
  }

  @JobWorker(type = JobTypes.NOTIFY_APPROVAL)
  public void notifyApproval(@VariablesAsType ApplicationRef input) {
    try {
      steps.notifyApproval(input.applicationId());
    } catch (RuntimeException e) {
      throw TemporaryFailures.retryLater(JobTypes.NOTIFY_APPROVAL, e);
    }
  }
}
