package cn.jiaoliu.app.planning;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/** A recorded exemption: who is excused, why, from when until when, who approved it. */
record Exemption(long id, String districtCode, String staffNumber, ExemptionReason reason, String note,
    LocalDate validFrom, LocalDate validUntil, String approvedBy, OffsetDateTime approvedAt, String revokedBy,
    OffsetDateTime revokedAt) {

  /** In force on the day: within its dates and not ended early. */
  public boolean coversOn(LocalDate day) {
    return revokedAt == null && !day.isBefore(validFrom) && !day.isAfter(validUntil);
  }
}
