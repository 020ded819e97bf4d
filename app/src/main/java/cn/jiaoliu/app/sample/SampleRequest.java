package cn.jiaoliu.app.sample;

import java.time.OffsetDateTime;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

/** The foundation's sample case: a teacher's request that their principal signs. */
@Table("sample_request")
record SampleRequest(
    @Id Long id,
    String teacherUsername,
    String teacherName,
    String schoolCode,
    String title,
    String reasons,
    Status status,
    String outcome,
    Long processInstanceKey,
    String requestToken,
    OffsetDateTime createdAt,
    OffsetDateTime updatedAt,
    @Version Integer version) {

  enum Status {
    SUBMITTED,
    IN_PROGRESS,
    CLOSED
  }

  SampleRequest started(long instanceKey, OffsetDateTime now) {
    return new SampleRequest(id, teacherUsername, teacherName, schoolCode, title, reasons, Status.IN_PROGRESS,
        outcome, instanceKey, requestToken, createdAt, now, version);
  }

  SampleRequest closed(String result, OffsetDateTime now) {
    return new SampleRequest(id, teacherUsername, teacherName, schoolCode, title, reasons, Status.CLOSED,
        result, processInstanceKey, requestToken, createdAt, now, version);
  }
}
