package cn.jiaoliu.workers.tasks;

import cn.jiaoliu.processes.JobTypes;
import cn.jiaoliu.processes.StepDue;
import cn.jiaoliu.workers.support.TemporaryFailures;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.camunda.client.api.response.ActivatedJob;
import org.springframework.stereotype.Component;

/**
 * {@code escalate-overdue}, for every process: a human step is past its due date; flags it for the
 * case's supervisors. The step itself stays open. Public: the starter invokes it reflectively.
 */
@Component
public class EscalateOverdueWorker {

  private final StepDeadlines deadlines;

  EscalateOverdueWorker(StepDeadlines deadlines) {
    this.deadlines = deadlines;
  }

  @JobWorker(type = JobTypes.ESCALATE_OVERDUE)
  public void escalateOverdue(@VariablesAsType StepDue input, ActivatedJob job) {
    try {
      deadlines.escalate(job.getProcessInstanceKey(), input.step());
    } catch (RuntimeException e) {
      throw TemporaryFailures.retryLater(JobTypes.ESCALATE_OVERDUE, e);
    }
  }
}
