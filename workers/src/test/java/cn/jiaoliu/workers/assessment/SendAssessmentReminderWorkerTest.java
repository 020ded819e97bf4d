package cn.jiaoliu.workers.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import cn.jiaoliu.processes.assessment.AssessmentProcess;
import cn.jiaoliu.processes.assessment.AssessmentStepInput;
import cn.jiaoliu.workers.support.TemporaryFailureAssert;
import io.camunda.client.api.response.ActivatedJob;
import org.junit.jupiter.api.Test;

class SendAssessmentReminderWorkerTest {

  private final FakeAssessmentSteps steps = new FakeAssessmentSteps();
  private final SendAssessmentReminderWorker worker = new SendAssessmentReminderWorker(steps);

  @Test
  void remindsAboutTheStep() {
    worker.sendReminder(new AssessmentStepInput(31L, AssessmentProcess.TASK_WRITE_SELF_EVALUATION), job(4711L));

    assertThat(steps.calls).containsExactly("remind 31 Task_WriteSelfEvaluation 4711");
  }

  @Test
  void aFailingMailServerFailsTheJobWithABackoff() {
    var down = new IllegalStateException("SMTP unavailable");
    steps.failingWith(down);

    TemporaryFailureAssert.failsTheJobWithBackoff(
        () -> worker.sendReminder(new AssessmentStepInput(31L, AssessmentProcess.TASK_ASSESS_TEACHER), job(4711L)), down);
  }

  /** The job of one firing of the step's timer: its element instance key tells that firing from the next. */
  private static ActivatedJob job(long elementInstanceKey) {
    ActivatedJob job = mock(ActivatedJob.class);
    when(job.getElementInstanceKey()).thenReturn(elementInstanceKey);
    return job;
  }
}
