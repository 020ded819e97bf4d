package cn.jiaoliu.workers.application;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jiaoliu.processes.application.CollectFactsInput;
import cn.jiaoliu.workers.support.TemporaryFailureAssert;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class CollectEligibilityFactsWorkerTest {

  private final FakeApplicationSteps steps = new FakeApplicationSteps();
  private final CollectEligibilityFactsWorker worker = new CollectEligibilityFactsWorker(steps);

  @Test
  void returnsTheFactsAndTheRoutingVariables() throws Exception {
    var result = worker.collectFacts(new CollectFactsInput(42L, null));

    assertThat(result.facts()).isEqualTo(FakeApplicationSteps.FACTS);
    assertThat(steps.calls).containsExactly("collectFacts 42");
    assertThat(new ObjectMapper().readTree(new ObjectMapper().writeValueAsString(result)).fieldNames())
        .toIterable()
        .containsExactly("facts", "teacherUsername", "homeSchoolCode", "targetSchoolCode", "districtCode",
            "dispatchingSigner");
  }

  @Test
  void handsTheRevisionToTheApp() {
    var revision = new CollectFactsInput.Revision(77L, "LC-R02", "数学", "2026-09-01", "2027-07-31", "理由", "数学教师");

    var result = worker.collectFacts(new CollectFactsInput(42L, revision));

    assertThat(steps.revisionSeen).isEqualTo(revision);
    assertThat(result.targetSchoolCode()).as("the revised target school routes the next steps").isEqualTo("LC-R02");
  }

  @Test
  void aFailingAppFailsTheJobWithABackoff() {
    var down = new IllegalStateException("database down");
    steps.failingWith(down);

    TemporaryFailureAssert.failsTheJobWithBackoff(() -> worker.collectFacts(new CollectFactsInput(42L, null)), down);
  }
}
