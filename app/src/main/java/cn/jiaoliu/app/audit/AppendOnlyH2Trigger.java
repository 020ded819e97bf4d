package cn.jiaoliu.app.audit;

import java.sql.Connection;
import java.sql.SQLException;
import org.h2.api.Trigger;

/**
 * H2's guard of the audit trail (PostgreSQL has a PL/pgSQL trigger): every update or delete of an
 * audit event fails. Created by migration V018.
 */
public class AppendOnlyH2Trigger implements Trigger {

  @Override
  public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
    throw new SQLException("audit_event is append-only", "42501");
  }
}
