package cn.jiaoliu.workers.application;

import cn.jiaoliu.processes.JobTypes;
import cn.jiaoliu.processes.application.CollectFactsInput;
import cn.jiaoliu.processes.application.EligibilityFacts;
import cn.jiaoliu.workers.support.TemporaryFailures;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import org.springframework.stereotype.Component;

/**
 * {@code collect-eligibility-facts}: applies the teacher's latest revision (if any) and returns the
 * facts the {@code rotation-eligibility} decision reads. Public: the starter invokes it reflectively.
 */
@Component
public class CollectEligibilityFactsWorker {

  private final ApplicationSteps steps;

  CollectEligibilityFactsWorker(ApplicationSteps steps) {
    this.steps = steps;
  }

  @JobWorker(type = JobTypes.COLLECT_ELIGIBILITY_FACTS)
  public Result collectFacts(@VariablesAsType CollectFactsInput input) {
    try {
      return new Result(steps.collectFacts(input.applicationId(), input.revision()));
    } catch (RuntimeException e) {
      throw TemporaryFailures.retryLater(JobTypes.COLLECT_ELIGIBILITY_FACTS, e);
    }
  }

  /** The only new variable: {@code facts}. */
  public record Result(EligibilityFacts facts) {}
}
