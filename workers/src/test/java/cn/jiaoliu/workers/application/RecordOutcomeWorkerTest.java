package cn.jiaoliu.workers.application;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jiaoliu.processes.application.ApplicationProcess;
import cn.jiaoliu.processes.application.OutcomeInput;
import cn.jiaoliu.workers.support.TemporaryFailureAssert;
import org.junit.jupiter.api.Test;

class RecordOutcomeWorkerTest {

  private final FakeApplicationSteps steps = new FakeApplicationSteps();
  private final RecordOutcomeWorker worker = new RecordOutcomeWorker(steps);

  @Test
  void recordsTheOutcome() {
    worker.recordOutcome(new OutcomeInput(42L, ApplicationProcess.OUTCOME_WITHDRAWN, null));

    assertThat(steps.calls).containsExactly("recordOutcome 42 WITHDRAWN");
  }

  @Test
  void aFailingAppFailsTheJobWithABackoff() {
    var down = new IllegalStateException("database down");
    steps.failingWith(down);

    TemporaryFailureAssert.failsTheJobWithBackoff(
        () -> worker.recordOutcome(new OutcomeInput(42L, ApplicationProcess.OUTCOME_NOT_ELIGIBLE, java.util.List.of("TOO_FEW_YEARS"))), down);
  }
}
