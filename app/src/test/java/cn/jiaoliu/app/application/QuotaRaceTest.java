package cn.jiaoliu.app.application;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jiaoliu.testsupport.TestDatabase;
import cn.jiaoliu.workers.application.ApplicationSteps;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * Twenty final approvals at once in a batch whose quota is five: exactly five assignments, the
 * quota used exactly five times, and a repeated job for an approved application changes nothing.
 * On H2 by default and on PostgreSQL with -Ppostgres.
 */
@SpringBootTest
@ActiveProfiles("test")
@ContextConfiguration(initializers = TestDatabase.class)
class QuotaRaceTest {

  @Autowired ApplicationSteps steps;
  @Autowired RotationApplicationRepository applications;
  @Autowired JdbcClient jdbc;

  @Test
  void twentySimultaneousApprovalsWithQuotaFiveGiveExactlyFiveAssignments() throws Exception {
    long batch = jdbc.sql("""
            insert into rotation_batch (district_code, name, opens_on, closes_on, period_starts, period_ends, status)
            values ('LC', '名额竞争测试批次', date '2026-01-01', date '2027-12-31', date '2027-09-01', date '2028-07-31', 'OPEN')""")
        .update() > 0 ? jdbc.sql("select max(id) from rotation_batch").query(Long.class).single() : -1;
    jdbc.sql("insert into batch_quota (batch_id, school_code, direction, quota) values (:b, 'LC-U02', 'URBAN_TO_RURAL', 5)")
        .param("b", batch).update();
    List<Long> ids = new ArrayList<>();
    OffsetDateTime now = OffsetDateTime.now();
    for (int i = 0; i < 20; i++) {
      ids.add(applications.save(new RotationApplication(null, "race.teacher" + i, "教师" + i, "LC-U02", "LC-R02", "LC", batch,
          Direction.URBAN_TO_RURAL, Post.TEACHER, "数学", LocalDate.parse("2027-09-01"), LocalDate.parse("2028-07-31"), 5,
          "支教", ApplicationStatus.AWAITING_APPROVAL, null, null, null, 0, null, null, false, "race-" + batch + "-" + i,
          now, now, null)).id());
    }

    ExecutorService pool = Executors.newFixedThreadPool(20);
    CountDownLatch go = new CountDownLatch(1);
    AtomicInteger exhausted = new AtomicInteger();
    List<Future<?>> results = new ArrayList<>();
    for (long id : ids) {
      results.add(pool.submit(() -> {
        go.await();
        try {
          steps.createAssignment(id, 450);
        } catch (ApplicationSteps.QuotaExhaustedException e) {
          exhausted.incrementAndGet();
        }
        return null;
      }));
    }
    go.countDown();
    for (Future<?> result : results) {
      result.get();
    }
    pool.shutdown();

    assertThat(count("select count(*) from assignment where batch_id = :b", batch)).isEqualTo(5);
    assertThat(count("select used from batch_quota where batch_id = :b", batch)).isEqualTo(5);
    assertThat(exhausted).hasValue(15);
    assertThat(count("select count(*) from rotation_application where batch_id = :b and status = 'APPROVED'", batch))
        .isEqualTo(5);

    long approved = jdbc.sql("select application_id from assignment where batch_id = :b order by id limit 1")
        .param("b", batch).query(Long.class).single();
    steps.createAssignment(approved, 450);
    assertThat(count("select count(*) from assignment where batch_id = :b", batch)).isEqualTo(5);
    assertThat(count("select used from batch_quota where batch_id = :b", batch)).isEqualTo(5);
  }

  private long count(String sql, long batch) {
    return jdbc.sql(sql).param("b", batch).query(Long.class).single();
  }
}
