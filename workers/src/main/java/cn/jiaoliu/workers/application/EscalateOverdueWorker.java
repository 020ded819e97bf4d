package cn.jiaoliu.workers.application;

import cn.jiaoliu.processes.JobTypes;
import cn.jiaoliu.processes.application.StepInput;
import cn.jiaoliu.workers.support.TemporaryFailures;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import org.springframework.stereotype.Component;

/**
 * {@code escalate-overdue}: a human step is past its due date; flags it for the district teaching
 * office. The step itself stays open. Public: the starter invokes it reflectively.
 */
@Component
public class EscalateOverdueWorker {

  private final ApplicationSteps steps;

  EscalateOverdueWorker(ApplicationSteps steps) {
    this.steps = steps;
  }

  @JobWorker(type = JobTypes.ESCALATE_OVERDUE)
  public void escalateOverdue(@VariablesAsType StepInput input) {
    try {
      steps.escalate(input.applicationId(), input.step());
    } catch (RuntimeException e) {
      throw TemporaryFailures.retryLater(JobTypes.ESCALATE_OVERDUE, e);
    }
  }
}
