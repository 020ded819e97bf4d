package cn.jiaoliu.workers.assessment;

import cn.jiaoliu.processes.JobTypes;
import cn.jiaoliu.processes.assessment.ArchiveInput;
import cn.jiaoliu.workers.support.TemporaryFailures;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * {@code archive-assessment}: writes the archived record of an approved assessment with its grade and
 * credits the rural service. Only with {@value AssessmentSteps#ENABLED_PROPERTY}{@code =true}.
 * Public: the starter invokes it reflectively.
 */
@Component
@ConditionalOnProperty(name = AssessmentSteps.ENABLED_PROPERTY, havingValue = "true")
public class ArchiveAssessmentWorker {

  private final AssessmentSteps steps;

  ArchiveAssessmentWorker(AssessmentSteps steps) {
    this.steps = steps;
  }

  @JobWorker(type = JobTypes.ARCHIVE_ASSESSMENT)
  public Result archiveAssessment(@VariablesAsType ArchiveInput input) {
    try {
      return new Result(steps.archive(input.assessmentId(), input.grade()));
    } catch (RuntimeException e) {
      throw TemporaryFailures.retryLater(JobTypes.ARCHIVE_ASSESSMENT, e);
    }
  }

  /** The only new variable: {@code archiveId}. */
  public record Result(long archiveId) {}
}
