package cn.jiaoliu.app.audit;

import cn.jiaoliu.app.persistence.RecordRows;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The append-only record of every action: who, from which role, what, when. This class only
 * inserts and reads; a database trigger refuses every update and delete of an audit event, and
 * each event carries the hash chaining it to the one before ({@link AuditChain}), so that an event
 * changed or removed behind the database's back shows in {@link AuditVerification}.
 */
@Service
public class AuditTrail {

  /** Actor of what the engine's workers do. */
  public static final String SYSTEM = "system";

  private final JdbcClient jdbc;
  private final Clock clock;

  AuditTrail(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /**
   * Appends an event, in the caller's transaction (or its own). The chain's head row is locked
   * first, so writers, in this instance or another, append one after the other and never chain two
   * events to the same predecessor; the lock is held until the transaction ends.
   */
  @Transactional
  public void record(String subjectType, long subjectId, String actor, String actorRole, String action, String detail) {
    String previous = jdbc.sql("select last_hash from audit_chain_head where id = 1 for update")
        .query(String.class).single();
    AuditChain.Content content = new AuditChain.Content(subjectType, subjectId, actor, actorRole, action,
        detail == null || detail.length() <= 2000 ? detail : detail.substring(0, 2000), clock.instant());
    String hash = AuditChain.hash(previous, content);
    KeyHolder keys = new GeneratedKeyHolder();
    jdbc.sql("""
            insert into audit_event (subject_type, subject_id, actor, actor_role, action, detail, at, hash)
            values (:type, :id, :actor, :role, :action, :detail, :at, :hash)""")
        .param("type", content.subjectType())
        .param("id", content.subjectId())
        .param("actor", content.actor())
        .param("role", content.actorRole())
        .param("action", content.action())
        .param("detail", content.detail())
        .param("at", content.at().atOffset(ZoneOffset.UTC))
        .param("hash", hash)
        .update(keys, "id");
    jdbc.sql("update audit_chain_head set last_id = :id, last_hash = :hash where id = 1")
        .param("id", keys.getKeyAs(Long.class))
        .param("hash", hash)
        .update();
  }

  public List<AuditEvent> of(String subjectType, long subjectId) {
    return jdbc.sql("""
            select e.id, e.actor, coalesce(u.display_name, e.actor) as actor_name, e.actor_role, e.action, e.detail, e.at
            from audit_event e left join user_name_view u on u.username = e.actor
            where e.subject_type = :type and e.subject_id = :id order by e.id""")
        .param("type", subjectType)
        .param("id", subjectId)
        .query(RecordRows.of(AuditEvent.class))
        .list();
  }

  public record AuditEvent(
      long id, String actor, String actorName, String actorRole, String action, String detail, OffsetDateTime at) {}
}
