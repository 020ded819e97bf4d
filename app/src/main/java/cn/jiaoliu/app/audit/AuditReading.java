package cn.jiaoliu.app.audit;

import cn.jiaoliu.app.persistence.RecordRows;
import cn.jiaoliu.app.security.JiaoliuUser;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The whole audit trail and its verification, for the auditor alone: neither the system
 * administrator nor the security administrator reads it (三员分立).
 */
@Service
class AuditReading {

  static final int PAGE = 200;

  private final JdbcClient jdbc;
  private final AuditVerification verification;

  AuditReading(JdbcClient jdbc, AuditVerification verification) {
    this.jdbc = jdbc;
    this.verification = verification;
  }

  /** The newest events, at most {@link #PAGE}, older than {@code beforeId} when given. */
  List<TrailEntry> newest(JiaoliuUser reader, Long beforeId) {
    return jdbc.sql("""
            select e.id, e.subject_type, e.subject_id, e.actor, coalesce(u.display_name, e.actor) as actor_name,
              e.actor_role, e.action, e.detail, e.at, e.hash
            from audit_event e left join user_name_view u on u.username = e.actor
            where e.id < :before order by e.id desc limit :page""")
        .param("before", beforeId == null ? Long.MAX_VALUE : beforeId)
        .param("page", PAGE)
        .query(RecordRows.of(TrailEntry.class))
        .list();
  }

  AuditVerification.Result verify(JiaoliuUser reader) {
    return verification.verify();
  }

  record TrailEntry(long id, String subjectType, long subjectId, String actor, String actorName, String actorRole,
      String action, String detail, OffsetDateTime at, String hash) {}
}
