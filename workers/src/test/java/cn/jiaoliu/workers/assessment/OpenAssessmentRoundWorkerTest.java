package cn.jiaoliu.workers.assessment;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jiaoliu.processes.assessment.RoundOpening;
import cn.jiaoliu.workers.support.TemporaryFailureAssert;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class OpenAssessmentRoundWorkerTest {

  private final FakeAssessmentSteps steps = new FakeAssessmentSteps();
  private final OpenAssessmentRoundWorker worker = new OpenAssessmentRoundWorker(steps);

  @Test
  void opensTheRoundOfTheDistrictAndYearAndReturnsOnlyHowManyWereAdded() throws Exception {
    var result = worker.openRound(new RoundOpening("LC", "2026-2027"));

    assertThat(steps.calls).containsExactly("open LC 2026-2027");
    assertThat(new ObjectMapper().writeValueAsString(result)).isEqualTo("{\"roundAdded\":" + FakeAssessmentSteps.ADDED + "}");
  }

  @Test
  void aFailingAppFailsTheJobWithABackoff() {
    var down = new IllegalStateException("database down");
    steps.failingWith(down);

    TemporaryFailureAssert.failsTheJobWithBackoff(() -> worker.openRound(new RoundOpening("LC", "2026-2027")), down);
  }
}
