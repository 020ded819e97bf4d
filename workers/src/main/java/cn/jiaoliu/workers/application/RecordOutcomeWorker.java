package cn.jiaoliu.workers.application;

import cn.jiaoliu.processes.JobTypes;
import cn.jiaoliu.processes.application.OutcomeInput;
import cn.jiaoliu.workers.support.TemporaryFailures;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import org.springframework.stereotype.Component;

/**
 * {@code record-outcome}: ends an application that did not go through (not eligible, rejected,
 * declined, withdrawn, no quota) and tells the teacher. Public: the starter invokes it reflectively.
 */
@Component
public class RecordOutcomeWorker {

  private final ApplicationSteps steps;

  RecordOutcomeWorker(ApplicationSteps steps) {
    this.steps = steps;
  }

  @JobWorker(type = JobTypes.RECORD_OUTCOME)
  public void recordOutcome(@VariablesAsType OutcomeInput input) {
    try {
      steps.recordOutcome(input.applicationId(), input.outcome(), input.ineligibleReasons());
    } catch (RuntimeException e) {
      throw TemporaryFailures.retryLater(JobTypes.RECORD_OUTCOME, e);
    }
  }
}
