package cn.jiaoliu.workers.assessment;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jiaoliu.processes.assessment.ArchiveInput;
import cn.jiaoliu.processes.assessment.AssessmentProcess;
import cn.jiaoliu.workers.support.TemporaryFailureAssert;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ArchiveAssessmentWorkerTest {

  private final FakeAssessmentSteps steps = new FakeAssessmentSteps();
  private final ArchiveAssessmentWorker worker = new ArchiveAssessmentWorker(steps);

  @Test
  void archivesWithTheGradeAndReturnsOnlyTheArchiveId() throws Exception {
    var result = worker.archiveAssessment(new ArchiveInput(31L, AssessmentProcess.BASICALLY_QUALIFIED));

    assertThat(result.archiveId()).isEqualTo(FakeAssessmentSteps.ARCHIVE_ID);
    assertThat(steps.calls).containsExactly("archive 31 BASICALLY_QUALIFIED");
    assertThat(new ObjectMapper().writeValueAsString(result)).isEqualTo("{\"archiveId\":501}");
  }

  @Test
  void aFailingAppFailsTheJobWithABackoff() {
    var down = new IllegalStateException("database down");
    steps.failingWith(down);

    TemporaryFailureAssert.failsTheJobWithBackoff(
        () -> worker.archiveAssessment(new ArchiveInput(31L, AssessmentProcess.EXCELLENT)), down);
  }
}
