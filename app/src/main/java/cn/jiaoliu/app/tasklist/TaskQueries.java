package cn.jiaoliu.app.tasklist;

import java.util.List;
import java.util.Optional;
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
      t.status, t.claimed_by, t.due_at, t.created_at, t.closed_at, t.completed_by, t.submission""";

  private static final String CANDIDATE_MATCH = """
      exists (select 1 from inbox_task_candidate c where c.task_id = t.id and c.candidate in (:candidates))""";

  private final JdbcClient jdbc;

  TaskQueries(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  List<TaskView> openFor(List<String> candidates, int limit) {
    return jdbc.sql("select " + COLUMNS + " from inbox_task t where t.status = 'OPEN' and " + CANDIDATE_MATCH
            + " order by t.due_at asc nulls last, t.id asc limit :limit")
        .param("candidates", candidates)
        .param("limit", limit)
        .query(TaskView.class)
        .list();
  }

  long countOpenFor(List<String> candidates) {
    return jdbc.sql("select count(*) from inbox_task t where t.status = 'OPEN' and " + CANDIDATE_MATCH)
        .param("candidates", candidates)
        .query(Long.class)
        .single();
  }

  List<TaskView> doneBy(String username, int limit) {
    return jdbc.sql("select " + COLUMNS + " from inbox_task t where t.completed_by = :username"
            + " and t.status in ('COMPLETING', 'COMPLETED') order by t.closed_at desc nulls first, t.id desc limit :limit")
        .param("username", username)
        .param("limit", limit)
        .query(TaskView.class)
        .list();
  }

  Optional<TaskView> visible(long id, List<String> candidates, String username) {
    return jdbc.sql("select " + COLUMNS + " from inbox_task t where t.id = :id and (" + CANDIDATE_MATCH
            + " or t.completed_by = :username)")
        .param("id", id)
        .param("candidates", candidates)
        .param("username", username)
        .query(TaskView.class)
        .optional();
  }
}
