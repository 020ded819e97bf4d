package cn.jiaoliu.app.tasklist;

import cn.jiaoliu.app.persistence.RecordRows;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
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
      t.subject_type, t.subject_id, t.escalated, t.completed_by_name, t.process_definition_key""";

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
    return openFor(candidates, filter, now, 0, limit);
  }

  /** One page of the open tasks of the candidates, filtered, the soonest due first. */
  List<TaskView> openFor(List<String> candidates, InboxFilter filter, OffsetDateTime now, int offset, int limit) {
    var sql = jdbc.sql("select " + COLUMNS + " from inbox_task t where t.status = 'OPEN' and " + OPEN_CANDIDATE_MATCH
        + conditions(filter)
        + " order by t.due_at asc nulls last, t.id asc limit :limit offset :offset");
    sql = bind(sql.param("candidates", candidates).param("limit", limit).param("offset", offset), filter, now);
    return sql.query(RecordRows.of(TaskView.class)).list();
  }

  /**
   * One page of the open tasks of the candidates, filtered, the soonest due first, and how many the
   * filter lets through in all: one pass over the matching tasks (their ids and due dates, counted
   * as they are sorted), then the page's rows by id. A count and a page apart read every matching
   * task twice; an office has thousands. Past the last page there is no row to carry the count, so
   * it is counted on its own.
   */
  OpenPage openPage(List<String> candidates, InboxFilter filter, OffsetDateTime now, int offset, int limit) {
    var sql = jdbc.sql("with matched as (select t.id, t.due_at, count(*) over () as total from inbox_task t"
        + " where t.status = 'OPEN' and " + OPEN_CANDIDATE_MATCH + conditions(filter)
        + " order by t.due_at asc nulls last, t.id asc limit :limit offset :offset)"
        + " select m.total, " + COLUMNS + " from matched m join inbox_task t on t.id = m.id"
        + " order by t.due_at asc nulls last, t.id asc");
    sql = bind(sql.param("candidates", candidates).param("limit", limit).param("offset", offset), filter, now);
    RecordRows<TaskView> views = RecordRows.of(TaskView.class);
    long[] total = {-1};
    List<TaskView> tasks = sql.query((rs, i) -> {
      total[0] = rs.getLong("total");
      return views.mapRow(rs, i);
    }).list();
    if (tasks.isEmpty()) {
      return new OpenPage(tasks, offset == 0 ? 0 : countOpenFor(candidates, filter, now));
    }
    return new OpenPage(tasks, total[0]);
  }

  /** A page of open tasks and how many the filter lets through in all. */
  record OpenPage(List<TaskView> tasks, long total) {}

  /** How many open tasks of the candidates the filter lets through. */
  long countOpenFor(List<String> candidates, InboxFilter filter, OffsetDateTime now) {
    var sql = jdbc.sql("select count(*) from inbox_task t where t.status = 'OPEN' and " + OPEN_CANDIDATE_MATCH
        + conditions(filter));
    return bind(sql.param("candidates", candidates), filter, now).query(Long.class).single();
  }

  /** The batches and schools the candidates' open tasks are filed under: what the filters offer. */
  FilterChoices choicesFor(List<String> candidates) {
    List<Long> batches = jdbc.sql("select distinct t.batch_id from inbox_task t where t.status = 'OPEN'"
            + " and t.batch_id is not null and " + OPEN_CANDIDATE_MATCH)
        .param("candidates", candidates).query(Long.class).list();
    List<String> schools = jdbc.sql("select distinct t.home_school_code from inbox_task t where t.status = 'OPEN'"
            + " and t.home_school_code is not null and " + OPEN_CANDIDATE_MATCH
            + " union select distinct t.target_school_code from inbox_task t where t.status = 'OPEN'"
            + " and t.target_school_code is not null and " + OPEN_CANDIDATE_MATCH)
        .param("candidates", candidates).query(String.class).list();
    return new FilterChoices(batches, schools);
  }

  record FilterChoices(List<Long> batchIds, List<String> schoolCodes) {}

  /** The last step completed in each of the instances: who decided what before the open step. */
  Map<Long, TaskView> lastCompletedOf(Collection<Long> processInstanceKeys) {
    if (processInstanceKeys.isEmpty()) {
      return Map.of();
    }
    Map<Long, TaskView> last = new HashMap<>();
    jdbc.sql("select " + COLUMNS + " from inbox_task t where t.process_instance_key in (:keys)"
            + " and t.status = 'COMPLETED' order by t.closed_at asc, t.id asc")
        .param("keys", processInstanceKeys)
        .query(RecordRows.of(TaskView.class)).list()
        .forEach(t -> last.put(t.processInstanceKey(), t));
    return last;
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
    if (f.person() != null) {
      sql.append(" and t.person_name like :person escape '!'");
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
    if (f.person() != null) {
      sql = sql.param("person", "%" + f.person().replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
    }
    return sql;
  }

  /** The district's open tasks past their due date, the longest overdue first. */
  List<TaskView> overdueIn(String districtCode, OffsetDateTime now, int limit) {
    return jdbc.sql("select " + COLUMNS + " from inbox_task t where t.status = 'OPEN' and t.district_code = :d"
            + " and t.due_at < :now order by t.due_at asc limit :limit")
        .param("d", districtCode).param("now", now).param("limit", limit)
        .query(RecordRows.of(TaskView.class)).list();
  }

  /** Open tasks of one process instance with their candidates: where a case is now. */
  List<OpenStep> openOf(long processInstanceKey) {
    return jdbc.sql("""
            select t.id, t.element_id, t.bpmn_process_id, t.due_at, t.claimed_by, t.created_at,
              (select min(c.candidate) from inbox_task_candidate c where c.task_id = t.id) as candidate
            from inbox_task t where t.process_instance_key = :key and t.status = 'OPEN' order by t.id""")
        .param("key", processInstanceKey).query(RecordRows.of(OpenStep.class)).list();
  }

  record OpenStep(long id, String elementId, String bpmnProcessId, OffsetDateTime dueAt, String claimedBy,
      OffsetDateTime createdAt, String candidate) {}

  /** Completed tasks of one process instance, oldest first: the opinions given on a case. */
  List<TaskView> completedOf(long processInstanceKey) {
    return jdbc.sql("select " + COLUMNS + " from inbox_task t where t.process_instance_key = :key"
            + " and t.status in ('COMPLETING', 'COMPLETED') order by t.closed_at asc nulls last, t.id asc")
        .param("key", processInstanceKey)
        .query(RecordRows.of(TaskView.class))
        .list();
  }

  /** Completed tasks of one step of a process in a district, oldest first. */
  List<TaskView> completedSteps(String bpmnProcessId, String elementId, String districtCode) {
    return jdbc.sql("select " + COLUMNS + " from inbox_task t where t.bpmn_process_id = :process"
            + " and t.element_id = :element and t.district_code = :district and t.status = 'COMPLETED'"
            + " order by t.closed_at, t.id")
        .param("process", bpmnProcessId).param("element", elementId).param("district", districtCode)
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

  /** A task's candidates: {@code user:…} and {@code group:…}. */
  /** The process version an instance runs on, as its tasks tell it; null when none of its tasks says. */
  Long versionOf(long processInstanceKey) {
    return jdbc.sql("select max(process_definition_key) from inbox_task where process_instance_key = :k")
        .param("k", processInstanceKey).query(Long.class).optional().orElse(null);
  }

  /** Whether any of the keys is or was a candidate of a step of the case, or its holder or signer. */
  boolean hasStepOf(List<String> keys, String username, String subjectType, long subjectId) {
    return jdbc.sql("""
            select count(*) from inbox_task t where t.subject_type = :type and t.subject_id = :id
              and (t.completed_by = :u or t.claimed_by = :u
                or exists (select 1 from inbox_task_candidate c where c.task_id = t.id and c.candidate in (:keys)))""")
        .param("type", subjectType).param("id", subjectId).param("u", username).param("keys", keys)
        .query(Long.class).single() > 0;
  }

  List<String> candidatesOf(long taskId) {
    return jdbc.sql("select candidate from inbox_task_candidate where task_id = :id order by candidate")
        .param("id", taskId).query(String.class).list();
  }

  /** What deputies signed in the user's name (委托), the newest first. */
  List<TaskView> signedOnBehalfOf(String username, int limit) {
    return jdbc.sql("select " + COLUMNS + " from inbox_task t where t.on_behalf_of = :u"
            + " and t.status in ('COMPLETING', 'COMPLETED', 'RECALLED') order by t.closed_at desc nulls first limit :limit")
        .param("u", username).param("limit", limit).query(RecordRows.of(TaskView.class)).list();
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
