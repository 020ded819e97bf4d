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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * Final approvals at once in a batch with a small quota: 20 approvals for quota 5, and 400
 * approvals for quota 60 with every job delivered twice (as the engine does after a timeout) on 32
 * threads. Exactly as many assignments as the quota, no application assigned twice, the quota used
 * exactly up, and a repeated job for an approved application changes nothing. On H2 by default and
 * on PostgreSQL with -Ppostgres.
 */
@SpringBootTest
@ActiveProfiles("test")
@ContextConfiguration(initializers = TestDatabase.class)
class QuotaRaceTest {

  @Autowired ApplicationSteps steps;
  @Autowired RotationApplicationRepository applications;
  @Autowired JdbcClient jdbc;

  @org.junit.jupiter.params.ParameterizedTest(name = "{0} approvals, each job delivered {3}×, quota {1}, {2} threads")
  @org.junit.jupiter.params.provider.CsvSource({"20, 5, 20, 1", "400, 60, 32, 2"})
  void simultaneousApprovalsNeverExceedTheQuotaNorAssignTwice(int applicationsCount, int quota, int threads,
      int deliveries) throws Exception {
    long batch = jdbc.sql("""
            insert into rotation_batch (district_code, name, opens_on, closes_on, period_starts, period_ends, status)
            values ('LC', '名额竞争测试批次', date '2026-01-01', date '2027-12-31', date '2027-09-01', date '2028-07-31', 'OPEN')""")
        .update() > 0 ? jdbc.sql("select max(id) from rotation_batch").query(Long.class).single() : -1;
    jdbc.sql("insert into batch_quota (batch_id, school_code, direction, quota) values (:b, 'LC-U02', 'URBAN_TO_RURAL', :q)")
        .param("b", batch).param("q", quota).update();
    List<Long> ids = new ArrayList<>();
    OffsetDateTime now = OffsetDateTime.now();
    for (int i = 0; i < applicationsCount; i++) {
      ids.add(applications.save(new RotationApplication(null, "race.teacher" + i, "教师" + i, "LC-U02", "LC-R02", "LC", batch,
          Direction.URBAN_TO_RURAL, Post.TEACHER, "数学", LocalDate.parse("2027-09-01"), LocalDate.parse("2028-07-31"), 5,
          "支教", ApplicationStatus.AWAITING_APPROVAL, null, null, null, 0, null, null, false, "race-" + batch + "-" + i,
          now, now, null)).id());
    }

    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch go = new CountDownLatch(1);
    AtomicInteger exhausted = new AtomicInteger();
    List<Future<?>> results = new ArrayList<>();
    List<Long> jobs = new ArrayList<>();
    for (int d = 0; d < deliveries; d++) {
      jobs.addAll(ids); // a job the engine delivers again (timeout, retry) arrives while the first still runs
    }
    java.util.Collections.shuffle(jobs, new java.util.Random(batch));
    for (long id : jobs) {
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

    assertThat(count("select count(*) from assignment where batch_id = :b", batch)).isEqualTo(quota);
    assertThat(count("select count(distinct application_id) from assignment where batch_id = :b", batch)).isEqualTo(quota);
    assertThat(count("select used from batch_quota where batch_id = :b", batch)).isEqualTo(quota);
    assertThat(exhausted.get()).as("every job of an application without a place was told so")
        .isGreaterThanOrEqualTo(applicationsCount - quota);
    assertThat(count("select count(*) from rotation_application where batch_id = :b and status = 'APPROVED'", batch))
        .isEqualTo(quota);

    long approved = jdbc.sql("select application_id from assignment where batch_id = :b order by id limit 1")
        .param("b", batch).query(Long.class).single();
    steps.createAssignment(approved, 450);
    assertThat(count("select count(*) from assignment where batch_id = :b", batch)).isEqualTo(quota);
    assertThat(count("select used from batch_quota where batch_id = :b", batch)).isEqualTo(quota);
  }

  private long count(String sql, long batch) {
    return jdbc.sql(sql).param("b", batch).query(Long.class).single();
  }
}
