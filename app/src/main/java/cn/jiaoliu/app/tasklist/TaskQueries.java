package cn.jiaoliu.app.tasklist;

import cn.jiaoliu.app.persistence.RecordRows;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Inbox reads. A user sees a task when one of their candidate keys (see
 * {@link cn.jiaoliu.app.security.JiaoliuUser#candidateKeys()}) is among the task's candidates, or
 * when they completed it.
 */
@Repository
class TaskQueries {

  private static final String COLUMNS = """
      t.id, t.job_key, t.process_instance_key, t.bpmn_process_id, t.element_id, t.form_key, t.variables,
      t.status, t.claimed_by, t.due_at, t.created_at, t.closed_at, t.completed_by, t.submission,
      t.subject_type, t.subject_id, t.escalated, t.completed_by_name""";

  private static final String CANDIDATE_MATCH = """
      exists (select 1 from inbox_task_candidate c where c.task_id = t.id and c.candidate in (:candidates))""";

  /** Open tasks through the candidates' open rows only (index on candidate, task_open, task_id). */
  private static final String OPEN_CANDIDATE_MATCH = """
      exists (select 1 from inbox_task_candidate c where c.task_id = t.id and c.candidate in (:candidates)
        and c.task_open = true)""";

  private final JdbcClient jdbc;

  TaskQueries(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Open tasks of the candidates, filtered, the soonest due first. */
  List<TaskView> openFor(List<String> candidates, InboxFilter filter, OffsetDateTime now, int limit) {
    var sql = jdbc.sql("select " + COLUMNS + " from inbox_task t where t.status = 'OPEN' and " + OPEN_CANDIDATE_MATCH
        + conditions(filter)
        + " order by t.due_at asc nulls last, t.id asc limit :limit");
    sql = bind(sql.param("candidates", candidates).param("limit", limit), filter, now);
    return sql.query(RecordRows.of(TaskView.class)).list();
  }

  /** How many open tasks the candidates have per step, and how many are overdue. */
  InboxCounts countsFor(List<String> candidates, OffsetDateTime now) {
    var perStep = jdbc.sql("select t.element_id, count(*) as n from inbox_task t where t.status = 'OPEN' and "
            + OPEN_CANDIDATE_MATCH + " group by t.element_id")
        .param("candidates", candidates)
        .query((rs, i) -> Map.entry(rs.getString(1), rs.getLong(2)))
        .list();
    long overdue = jdbc.sql("select count(*) from inbox_task t where t.status = 'OPEN' and t.due_at < :now and "
            + OPEN_CANDIDATE_MATCH)
        .param("candidates", candidates).param("now", now).query(Long.class).single();
    Map<String, Long> steps = new TreeMap<>();
    perStep.forEach(e -> steps.put(e.getKey(), e.getValue()));
    return new InboxCounts(steps.values().stream().mapToLong(Long::longValue).sum(), overdue, steps);
  }

  private static String conditions(InboxFilter f) {
    var sql = new StringBuilder();
    if (f.batchId() != null) {
      sql.append(" and t.batch_id = :batch");
    }
    if (f.schoolCode() != null) {
      sql.append(" and (t.home_school_code = :school or t.target_school_code = :school)");
    }
    if (f.direction() != null) {
      sql.append(" and t.direction = :direction");
    }
    if (f.step() != null) {
      sql.append(" and t.element_id = :step");
    }
    if (f.overdueOnly()) {
      sql.append(" and t.due_at < :now");
    }
    return sql.toString();
  }

  private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec sql, InboxFilter f, OffsetDateTime now) {
    if (f.batchId() != null) {
      sql = sql.param("batch", f.batchId());
    }
    if (f.schoolCode() != null) {
      sql = sql.param("school", f.schoolCode());
    }
    if (f.direction() != null) {
      sql = sql.param("direction", f.direction());
    }
    if (f.step() != null) {
      sql = sql.param("step", f.step());
    }
    if (f.overdueOnly()) {
      sql = sql.param("now", now);
    }
    return sql;
  }

  /** Completed tasks of one process instance, oldest first: the opinions given on a case. */
  List<TaskView> completedOf(long processInstanceKey) {
    return jdbc.sql("select " + COLUMNS + " from inbox_task t where t.process_instance_key = :key"
            + " and t.status in ('COMPLETING', 'COMPLETED') order by t.closed_at asc nulls last, t.id asc")
        .param("key", processInstanceKey)
        .query(RecordRows.of(TaskView.class))
        .list();
  }

  record InboxCounts(long open, long overdue, Map<String, Long> perStep) {}

  long countOpenFor(List<String> candidates) {
    return jdbc.sql("select count(*) from inbox_task t where t.status = 'OPEN' and " + OPEN_CANDIDATE_MATCH)
        .param("candidates", candidates)
        .query(Long.class)
        .single();
  }

  List<TaskView> doneBy(String username, int limit) {
    return jdbc.sql("select " + COLUMNS + " from inbox_task t where t.completed_by = :username"
            + " and t.status in ('COMPLETING', 'COMPLETED') order by t.closed_at desc nulls first, t.id desc limit :limit")
        .param("username", username)
        .param("limit", limit)
        .query(RecordRows.of(TaskView.class))
        .list();
  }

  Optional<TaskView> byId(long id) {
    return jdbc.sql("select " + COLUMNS + " from inbox_task t where t.id = :id").param("id", id)
        .query(RecordRows.of(TaskView.class)).optional();
  }

  Optional<TaskView> visible(long id, List<String> candidates, String username) {
    return jdbc.sql("select " + COLUMNS + " from inbox_task t where t.id = :id and (" + CANDIDATE_MATCH
            + " or t.completed_by = :username)")
        .param("id", id)
        .param("candidates", candidates)
        .param("username", username)
        .query(RecordRows.of(TaskView.class))
        .optional();
  }
}
