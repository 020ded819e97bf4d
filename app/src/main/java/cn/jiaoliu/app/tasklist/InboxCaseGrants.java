package cn.jiaoliu.app.tasklist;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** A case may be read by whoever it was copied to and whoever was asked for an opinion on one of its steps. */
@Component
class InboxCaseGrants implements CaseGrants {

  private final JdbcClient jdbc;

  InboxCaseGrants(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public boolean granted(String subjectType, long subjectId, String username) {
    return jdbc.sql("""
        select count(*) from case_copy where subject_type = :type and subject_id = :id and recipient = :user""")
        .param("type", subjectType).param("id", subjectId).param("user", username).query(Long.class).single() > 0
        || jdbc.sql("""
            select count(*) from task_consultation c join inbox_task t on t.id = c.task_id
            where t.subject_type = :type and t.subject_id = :id and c.consultee = :user""")
        .param("type", subjectType).param("id", subjectId).param("user", username).query(Long.class).single() > 0;
  }
}
