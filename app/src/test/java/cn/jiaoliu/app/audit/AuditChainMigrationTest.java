package cn.jiaoliu.app.audit;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jiaoliu.testsupport.TestDatabase;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Comparator;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;



/** Migration V018 chains the events recorded before it, so that they verify like new ones. */
class AuditChainMigrationTest {

  @Test
  void existingEventsAreChainedAndNewOnesContinueTheChain() {
    String schema = "jiaoliu_m_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    DataSource data = dataSource(schema);
    Flyway all = Flyway.configure().dataSource(data).locations("classpath:db/migration")
        .schemas(TestDatabase.postgres() ? new String[] {schema} : new String[0])
        .createSchemas(true).cleanDisabled(false).load();
    // the last migration before V018, whichever that is
    MigrationVersion before = Arrays.stream(all.info().all()).map(MigrationInfo::getVersion)
        .filter(v -> v.compareTo(MigrationVersion.fromVersion("18")) < 0).max(Comparator.naturalOrder()).orElseThrow();
    Flyway flyway = Flyway.configure().configuration(all.getConfiguration()).target(before).load();
    try {
      flyway.migrate();
      JdbcClient jdbc = JdbcClient.create(data);
      for (String detail : new String[] {"before one", "before two"}) {
        jdbc.sql("""
                insert into audit_event (subject_type, subject_id, actor, actor_role, action, detail, at)
                values ('TEST', 1, 'alice', 'admin', 'DONE', :d, :at)""")
            .param("d", detail).param("at", OffsetDateTime.of(2026, 1, 2, 3, 4, 5, 123_456_789, ZoneOffset.ofHours(8)))
            .update();
      }
      all.migrate();
      new AuditTrail(jdbc, Clock.systemUTC()).record("TEST", 1, "bob", "admin", "DONE", "after");
      AuditVerification.Result result = new AuditVerification(jdbc, Clock.systemUTC()).verify();
      assertThat(result.intact()).isTrue();
      assertThat(result.checked()).isEqualTo(3);
    } finally {
      flyway.clean();
    }
  }

  private static DataSource dataSource(String schema) {
    if (TestDatabase.postgres()) {
      PGSimpleDataSource pg = new PGSimpleDataSource();
      pg.setUrl(System.getProperty("jiaoliu.test.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test")
          + "?currentSchema=" + schema);
      pg.setUser(System.getProperty("jiaoliu.test.postgres.user", "postgres"));
      return pg;
    }
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:" + schema + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
    return h2;
  }
}
