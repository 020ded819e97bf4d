package cn.jiaoliu.app.programme;

import cn.jiaoliu.app.persistence.RecordRows;
import java.time.LocalDate;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * What other modules may ask of the programme: a batch's terms, whether two schools are paired, the
 * quota a school has left and its remoteness. Quota is taken inside the caller's transaction.
 */
@Service
public class Batches {

  private final JdbcClient jdbc;

  Batches(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public Optional<Batch> batch(long id) {
    return jdbc.sql("""
            select id, district_code, name, opens_on, closes_on, period_starts, period_ends, status,
                   min_years_of_service, sign_opinion_days, revise_days, accept_days, approve_days, reminder_lead_days
            from rotation_batch where id = :id""")
        .param("id", id).query(RecordRows.of(Batch.class)).optional();
  }

  public boolean paired(String homeSchool, String targetSchool, LocalDate from, LocalDate to) {
    return jdbc.sql("""
            select count(*) from pairing
            where ((urban_school_code = :a and rural_school_code = :b) or (urban_school_code = :b and rural_school_code = :a))
              and starts_on <= :from and ends_on >= :to""")
        .param("a", homeSchool).param("b", targetSchool).param("from", from).param("to", to)
        .query(Integer.class).single() > 0;
  }

  /** Quota left for a school's teachers rotating in one direction ({@code URBAN_TO_RURAL}, …). */
  public int quotaLeft(long batchId, String schoolCode, String direction) {
    return jdbc.sql("""
            select coalesce(max(quota - used), 0) from batch_quota
            where batch_id = :batch and school_code = :school and direction = :direction""")
        .param("batch", batchId).param("school", schoolCode).param("direction", direction)
        .query(Integer.class).single();
  }

  /**
   * Takes one place of a school's quota by one conditional update ({@code used < quota}); false when
   * none is left. Runs in the caller's transaction, so it is undone with it.
   */
  public boolean takeQuota(long batchId, String schoolCode, String direction) {
    return jdbc.sql("""
            update batch_quota set used = used + 1
            where batch_id = :batch and school_code = :school and direction = :direction and used < quota""")
        .param("batch", batchId).param("school", schoolCode).param("direction", direction)
        .update() > 0;
  }

  public int remotenessTier(String schoolCode) {
    return jdbc.sql("select remoteness_tier from school where code = :code").param("code", schoolCode)
        .query(Integer.class).optional().orElse(0);
  }

  /** A batch's terms: when it is open, the rotation period, the eligibility floor and the step deadlines. */
  public record Batch(long id, String districtCode, String name, LocalDate opensOn, LocalDate closesOn,
      LocalDate periodStarts, LocalDate periodEnds, String status, int minYearsOfService, int signOpinionDays,
      int reviseDays, int acceptDays, int approveDays, int reminderLeadDays) {

    public boolean openOn(LocalDate day) {
      return "OPEN".equals(status) && !day.isBefore(opensOn) && !day.isAfter(closesOn);
    }
  }
}
