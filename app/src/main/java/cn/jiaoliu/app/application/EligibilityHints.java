package cn.jiaoliu.app.application;

import cn.jiaoliu.app.programme.Batches;
import cn.jiaoliu.app.security.JiaoliuUser;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The rules a teacher's application is held to, shown on the form before it is sent: the batch's
 * window, the minimum years of service, no other application or rotation overlapping the period,
 * and the quota left for the teacher's school in that direction. The process decides with the same
 * facts (collect-eligibility-facts); these are hints, never a gate in the browser.
 */
@Service
class EligibilityHints {

  private final Batches batches;
  private final JdbcClient jdbc;
  private final Clock clock;

  EligibilityHints(Batches batches, JdbcClient jdbc, Clock clock) {
    this.batches = batches;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /**
   * The hints for one batch and direction; the period is the batch's unless the teacher entered
   * another; years of service are checked once entered. Empty without a batch of the teacher's district.
   */
  List<Hint> of(JiaoliuUser user, Long batchId, String direction, LocalDate periodStart, LocalDate periodEnd,
      Integer yearsOfService) {
    Batches.Batch batch = batchId == null ? null : batches.batch(batchId)
        .filter(b -> b.districtCode().equals(user.districtCode())).orElse(null);
    if (batch == null) {
      return List.of();
    }
    List<Hint> hints = new ArrayList<>();
    LocalDate today = LocalDate.now(clock);
    hints.add(batch.openOn(today) ? Hint.met("eligibility.hint.open", batch.closesOn())
        : Hint.unmet("eligibility.hint.closed", batch.opensOn(), batch.closesOn()));
    if (yearsOfService == null) {
      hints.add(Hint.info("eligibility.hint.minYears", batch.minYearsOfService()));
    } else if (yearsOfService >= batch.minYearsOfService()) {
      hints.add(Hint.met("eligibility.hint.yearsMet", batch.minYearsOfService(), yearsOfService));
    } else {
      hints.add(Hint.unmet("eligibility.hint.yearsShort", batch.minYearsOfService(), yearsOfService));
    }
    LocalDate from = periodStart != null ? periodStart : batch.periodStarts();
    LocalDate to = periodEnd != null && !periodEnd.isBefore(from) ? periodEnd : batch.periodEnds();
    hints.add(overlapping(user.username(), from, to) ? Hint.unmet("eligibility.hint.overlap", from, to)
        : Hint.met("eligibility.hint.noOverlap", from, to));
    if (direction != null && user.schoolCode() != null) {
      int left = batches.quotaLeft(batch.id(), user.schoolCode(), direction);
      hints.add(left > 0 ? Hint.met("eligibility.hint.quotaLeft", left) : Hint.unmet("eligibility.hint.quotaNone"));
    }
    return hints;
  }

  /**
   * Whether the teacher already has a rotation (an assignment) or an application still in progress
   * whose period overlaps [from, to]: a rotation that has not started counts as much as one under way.
   */
  boolean overlapping(String teacher, LocalDate from, LocalDate to) {
    int assignments = jdbc.sql("""
            select count(*) from assignment where teacher_username = :t and starts_on <= :to and ends_on >= :from""")
        .param("t", teacher).param("from", from).param("to", to).query(Integer.class).single();
    int applications = jdbc.sql("""
            select count(*) from rotation_application where teacher_username = :t
              and status in ('SUBMITTED', 'CHECKING', 'AWAITING_OPINION', 'RETURNED', 'AWAITING_ACCEPTANCE',
                             'AWAITING_APPROVAL', 'APPROVING')
              and period_start <= :to and period_end >= :from""")
        .param("t", teacher).param("from", from).param("to", to).query(Integer.class).single();
    return assignments + applications > 0;
  }

  /** One rule in words: its message key and arguments, and whether it is met (null: nothing to check yet). */
  record Hint(String messageKey, Boolean met, Object... args) {

    static Hint met(String key, Object... args) {
      return new Hint(key, true, args);
    }

    static Hint unmet(String key, Object... args) {
      return new Hint(key, false, args);
    }

    static Hint info(String key, Object... args) {
      return new Hint(key, null, args);
    }

    public String tone() {
      return met == null ? "info" : met ? "ok" : "warn";
    }
  }
}
