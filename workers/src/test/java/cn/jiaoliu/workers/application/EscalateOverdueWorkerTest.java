package cn.jiaoliu.workers.application;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jiaoliu.processes.application.ApplicationProcess;
import cn.jiaoliu.processes.application.StepInput;
import cn.jiaoliu.workers.support.TemporaryFailureAssert;
import org.junit.jupiter.api.Test;

class EscalateOverdueWorkerTest {

  private final FakeApplicationSteps steps = new FakeApplicationSteps();
  private final EscalateOverdueWorker worker = new EscalateOverdueWorker(steps);

  @Test
  void escalatesTheOverdueStep() {
    worker.escalateOverdue(new StepInput(42L, ApplicationProcess.TASK_APPROVE_APPLICATION));

    assertThat(steps.calls).containsExactly("escalate 42 Task_ApproveApplication");
  }

  @Test
  void aFailingAppFailsTheJobWithABackoff() {
    var down = new IllegalStateException("database down");
    steps.failingWith(down);

    TemporaryFailureAssert.failsTheJobWithBackoff(
        () -> worker.escalateOverdue(new StepInput(42L, ApplicationProcess.TASK_APPROVE_APPLICATION)), down);
  }
}
