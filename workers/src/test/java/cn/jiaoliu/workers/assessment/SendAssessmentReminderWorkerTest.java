package cn.jiaoliu.workers.assessment;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jiaoliu.processes.assessment.AssessmentProcess;
import cn.jiaoliu.processes.assessment.AssessmentStepInput;
import cn.jiaoliu.workers.support.TemporaryFailureAssert;
import org.junit.jupiter.api.Test;

class SendAssessmentReminderWorkerTest {

  private final FakeAssessmentSteps steps = new FakeAssessmentSteps();
  private final SendAssessmentReminderWorker worker = new SendAssessmentReminderWorker(steps);

  @Test
  void remindsAboutTheStep() {
    worker.sendReminder(new AssessmentStepInput(31L, AssessmentProcess.TASK_WRITE_SELF_EVALUATION));

    assertThat(steps.calls).containsExactly("remind 31 Task_WriteSelfEvaluation");
  }

  @Test
  void aFailingMailServerFailsTheJobWithABackoff() {
    var down = new IllegalStateException("SMTP unavailable");
    steps.failingWith(down);

    TemporaryFailureAssert.failsTheJobWithBackoff(
        () -> worker.sendReminder(new AssessmentStepInput(31L, AssessmentProcess.TASK_ASSESS_TEACHER)), down);
  }
}
