package cn.jiaoliu.app.audit;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.Serial;
import java.io.Serializable;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Checks the whole audit chain: every event's hash is recomputed from the hash before it and the
 * event's content, and the last event must be the one the chain's head names (an event removed
 * from the end shows there). Run on demand by the auditor and every night by the scheduler, which
 * logs a broken chain as an error.
 */
@Service
public class AuditVerification {

  private static final Logger log = LoggerFactory.getLogger(AuditVerification.class);

  private final JdbcClient jdbc;
  private final Clock clock;

  AuditVerification(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /**
   * The result of one check: how many events were checked and, when the chain is broken, the
   * first event that does not fit ({@code firstBrokenId}) and why ({@code problem}, a message key).
   */
  public record Result(Instant checkedAt, long checked, Long firstBrokenId, String problem) implements Serializable {

    // shown once after a redirect: a flash attribute, kept in the browser session in the database
    @Serial
    private static final long serialVersionUID = 1L;

    @JsonProperty
    public boolean intact() {
      return firstBrokenId == null;
    }
  }

  public Result verify() {
    Instant now = clock.instant();
    // the head first: every event up to it is committed (events are appended in id order under the head's lock)
    Head head = jdbc.sql("select last_id, last_hash from audit_chain_head where id = 1")
        .query((rs, i) -> new Head(rs.getLong(1), rs.getString(2))).single();
    Walk walk = new Walk();
    jdbc.sql("""
            select id, subject_type, subject_id, actor, actor_role, action, detail, at, hash
            from audit_event where id <= :last order by id""")
        .param("last", head.lastId())
        .query(rs -> {
          if (walk.brokenId != null) {
            return;
          }
          long id = rs.getLong("id");
          String expected = AuditChain.hash(walk.previous, new AuditChain.Content(rs.getString("subject_type"),
              rs.getLong("subject_id"), rs.getString("actor"), rs.getString("actor_role"), rs.getString("action"),
              rs.getString("detail"), rs.getObject("at", OffsetDateTime.class).toInstant()));
          walk.checked++;
          walk.lastId = id;
          if (!expected.equals(rs.getString("hash"))) {
            walk.brokenId = id;
            return;
          }
          walk.previous = expected;
        });
    Result result;
    if (walk.brokenId != null) {
      result = new Result(now, walk.checked, walk.brokenId, "audit.verify.broken");
    } else if (walk.lastId != head.lastId() || !walk.previous.equals(head.lastHash())) {
      result = new Result(now, walk.checked, head.lastId(), "audit.verify.missing");
    } else {
      result = new Result(now, walk.checked, null, null);
    }
    if (!result.intact()) {
      log.error("the audit trail's hash chain is broken at event {} ({}); {} events checked",
          result.firstBrokenId(), result.problem(), result.checked());
    }
    return result;
  }

  @Scheduled(cron = "${jiaoliu.audit.verify-cron:0 30 2 * * *}")
  void verifyNightly() {
    Result result = verify();
    if (result.intact()) {
      log.info("audit trail verified: {} events, chain intact", result.checked());
    }
  }

  private record Head(long lastId, String lastHash) {}

  private static final class Walk {
    String previous = AuditChain.GENESIS;
    long checked;
    long lastId;
    Long brokenId;
  }
}
