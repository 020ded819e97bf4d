package cn.jiaoliu.app.application;

import cn.jiaoliu.app.security.CaseScope;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

/** A teacher's application to rotate to a paired school in a batch. */
@Table("rotation_application")
public record RotationApplication(
    @Id Long id,
    String teacherUsername,
    String teacherName,
    String homeSchoolCode,
    String targetSchoolCode,
    String districtCode,
    long batchId,
    Direction direction,
    Post post,
    String subject,
    LocalDate periodStart,
    LocalDate periodEnd,
    int yearsOfService,
    String reasons,
    ApplicationStatus status,
    String currentStep,
    String overdueStep,
    String ineligibleReasons,
    int revision,
    Long lastRevisionKey,
    Long processInstanceKey,
    boolean withdrawalPublished,
    String requestToken,
    OffsetDateTime createdAt,
    OffsetDateTime updatedAt,
    @Version Integer version) {

  /** Who may read and act on it: see {@link CaseScope}. */
  public CaseScope scope() {
    return new CaseScope(teacherUsername, homeSchoolCode, targetSchoolCode, districtCode);
  }

  RotationApplication withStatus(ApplicationStatus newStatus, String step, OffsetDateTime now) {
    return new RotationApplication(id, teacherUsername, teacherName, homeSchoolCode, targetSchoolCode, districtCode,
        batchId, direction, post, subject, periodStart, periodEnd, yearsOfService, reasons, newStatus, step,
        overdueStep, ineligibleReasons, revision, lastRevisionKey, processInstanceKey, withdrawalPublished,
        requestToken, createdAt, now, version);
  }
}
