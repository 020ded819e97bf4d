package cn.jiaoliu.app.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.jiaoliu.testsupport.TestDatabase;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.data.jdbc.DataJdbcTest;
import org.springframework.boot.test.autoconfigure.jdbc.AutoConfigureTestDatabase;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The audit trail is tamper-evident on H2 and (with -Ppostgres) PostgreSQL: the database refuses
 * updates and deletes, concurrent writers keep one chain, and an event changed or removed behind
 * the guard's back is named by the verification.
 */
@DataJdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@ContextConfiguration(initializers = TestDatabase.class)
@Import({AuditTrail.class, AuditVerification.class, AuditChainTest.Beans.class})
@Transactional(propagation = Propagation.NOT_SUPPORTED)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
class AuditChainTest {

  @TestConfiguration
  static class Beans {
    @Bean
    Clock clock() {
      return Clock.systemUTC();
    }
  }

  @Autowired AuditTrail audit;
  @Autowired AuditVerification verification;
  @Autowired JdbcClient jdbc;
  @Autowired TransactionTemplate tx;

  @Test
  void recordedEventsFormAnIntactChain() {
    recordThree();
    AuditVerification.Result result = verification.verify();
    assertThat(result.intact()).isTrue();
    assertThat(result.checked()).isEqualTo(3);
  }

  @Test
  void theDatabaseRefusesToUpdateOrDeleteAnEvent() {
    recordThree();
    assertThatThrownBy(() -> jdbc.sql("update audit_event set detail = 'forged'").update())
        .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
    assertThatThrownBy(() -> jdbc.sql("delete from audit_event where detail = 'second'").update())
        .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
    assertThatThrownBy(() -> jdbc.sql("truncate table audit_event").update())
        .isInstanceOf(DataAccessException.class);
    assertThat(jdbc.sql("select detail from audit_event order by id").query(String.class).list())
        .containsExactly("first", "second", "third");
  }

  @Test
  void anEventChangedBehindTheGuardIsNamed() {
    recordThree();
    long second = idOf("second");
    withoutGuard("update audit_event set detail = 'forged' where id = " + second);
    AuditVerification.Result result = verification.verify();
    assertThat(result.intact()).isFalse();
    assertThat(result.firstBrokenId()).isEqualTo(second);
    assertThat(result.problem()).isEqualTo("audit.verify.broken");
  }

  @Test
  void anEventRemovedFromTheMiddleOrTheEndIsNoticed() {
    recordThree();
    long second = idOf("second");
    long third = idOf("third");
    withoutGuard("delete from audit_event where id = " + third);
    assertThat(verification.verify().firstBrokenId()).isEqualTo(third);
    assertThat(verification.verify().problem()).isEqualTo("audit.verify.missing");
    audit.record("TEST", 1, "alice", "admin", "DONE", "fourth");
    withoutGuard("delete from audit_event where id = " + second);
    assertThat(verification.verify().firstBrokenId()).isEqualTo(idOf("fourth"));
  }

  @Test
  void concurrentWritersKeepOneChain() throws Exception {
    ExecutorService writers = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int w = 0; w < 4; w++) {
        int writer = w;
        done.add(writers.submit(() -> {
          for (int i = 0; i < 25; i++) {
            int n = i;
            // each in a transaction of its own that does more than audit, as the services do
            tx.executeWithoutResult(s -> audit.record("TEST", writer, "writer" + writer, "admin", "DONE", "n" + n));
          }
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      writers.shutdown();
    }
    AuditVerification.Result result = verification.verify();
    assertThat(result.intact()).isTrue();
    assertThat(result.checked()).isEqualTo(100);
  }

  private void recordThree() {
    audit.record("TEST", 1, "alice", "admin", "DONE", "first");
    audit.record("TEST", 1, "bob", "teacher", "DONE", "second");
    audit.record("TEST", 2, "carol", "principal", "DONE", "third");
  }

  private long idOf(String detail) {
    return jdbc.sql("select id from audit_event where detail = :d").param("d", detail).query(Long.class).single();
  }

  /** What only someone with the database owner's rights can do: change the table with its guards switched off. */
  private void withoutGuard(String change) {
    jdbc.sql("alter table audit_chain_head drop constraint if exists audit_chain_head_last").update();
    if (TestDatabase.postgres()) {
      tx.executeWithoutResult(s -> {
        jdbc.sql("alter table audit_event disable trigger audit_event_append_only").update();
        jdbc.sql(change).update();
        jdbc.sql("alter table audit_event enable trigger audit_event_append_only").update();
      });
    } else {
      jdbc.sql("drop trigger audit_event_append_only").update();
      jdbc.sql(change).update();
      jdbc.sql("create trigger audit_event_append_only before update, delete on audit_event for each row call '"
          + AppendOnlyH2Trigger.class.getName() + "'").update();
    }
  }
}
