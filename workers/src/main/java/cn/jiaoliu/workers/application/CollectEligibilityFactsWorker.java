package cn.jiaoliu.workers.application;

import cn.jiaoliu.processes.JobTypes;
import cn.jiaoliu.processes.application.ApplicationRouting;
import cn.jiaoliu.processes.application.CollectFactsInput;
import cn.jiaoliu.processes.application.CollectedFacts;
import cn.jiaoliu.processes.application.EligibilityFacts;
import cn.jiaoliu.workers.support.TemporaryFailures;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import org.springframework.stereotype.Component;

/**
 * {@code collect-eligibility-facts}: applies the teacher's latest revision (if any) and returns the
 * facts the {@code rotation-eligibility} decision reads, with the routing variables as the revision
 * left them. Public: the starter invokes it reflectively.
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
      return Result.of(steps.collectFacts(input.applicationId(), input.revision()));
    } catch (RuntimeException e) {
      throw TemporaryFailures.retryLater(JobTypes.COLLECT_ELIGIBILITY_FACTS, e);
    }
  }

  /**
   * The new variables: {@code facts}, and the routing variables of {@link ApplicationRouting} set
   * anew from the application as it is after the revision, so that the steps after it go to the
   * schools the application now names.
   */
  public record Result(EligibilityFacts facts, String teacherUsername, String homeSchoolCode, String targetSchoolCode,
      String districtCode, String dispatchingSigner) {

    static Result of(CollectedFacts collected) {
      ApplicationRouting routing = collected.routing();
      return new Result(collected.facts(), routing.teacherUsername(), routing.homeSchoolCode(),
          routing.targetSchoolCode(), routing.districtCode(), routing.dispatchingSigner());
    }
  }
}
