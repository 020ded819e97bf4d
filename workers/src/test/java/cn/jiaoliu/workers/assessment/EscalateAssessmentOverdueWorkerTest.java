package cn.jiaoliu.workers.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import cn.jiaoliu.processes.assessment.AssessmentProcess;
import cn.jiaoliu.processes.assessment.AssessmentStepInput;
import cn.jiaoliu.workers.support.TemporaryFailureAssert;
import io.camunda.client.api.response.ActivatedJob;
import org.junit.jupiter.api.Test;

class EscalateAssessmentOverdueWorkerTest {

  private final FakeAssessmentSteps steps = new FakeAssessmentSteps();
  private final EscalateAssessmentOverdueWorker worker = new EscalateAssessmentOverdueWorker(steps);

  @Test
  void escalatesTheOverdueStep() {
    worker.escalateOverdue(new AssessmentStepInput(31L, AssessmentProcess.TASK_APPROVE_ASSESSMENT), job(4711L));

    assertThat(steps.calls).containsExactly("escalate 31 Task_ApproveAssessment 4711");
  }

  @Test
  void aFailingAppFailsTheJobWithABackoff() {
    var down = new IllegalStateException("database down");
    steps.failingWith(down);

    TemporaryFailureAssert.failsTheJobWithBackoff(
        () -> worker.escalateOverdue(new AssessmentStepInput(31L, AssessmentProcess.TASK_SIGN_DISPATCHING_OPINION), job(4711L)), down);
  }

  /** The job of one firing of the step's timer: its element instance key tells that firing from the next. */
  private static ActivatedJob job(long elementInstanceKey) {
    ActivatedJob job = mock(ActivatedJob.class);
    when(job.getElementInstanceKey()).thenReturn(elementInstanceKey);
    return job;
  }
}
