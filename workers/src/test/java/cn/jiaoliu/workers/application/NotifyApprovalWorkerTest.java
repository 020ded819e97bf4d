package cn.jiaoliu.workers.application;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jiaoliu.processes.application.ApplicationRef;
import cn.jiaoliu.workers.support.TemporaryFailureAssert;
import org.junit.jupiter.api.Test;

class NotifyApprovalWorkerTest {

  private final FakeApplicationSteps steps = new FakeApplicationSteps();
  private final NotifyApprovalWorker worker = new NotifyApprovalWorker(steps);

  @Test
  void notifiesEveryoneOfTheApproval() {
    worker.notifyApproval(new ApplicationRef(42L));

    assertThat(steps.calls).containsExactly("notifyApproval 42");
  }

  @Test
  void aFailingMailServerFailsTheJobWithABackoff() {
    var down = new IllegalStateException("SMTP unavailable");
    steps.failingWith(down);

    TemporaryFailureAssert.failsTheJobWithBackoff(() -> worker.notifyApproval(new ApplicationRef(42L)), down);
  }
}
