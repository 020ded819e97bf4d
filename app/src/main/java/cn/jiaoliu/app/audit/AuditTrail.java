package cn.jiaoliu.app.audit;

import cn.jiaoliu.app.persistence.RecordRows;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The append-only record of every action: who, from which role, what, when. This class only
 * inserts and reads; nothing in the code base updates or deletes an audit event.
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

  public void record(String subjectType, long subjectId, String actor, String actorRole, String action, String detail) {
    jdbc.sql("""
            insert into audit_event (subject_type, subject_id, actor, actor_role, action, detail, at)
            values (:type, :id, :actor, :role, :action, :detail, :at)""")
        .param("type", subjectType)
        .param("id", subjectId)
        .param("actor", actor)
        .param("role", actorRole)
        .param("action", action)
        .param("detail", detail == null || detail.length() <= 2000 ? detail : detail.substring(0, 2000))
        .param("at", OffsetDateTime.now(clock))
        .update();
  }

  public List<AuditEvent> of(String subjectType, long subjectId) {
    return jdbc.sql("""
            select e.id, e.actor, coalesce(u.display_name, e.actor) as actor_name, e.actor_role, e.action, e.detail, e.at
            from audit_event e left join app_user u on u.username = e.actor
            where e.subject_type = :type and e.subject_id = :id order by e.id""")
        .param("type", subjectType)
        .param("id", subjectId)
        .query(RecordRows.of(AuditEvent.class))
        .list();
  }

  public record AuditEvent(
      long id, String actor, String actorName, String actorRole, String action, String detail, OffsetDateTime at) {}
}
