package cn.jiaoliu.workers.application;

import cn.jiaoliu.processes.JobTypes;
import cn.jiaoliu.processes.application.ApplicationProcess;
import cn.jiaoliu.processes.application.AssignmentInput;
import cn.jiaoliu.workers.application.ApplicationSteps.QuotaExhaustedException;
import cn.jiaoliu.workers.support.TemporaryFailures;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.camunda.client.exception.CamundaError;
import org.springframework.stereotype.Component;

/**
 * {@code create-assignment}: creates the assignment with the monthly subsidy and consumes the batch
 * quota. No quota left is a business outcome (BPMN error {@code QUOTA_EXHAUSTED}); anything else
 * is retried after a backoff. Public: the starter invokes it reflectively.
 */
@Component
public class CreateAssignmentWorker {

  private final ApplicationSteps steps;

  CreateAssignmentWorker(ApplicationSteps steps) {
    this.steps = steps;
  }

  @JobWorker(type = JobTypes.CREATE_ASSIGNMENT)
  public Result createAssignment(@VariablesAsType AssignmentInput input) {
    try {
      return new Result(steps.createAssignment(input.applicationId(), input.monthlySubsidy()));
    } catch (QuotaExhaustedException e) {
      throw CamundaError.bpmnError(ApplicationProcess.ERROR_QUOTA_EXHAUSTED, e.getMessage());
    } catch (RuntimeException e) {
      throw TemporaryFailures.retryLater(JobTypes.CREATE_ASSIGNMENT, e);
    }
  }

  /** The only new variable: {@code assignmentId}. */
  public record Result(long assignmentId) {}
}
