package cn.jiaoliu.workers.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import cn.jiaoliu.processes.application.ApplicationProcess;
import cn.jiaoliu.processes.application.AssignmentInput;
import cn.jiaoliu.workers.application.ApplicationSteps.QuotaExhaustedException;
import cn.jiaoliu.workers.support.TemporaryFailureAssert;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.exception.BpmnError;
import org.junit.jupiter.api.Test;

class CreateAssignmentWorkerTest {

  private final FakeApplicationSteps steps = new FakeApplicationSteps();
  private final CreateAssignmentWorker worker = new CreateAssignmentWorker(steps);

  @Test
  void createsTheAssignmentWithTheSubsidyAndReturnsOnlyItsId() throws Exception {
    var result = worker.createAssignment(new AssignmentInput(42L, 450));

    assertThat(result.assignmentId()).isEqualTo(900L);
    assertThat(steps.calls).containsExactly("createAssignment 42 450");
    assertThat(new ObjectMapper().writeValueAsString(result)).isEqualTo("{\"assignmentId\":900}");
  }

  @Test
  void noQuotaLeftIsABpmnError() {
    steps.failingWith(new QuotaExhaustedException("LC-R01 城区→乡村 名额已用完"));

    BpmnError error = catchThrowableOfType(BpmnError.class, () -> worker.createAssignment(new AssignmentInput(42L, 450)));

    assertThat(error.getErrorCode()).isEqualTo(ApplicationProcess.ERROR_QUOTA_EXHAUSTED);
    assertThat(error.getErrorMessage()).contains("名额已用完");
  }

  @Test
  void anyOtherFailureFailsTheJobWithABackoff() {
    var down = new IllegalStateException("database down");
    steps.failingWith(down);

    TemporaryFailureAssert.failsTheJobWithBackoff(() -> worker.createAssignment(new AssignmentInput(42L, 450)), down);
  }
}
