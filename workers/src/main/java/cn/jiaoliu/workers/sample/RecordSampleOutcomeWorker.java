package cn.jiaoliu.workers.sample;

import cn.jiaoliu.processes.JobTypes;
import cn.jiaoliu.processes.sample.SampleOutcomeInput;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import org.springframework.stereotype.Component;

/**
 * {@code record-sample-outcome}: stores how a sample request ended (approved, rejected, overdue).
 * Public because the starter invokes the handler reflectively.
 */
@Component
public class RecordSampleOutcomeWorker {

  private final SampleOutcomeService service;

  RecordSampleOutcomeWorker(SampleOutcomeService service) {
    this.service = service;
  }

  @JobWorker(type = JobTypes.RECORD_SAMPLE_OUTCOME)
  public void recordOutcome(@VariablesAsType SampleOutcomeInput input) {
    String outcome = input.decision() == null ? SampleOutcomeService.OVERDUE : input.decision();
    service.recordOutcome(input.requestId(), outcome);
  }
}
