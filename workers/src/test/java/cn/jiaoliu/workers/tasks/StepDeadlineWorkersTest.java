package cn.jiaoliu.workers.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import cn.jiaoliu.processes.StepDue;
import cn.jiaoliu.processes.application.ApplicationProcess;
import cn.jiaoliu.processes.assessment.AssessmentProcess;
import cn.jiaoliu.workers.support.TemporaryFailureAssert;
import io.camunda.client.api.response.ActivatedJob;
import org.junit.jupiter.api.Test;

/** One reminder and one escalation worker serve the steps of every process. */
class StepDeadlineWorkersTest {

  private final FakeStepDeadlines deadlines = new FakeStepDeadlines();
  private final SendReminderWorker reminders = new SendReminderWorker(deadlines);
  private final EscalateOverdueWorker escalations = new EscalateOverdueWorker(deadlines);

  @Test
  void remindsAboutTheStepOfTheJobsInstanceWhateverTheProcess() {
    reminders.sendReminder(new StepDue(ApplicationProcess.TASK_SIGN_OPINION), job(42L));
    reminders.sendReminder(new StepDue(AssessmentProcess.TASK_ASSESS_TEACHER), job(43L));

    assertThat(deadlines.calls).containsExactly("remind 42 Task_SignOpinion", "remind 43 Task_AssessTeacher");
  }

  @Test
  void escalatesTheOverdueStepOfTheJobsInstanceWhateverTheProcess() {
    escalations.escalateOverdue(new StepDue(ApplicationProcess.TASK_APPROVE_APPLICATION), job(42L));
    escalations.escalateOverdue(new StepDue(AssessmentProcess.TASK_APPROVE_ASSESSMENT), job(43L));

    assertThat(deadlines.calls).containsExactly("escalate 42 Task_ApproveApplication",
        "escalate 43 Task_ApproveAssessment");
  }

  @Test
  void aFailingMailServerOrDatabaseFailsTheJobWithABackoff() {
    var down = new IllegalStateException("SMTP unavailable");
    deadlines.failingWith(down);

    TemporaryFailureAssert.failsTheJobWithBackoff(
        () -> reminders.sendReminder(new StepDue(ApplicationProcess.TASK_SIGN_OPINION), job(42L)), down);
    TemporaryFailureAssert.failsTheJobWithBackoff(
        () -> escalations.escalateOverdue(new StepDue(AssessmentProcess.TASK_SIGN_DISPATCHING_OPINION), job(43L)), down);
  }

  private static ActivatedJob job(long processInstanceKey) {
    ActivatedJob job = mock(ActivatedJob.class);
    when(job.getProcessInstanceKey()).thenReturn(processInstanceKey);
    return job;
  }
}
