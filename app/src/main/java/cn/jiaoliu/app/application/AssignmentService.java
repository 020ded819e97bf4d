package cn.jiaoliu.app.application;

import cn.jiaoliu.app.persistence.RecordRows;
import cn.jiaoliu.app.programme.Batches;
import cn.jiaoliu.workers.application.ApplicationSteps.QuotaExhaustedException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Turns an approved application into an assignment. The quota is consumed by one conditional
 * update ({@code used < quota}) in the same transaction that inserts the assignment, whose unique
 * application id makes a second delivery of the same job a no-op: each approval takes quota once,
 * and never more than the quota is handed out, however many approvals run at once.
 */
@Service
class AssignmentService {

  private final JdbcClient jdbc;
  private final Batches batches;
  private final Clock clock;

  AssignmentService(JdbcClient jdbc, Batches batches, Clock clock) {
    this.jdbc = jdbc;
    this.batches = batches;
    this.clock = clock;
  }

  @Transactional
  long create(RotationApplication a, int monthlySubsidy) {
    Optional<Long> existing = existing(a.id());
    if (existing.isPresent()) {
      return existing.get();
    }
    if (!batches.takeQuota(a.batchId(), a.homeSchoolCode(), a.direction().name())) {
      throw new QuotaExhaustedException("no quota left in batch " + a.batchId() + " for " + a.homeSchoolCode());
    }
    jdbc.sql("""
            insert into assignment (application_id, teacher_username, teacher_name, dispatching_school_code,
              receiving_school_code, batch_id, direction, post, starts_on, ends_on, monthly_subsidy, created_at)
            values (:app, :teacher, :name, :home, :target, :batch, :direction, :post, :start, :end, :subsidy, :now)""")
        .param("app", a.id()).param("teacher", a.teacherUsername()).param("name", a.teacherName())
        .param("home", a.homeSchoolCode()).param("target", a.targetSchoolCode()).param("batch", a.batchId())
        .param("direction", a.direction().name()).param("post", a.post().name()).param("start", a.periodStart())
        .param("end", a.periodEnd()).param("subsidy", monthlySubsidy).param("now", OffsetDateTime.now(clock))
        .update();
    return existing(a.id()).orElseThrow();
  }

  /**
   * Whether the teacher has a rotation whose period overlaps [from, to] (one that has not started
   * counts as much as one under way; one that ends before {@code from} does not).
   */
  boolean hasOverlappingRotation(String teacher, LocalDate from, LocalDate to) {
    return jdbc.sql("""
            select count(*) from assignment where teacher_username = :t and starts_on <= :to and ends_on >= :from""")
        .param("t", teacher).param("from", from).param("to", to).query(Integer.class).single() > 0;
  }

  Optional<Long> existing(long applicationId) {
    return jdbc.sql("select id from assignment where application_id = :app").param("app", applicationId)
        .query(Long.class).optional();
  }

  Optional<AssignmentView> of(long applicationId) {
    return jdbc.sql("""
            select id, starts_on, ends_on, monthly_subsidy, created_at from assignment where application_id = :app""")
        .param("app", applicationId).query(RecordRows.of(AssignmentView.class)).optional();
  }

  record AssignmentView(long id, LocalDate startsOn, LocalDate endsOn, int monthlySubsidy,
      OffsetDateTime createdAt) {}
}
