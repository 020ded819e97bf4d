package cn.jiaoliu.workers.assessment;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jiaoliu.processes.assessment.AssessmentProcess;
import cn.jiaoliu.processes.assessment.AssessmentStepInput;
import cn.jiaoliu.workers.support.TemporaryFailureAssert;
import org.junit.jupiter.api.Test;

class EscalateAssessmentOverdueWorkerTest {

  private final FakeAssessmentSteps steps = new FakeAssessmentSteps();
  private final EscalateAssessmentOverdueWorker worker = new EscalateAssessmentOverdueWorker(steps);

  @Test
  void escalatesTheOverdueStep() {
    worker.escalateOverdue(new AssessmentStepInput(31L, AssessmentProcess.TASK_APPROVE_ASSESSMENT));

    assertThat(steps.calls).containsExactly("escalate 31 Task_ApproveAssessment");
  }

  @Test
  void aFailingAppFailsTheJobWithABackoff() {
    var down = new IllegalStateException("database down");
    steps.failingWith(down);

    TemporaryFailureAssert.failsTheJobWithBackoff(
        () -> worker.escalateOverdue(new AssessmentStepInput(31L, AssessmentProcess.TASK_SIGN_DISPATCHING_OPINION)), down);
  }
}
