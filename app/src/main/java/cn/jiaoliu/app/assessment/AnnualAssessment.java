package cn.jiaoliu.app.assessment;

import cn.jiaoliu.app.security.CaseScope;
import java.time.OffsetDateTime;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

/** One rotating teacher's assessment for one school year. */
@Table("annual_assessment")
public record AnnualAssessment(
    @Id Long id,
    long roundId,
    long assignmentId,
    String teacherUsername,
    String teacherName,
    String dispatchingSchoolCode,
    String receivingSchoolCode,
    String districtCode,
    String schoolYear,
    String status,
    String currentStep,
    String selfEvaluation,
    Integer demonstrationClasses,
    Integer researchActivities,
    Integer pupilsTaught,
    String grade,
    Long processInstanceKey,
    OffsetDateTime createdAt,
    OffsetDateTime updatedAt,
    @Version Integer version) {

  /** Who may read and act on it (home: the dispatching school, target: the receiving one): see {@link CaseScope}. */
  public CaseScope scope() {
    return new CaseScope(teacherUsername, dispatchingSchoolCode, receivingSchoolCode, districtCode);
  }

  static final String IN_PROGRESS = "IN_PROGRESS";
  static final String ARCHIVED = "ARCHIVED";
}
