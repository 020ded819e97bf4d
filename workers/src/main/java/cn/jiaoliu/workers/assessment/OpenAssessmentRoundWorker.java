package cn.jiaoliu.workers.assessment;

import cn.jiaoliu.processes.JobTypes;
import cn.jiaoliu.processes.assessment.RoundOpening;
import cn.jiaoliu.workers.support.TemporaryFailures;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * {@code open-assessment-round}: the default opening date of a district's assessment round has come;
 * opens the round. Only with {@value AssessmentSteps#ENABLED_PROPERTY}{@code =true}. Public: the
 * starter invokes it reflectively.
 */
@Component
@ConditionalOnProperty(name = AssessmentSteps.ENABLED_PROPERTY, havingValue = "true")
public class OpenAssessmentRoundWorker {

  private final AssessmentSteps steps;

  OpenAssessmentRoundWorker(AssessmentSteps steps) {
    this.steps = steps;
  }

  @JobWorker(type = JobTypes.OPEN_ASSESSMENT_ROUND)
  public Result openRound(@VariablesAsType RoundOpening input) {
    try {
      return new Result(steps.openRound(input.districtCode(), input.schoolYear()));
    } catch (RuntimeException e) {
      throw TemporaryFailures.retryLater(JobTypes.OPEN_ASSESSMENT_ROUND, e);
    }
  }

  /** The only new variable: {@code roundAdded}. */
  public record Result(int roundAdded) {}
}
