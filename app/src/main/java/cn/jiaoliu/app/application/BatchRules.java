package cn.jiaoliu.app.application;

import cn.jiaoliu.app.persistence.RecordRows;
import java.time.LocalDate;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** What applications need to know about batches, pairings, quotas and assignments. */
@Component
class BatchRules {

  private final JdbcClient jdbc;

  BatchRules(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<Batch> batch(long id) {
    return jdbc.sql("""
            select id, district_code, name, opens_on, closes_on, period_starts, period_ends, status,
                   min_years_of_service, sign_opinion_days, revise_days, accept_days, approve_days, reminder_lead_days
            from rotation_batch where id = :id""")
        .param("id", id).query(RecordRows.of(Batch.class)).optional();
  }

  boolean paired(String homeSchool, String targetSchool, LocalDate from, LocalDate to) {
    return jdbc.sql("""
            select count(*) from pairing
            where ((urban_school_code = :a and rural_school_code = :b) or (urban_school_code = :b and rural_school_code = :a))
              and starts_on <= :from and ends_on >= :to""")
        .param("a", homeSchool).param("b", targetSchool).param("from", from).param("to", to)
        .query(Integer.class).single() > 0;
  }

  int quotaLeft(long batchId, String schoolCode, Direction direction) {
    return jdbc.sql("""
            select coalesce(max(quota - used), 0) from batch_quota
            where batch_id = :batch and school_code = :school and direction = :direction""")
        .param("batch", batchId).param("school", schoolCode).param("direction", direction.name())
        .query(Integer.class).single();
  }

  boolean hasActiveRotation(String teacher, LocalDate today) {
    return jdbc.sql("select count(*) from assignment where teacher_username = :t and ends_on >= :today")
        .param("t", teacher).param("today", today).query(Integer.class).single() > 0;
  }

  int remotenessTier(String schoolCode) {
    return jdbc.sql("select remoteness_tier from school where code = :code").param("code", schoolCode)
        .query(Integer.class).optional().orElse(0);
  }

  record Batch(long id, String districtCode, String name, LocalDate opensOn, LocalDate closesOn, LocalDate periodStarts,
      LocalDate periodEnds, String status, int minYearsOfService, int signOpinionDays, int reviseDays, int acceptDays,
      int approveDays, int reminderLeadDays) {

    boolean openOn(LocalDate day) {
      return "OPEN".equals(status) && !day.isBefore(opensOn) && !day.isAfter(closesOn);
    }
  }
}
