package cn.jiaoliu.workers.application;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jiaoliu.processes.application.ApplicationProcess;
import cn.jiaoliu.processes.application.StepInput;
import cn.jiaoliu.workers.support.TemporaryFailureAssert;
import org.junit.jupiter.api.Test;

class SendReminderWorkerTest {

  private final FakeApplicationSteps steps = new FakeApplicationSteps();
  private final SendReminderWorker worker = new SendReminderWorker(steps);

  @Test
  void remindsAboutTheStep() {
    worker.sendReminder(new StepInput(42L, ApplicationProcess.TASK_SIGN_OPINION));

    assertThat(steps.calls).containsExactly("remind 42 Task_SignOpinion");
  }

  @Test
  void aFailingMailServerFailsTheJobWithABackoff() {
    var down = new IllegalStateException("SMTP unavailable");
    steps.failingWith(down);

    TemporaryFailureAssert.failsTheJobWithBackoff(
        () -> worker.sendReminder(new StepInput(42L, ApplicationProcess.TASK_SIGN_OPINION)), down);
  }
}
