package cn.jiaoliu.app.tasklist;

import cn.jiaoliu.app.engine.QuietSteps;
import cn.jiaoliu.app.security.CandidateKey;
import cn.jiaoliu.processes.UserTaskHeaders;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.api.response.ActivatedJob;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** Stores an activated user-task job in the inbox, once per job key however often it arrives. */
@Service
class TaskIntake {

  private static final Logger log = LoggerFactory.getLogger(TaskIntake.class);
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)}");

  private final InboxTaskRepository tasks;
  private final TaskSubjects subjects;
  private final ApplicationEventPublisher events;
  private final ObjectMapper json;
  private final Clock clock;
  private final TransactionTemplate tx;
  private final JdbcClient jdbc;
  private final SecondInstances secondInstances;
  private final QuietSteps quietSteps;
  private final TasklistProperties properties;

  TaskIntake(InboxTaskRepository tasks, TaskSubjects subjects, ApplicationEventPublisher events, ObjectMapper json,
      Clock clock, TransactionTemplate tx, JdbcClient jdbc, SecondInstances secondInstances, QuietSteps quietSteps,
      TasklistProperties properties) {
    this.tasks = tasks;
    this.subjects = subjects;
    this.events = events;
    this.json = json;
    this.clock = clock;
    this.tx = tx;
    this.jdbc = jdbc;
    this.secondInstances = secondInstances;
    this.quietSteps = quietSteps;
    this.properties = properties;
  }

  void receive(ActivatedJob job) {
    receive(ArrivingTask.of(job));
  }

  /** A user task arriving, from whichever source delivers them (see {@link ArrivingTask}). */
  void receive(ArrivingTask job) {
    OffsetDateTime now = OffsetDateTime.now(clock);
    Map<String, String> headers = job.headers();
    Map<String, Object> variables = subjects.read(job.variables());
    TaskSubjects.Subject subject = subjects.subjectOf(job.bpmnProcessId(), variables, job.processInstanceKey(),
        job.processDefinitionKey());
    String assignee = headers.get(UserTaskHeaders.ASSIGNEE);
    Arrival task = new Arrival(job.key(), job.processInstanceKey(), job.elementInstanceKey(),
        job.bpmnProcessId(), job.elementId(), headers.get(UserTaskHeaders.FORM_KEY), job.variables(),
        blankToNull(assignee), UserTaskHeaders.parseDateTime(headers.get(UserTaskHeaders.DUE_DATE)).orElse(null),
        UserTaskHeaders.parseDateTime(headers.get(UserTaskHeaders.FOLLOW_UP_DATE)).orElse(null), now,
        subject == null ? null : subject.type(), subject == null ? null : subject.id(),
        subject == null ? TaskSubjectProvider.CaseAttributes.NONE : subject.attributes(), candidates(headers, assignee),
        job.processDefinitionKey());
    // the task and what its arrival changes (the case's step, its instance key) in one transaction:
    // a crash in between would leave a stored task whose arrival nobody acts on, because a job
    // already in the inbox is only renewed, never delivered again
    Arrived arrived = tx.execute(status -> {
      OptionalLong id = insert(task);
      if (id.isEmpty()) {
        return Arrived.ALREADY_STORED;
      }
      // the second-instance rule, for every process: a task of an instance that repeats its case's
      // own (started twice because a kill or a lost answer hid the first start) does not arrive
      if (!subjects.ownInstance(task.bpmnProcessId(), task.subjectId(), task.processInstanceKey())) {
        return Arrived.OF_A_REPEAT;
      }
      returnToWhoeverTookItBack(id.getAsLong(), task);
      copyTo(id.getAsLong(), headers.get(UserTaskHeaders.COPY_TO), variables);
      events.publishEvent(new UserTaskArrived(id.getAsLong(), task.bpmnProcessId(), task.elementId(),
          task.subjectType(), task.subjectId(), task.processInstanceKey()));
      return Arrived.STORED;
    });
    if (arrived == Arrived.OF_A_REPEAT) {
      secondInstances.cancel(task.processInstanceKey());
      return;
    }
    if (arrived == Arrived.ALREADY_STORED) {
      // delivered again (our hold ran out, or two deliveries at once): the job is alive, so a task
      // we thought gone comes back
      log.debug("job {} is in the inbox already", job.key());
      tasks.reopenIfCancelled(job.key(), now);
    }
  }

  /**
   * The new task and its candidate rows, with plain SQL: every user task passes here, and Spring
   * Data JDBC's aggregate save cost several times the CPU (benchmark B1's profile). Empty when the
   * job is stored already: the unique job key says so, without a look before every insert and
   * without an error (which on PostgreSQL would abort the surrounding transaction).
   */
  private OptionalLong insert(Arrival task) {
    KeyHolder key = new GeneratedKeyHolder();
    int inserted = jdbc.sql("""
            insert into inbox_task (job_key, process_instance_key, element_instance_key, bpmn_process_id, element_id,
              form_key, variables, status, claimed_by, due_at, follow_up_at, created_at, checked_at, next_check_at,
              completion_attempts,
              subject_type, subject_id, batch_id, home_school_code, target_school_code, direction, district_code,
              person_name, escalated, version, process_definition_key)
            values (:jobKey, :processInstanceKey, :elementInstanceKey, :bpmnProcessId, :elementId,
              :formKey, :variables, :status, :claimedBy, :dueAt, :followUpAt, :createdAt, :checkedAt, :nextCheckAt, 0,
              :subjectType, :subjectId, :batchId, :homeSchool, :targetSchool, :direction, :district, :person, false, 0, :definitionKey)
            on conflict do nothing""")
        .param("jobKey", task.jobKey())
        .param("processInstanceKey", task.processInstanceKey())
        .param("elementInstanceKey", task.elementInstanceKey())
        .param("bpmnProcessId", task.bpmnProcessId())
        .param("elementId", task.elementId())
        .param("formKey", task.formKey())
        .param("variables", task.variables())
        .param("status", TaskStatus.OPEN.name())
        .param("claimedBy", task.claimedBy())
        .param("dueAt", task.dueAt())
        .param("followUpAt", task.followUpAt())
        .param("createdAt", task.arrivedAt())
        .param("checkedAt", task.arrivedAt())
        .param("nextCheckAt", task.arrivedAt().plus(properties.firstCheck(
            quietSteps.quiet(task.processDefinitionKey(), task.elementId()))))
        .param("subjectType", task.subjectType())
        .param("subjectId", task.subjectId())
        .param("batchId", task.attributes().batchId())
        .param("homeSchool", task.attributes().homeSchoolCode())
        .param("targetSchool", task.attributes().targetSchoolCode())
        .param("direction", task.attributes().direction())
        .param("district", task.attributes().districtCode())
        .param("person", task.attributes().personName())
        .param("definitionKey", task.processDefinitionKey())
        .update(key, "id");
    if (inserted == 0) {
      return OptionalLong.empty();
    }
    long id = key.getKeyAs(Number.class).longValue();
    for (TaskCandidate candidate : task.candidates()) {
      jdbc.sql("insert into inbox_task_candidate (task_id, candidate, task_open) values (:id, :candidate, true)")
          .param("id", id).param("candidate", candidate.candidate()).update();
    }
    return OptionalLong.of(id);
  }

  /**
   * A step entered anew because its decision was taken back (撤回) returns to whoever took it back:
   * the step's previous task in this instance was recalled.
   */
  private void returnToWhoeverTookItBack(long id, Arrival task) {
    jdbc.sql("""
            update inbox_task set claimed_by = (
                select p.completed_by from inbox_task p where p.id = (select max(q.id) from inbox_task q
                  where q.process_instance_key = :k and q.element_id = :e and q.id < :id) and p.status = 'RECALLED')
            where id = :id and claimed_by is null and exists (
                select 1 from inbox_task p where p.id = (select max(q.id) from inbox_task q
                  where q.process_instance_key = :k and q.element_id = :e and q.id < :id) and p.status = 'RECALLED')""")
        .param("id", id).param("k", task.processInstanceKey()).param("e", task.elementId()).update();
  }

  /**
   * The groups the model copies this step's decision to (header {@code copyTo}), with the process
   * variables they name filled in; a group naming a variable the instance lacks is left out.
   */
  private void copyTo(long id, String header, Map<String, Object> variables) {
    if (header == null || header.isBlank()) {
      return;
    }
    List<String> groups = new ArrayList<>();
    for (String template : header.split(",")) {
      Matcher m = PLACEHOLDER.matcher(template.strip());
      StringBuilder group = new StringBuilder();
      boolean complete = true;
      while (m.find()) {
        Object value = variables.get(m.group(1));
        complete &= value != null && !value.toString().isBlank();
        m.appendReplacement(group, Matcher.quoteReplacement(value == null ? "" : value.toString()));
      }
      m.appendTail(group);
      if (complete && !group.isEmpty()) {
        groups.add(group.toString());
      }
    }
    if (!groups.isEmpty()) {
      jdbc.sql("update inbox_task set copy_to = :groups where id = :id").param("groups", String.join(",", groups))
          .param("id", id).update();
    }
  }

  private Set<TaskCandidate> candidates(Map<String, String> headers, String assignee) {
    Set<TaskCandidate> candidates = new LinkedHashSet<>();
    for (String group : list(headers.get(UserTaskHeaders.CANDIDATE_GROUPS))) {
      candidates.add(new TaskCandidate(CandidateKey.group(group)));
    }
    for (String user : list(headers.get(UserTaskHeaders.CANDIDATE_USERS))) {
      candidates.add(new TaskCandidate(CandidateKey.user(user)));
    }
    if (assignee != null && !assignee.isBlank()) {
      candidates.add(new TaskCandidate(CandidateKey.user(assignee)));
    }
    return candidates;
  }

  private List<String> list(String header) {
    if (header == null || header.isBlank()) {
      return List.of();
    }
    try {
      return json.readValue(header, STRINGS).stream().filter(s -> s != null && !s.isBlank()).toList();
    } catch (Exception e) {
      log.warn("unreadable candidate header {}", header);
      return List.of();
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  private enum Arrived { STORED, ALREADY_STORED, OF_A_REPEAT }

  /** A task as it arrives: what the inbox row and its candidate rows are made of. */
  private record Arrival(long jobKey, long processInstanceKey, long elementInstanceKey, String bpmnProcessId,
      String elementId, String formKey, String variables, String claimedBy, OffsetDateTime dueAt,
      OffsetDateTime followUpAt, OffsetDateTime arrivedAt, String subjectType, Long subjectId,
      TaskSubjectProvider.CaseAttributes attributes, Set<TaskCandidate> candidates, long processDefinitionKey) {}
}
