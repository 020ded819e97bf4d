package db.migration;

import cn.jiaoliu.app.audit.AppendOnlyH2Trigger;
import cn.jiaoliu.app.audit.AuditChain;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.OffsetDateTime;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Makes the audit trail tamper-evident: every event gets the hash chaining it to the one before
 * (existing events are chained here, in id order, by {@link AuditChain}, the same code that chains
 * new ones), a one-row head holds the last hash and is the lock that serialises writers, and a
 * trigger refuses every update and delete of an event from now on (PL/pgSQL on PostgreSQL, {@link
 * AppendOnlyH2Trigger} on H2). In Java because the hashes must be computed exactly as the app
 * computes them, and the trigger differs between the two databases.
 */
public class V018__audit_chain extends BaseJavaMigration {

  @Override
  public void migrate(Context context) throws SQLException {
    Connection connection = context.getConnection();
    boolean postgres = connection.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
    try (Statement ddl = connection.createStatement()) {
      ddl.execute("alter table audit_event add column hash varchar(64)");
      ddl.execute("""
          create table audit_chain_head (
            id        int primary key check (id = 1),
            -- null while there is no event; the reference also stops TRUNCATE (H2 fires no trigger on it)
            last_id   bigint constraint audit_chain_head_last references audit_event (id),
            last_hash varchar(64) not null
          )""");
    }
    String previous = AuditChain.GENESIS;
    long lastId = 0;
    try (Statement read = connection.createStatement();
        ResultSet rows = read.executeQuery("""
            select id, subject_type, subject_id, actor, actor_role, action, detail, at from audit_event order by id""");
        // the only change ever made to existing events: before the guard below exists
        PreparedStatement chain = connection.prepareStatement("update audit_event set hash = ? where id = ?")) {
      while (rows.next()) {
        lastId = rows.getLong("id");
        previous = AuditChain.hash(previous, new AuditChain.Content(rows.getString("subject_type"),
            rows.getLong("subject_id"), rows.getString("actor"), rows.getString("actor_role"), rows.getString("action"),
            rows.getString("detail"), rows.getObject("at", OffsetDateTime.class).toInstant()));
        chain.setString(1, previous);
        chain.setLong(2, lastId);
        chain.addBatch();
      }
      chain.executeBatch();
    }
    try (PreparedStatement head = connection.prepareStatement(
        "insert into audit_chain_head (id, last_id, last_hash) values (1, ?, ?)")) {
      head.setObject(1, lastId == 0 ? null : lastId, Types.BIGINT);
      head.setString(2, previous);
      head.executeUpdate();
    }
    try (Statement ddl = connection.createStatement()) {
      ddl.execute("alter table audit_event alter column hash set not null");
      if (postgres) {
        ddl.execute("""
            create function audit_event_append_only() returns trigger language plpgsql as $$
            begin
              raise exception 'audit_event is append-only' using errcode = 'insufficient_privilege';
            end $$""");
        ddl.execute("""
            create trigger audit_event_append_only before update or delete on audit_event
            for each row execute function audit_event_append_only()""");
        ddl.execute("""
            create trigger audit_event_no_truncate before truncate on audit_event
            for each statement execute function audit_event_append_only()""");
      } else {
        ddl.execute("create trigger audit_event_append_only before update, delete on audit_event for each row call '"
            + AppendOnlyH2Trigger.class.getName() + "'");
      }
    }
  }
}
