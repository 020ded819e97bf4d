package cn.jiaoliu.app.assessment;

import cn.jiaoliu.app.engine.BackgroundThreads;
import cn.jiaoliu.app.engine.ProcessStarter;
import cn.jiaoliu.app.persistence.RecordRows;
import cn.jiaoliu.processes.ProcessIds;
import cn.jiaoliu.processes.assessment.AssessmentStart;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Starts the process instances of stored assessments: a round of ten thousand is started in
 * seconds, not one request at a time. Assessments without an instance are claimed in chunks (one
 * app instance, one starter per assessment; a claim older than {@link #STALE} is taken again) and
 * sent with up to {@link #IN_FLIGHT} starts in flight, each retried while the engine pushes back.
 * Whatever is left (the engine away for long) is picked up by the next {@link #startPending()}.
 */
@Component
class AssessmentStarts implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(AssessmentStarts.class);
  static final int IN_FLIGHT = 64;
  static final int CHUNK = 500;
  static final Duration STALE = Duration.ofMinutes(2);

  private final JdbcClient jdbc;
  private final AnnualAssessmentRepository assessments;
  private final ProcessStarter engine;
  private final Clock clock;
  private final ExecutorService runner = BackgroundThreads.single("jiaoliu-assessment-starts");
  private final AtomicBoolean again = new AtomicBoolean();
  private final AtomicBoolean running = new AtomicBoolean();

  AssessmentStarts(JdbcClient jdbc, AnnualAssessmentRepository assessments, ProcessStarter engine, Clock clock) {
    this.jdbc = jdbc;
    this.assessments = assessments;
    this.engine = engine;
    this.clock = clock;
  }

  /** Starts what is pending in the background, now (a round was just opened). */
  void wake() {
    again.set(true);
    if (running.compareAndSet(false, true)) {
      runner.execute(() -> {
        try {
          while (again.getAndSet(false)) {
            startPending();
          }
        } finally {
          running.set(false);
        }
      });
    }
  }

  /** Starts every assessment that has no instance and no live claim; returns how many started. */
  int startPending() {
    int started = 0;
    Semaphore window = new Semaphore(IN_FLIGHT);
    AtomicInteger failed = new AtomicInteger();
    List<Pending> chunk;
    long after = 0;
    while (failed.get() == 0 && !(chunk = claim(after)).isEmpty()) {
      after = chunk.getLast().id();
      for (Pending p : chunk) {
        try {
          window.acquire();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return started;
        }
        started++;
        engine.startAsync(ProcessIds.ANNUAL_ASSESSMENT, new AssessmentStart(p.id(), p.assignmentId(), p.teacherUsername(),
                p.dispatchingSchoolCode(), p.receivingSchoolCode(), p.districtCode(), p.schoolYear(),
                AssessmentService.DEADLINES))
            .whenComplete((key, failure) -> {
              try {
                if (failure == null) {
                  assessments.started(p.id(), key, OffsetDateTime.now(clock));
                } else {
                  failed.incrementAndGet();
                  release(p.id());
                  log.warn("assessment {} stored; its process starts when the engine takes it: {}", p.id(), failure.toString());
                }
              } finally {
                window.release();
              }
            });
      }
    }
    try {
      // wait for the last ones, so that a caller sees them started
      window.tryAcquire(IN_FLIGHT, 5, TimeUnit.MINUTES);
      window.release(IN_FLIGHT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return started - failed.get();
  }

  /**
   * Claims up to {@link #CHUNK} pending assessments after id {@code after} for this starter: a pass
   * goes forward in id order, each claim reading from where the last one ended. Read from the first
   * id every time, the started ones before it were read again by every claim: most of the database's
   * time in a round of 100,000 (benchmark B3). One released after a failure waits for the next pass.
   */
  private List<Pending> claim(long after) {
    OffsetDateTime now = OffsetDateTime.now(clock);
    String token = UUID.randomUUID().toString();
    String pending = "process_instance_key is null and (start_claimed_at is null or start_claimed_at < :stale)";
    int claimed = jdbc.sql("update annual_assessment set start_claimed_at = :now, start_claim = :token where " + pending
            + " and id in (select id from annual_assessment where " + pending + " and id > :after order by id limit " + CHUNK
            + ")")
        .param("now", now).param("token", token).param("stale", now.minus(STALE)).param("after", after).update();
    if (claimed == 0) {
      return List.of();
    }
    return jdbc.sql("""
            select id, assignment_id, teacher_username, dispatching_school_code, receiving_school_code, district_code, school_year
            from annual_assessment where start_claim = :token and process_instance_key is null order by id""")
        .param("token", token).query(RecordRows.of(Pending.class)).list();
  }

  private void release(long id) {
    jdbc.sql("update annual_assessment set start_claimed_at = null, start_claim = null where id = :id and process_instance_key is null")
        .param("id", id).update();
  }

  @Override
  public void destroy() {
    runner.shutdownNow();
  }

  record Pending(long id, long assignmentId, String teacherUsername, String dispatchingSchoolCode,
      String receivingSchoolCode, String districtCode, String schoolYear) {}
}
