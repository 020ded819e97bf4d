package cn.jiaoliu.app.tasklist;

import static cn.jiaoliu.app.notification.NotificationService.text;

import cn.jiaoliu.app.audit.AuditTrail;
import cn.jiaoliu.app.notification.NotificationEvent;
import cn.jiaoliu.app.notification.NotificationService;
import cn.jiaoliu.app.persistence.RecordRows;
import cn.jiaoliu.app.security.JiaoliuUser;
import cn.jiaoliu.app.security.Role;
import cn.jiaoliu.app.user.UserDirectory;
import cn.jiaoliu.app.web.UserFacingException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 征求意见/加签: before deciding, the holder of a step asks people of the same scope (colleagues of
 * the school, of the office) for an opinion. The step waits for their answers when the holder says
 * so; otherwise the answers that came are shown with it. Those asked may read the case and answer,
 * nothing more. Their opinions sit beside the decision on the case page and the printed form.
 */
@Service
public class Consultations {

  static final int QUESTION_MAX = 1000;
  static final int OPINION_MAX = 2000;

  private final JdbcClient jdbc;
  private final ObjectProvider<TaskAccess> access;
  private final TaskQueries queries;
  private final UserDirectory users;
  private final AuditTrail audit;
  private final NotificationService notifications;
  private final TaskSubjects subjects;
  private final Clock clock;

  Consultations(JdbcClient jdbc, ObjectProvider<TaskAccess> access, TaskQueries queries, UserDirectory users,
      AuditTrail audit, NotificationService notifications, TaskSubjects subjects, Clock clock) {
    this.jdbc = jdbc;
    this.access = access;
    this.queries = queries;
    this.users = users;
    this.audit = audit;
    this.notifications = notifications;
    this.subjects = subjects;
    this.clock = clock;
  }

  /** One opinion asked: of whom, by whom, the question, whether the step waits, the answer when given. */
  public record Consultation(long id, long taskId, String askedBy, String askedByName, String consultee,
      String consulteeName, String question, boolean waits, String opinion, OffsetDateTime answeredAt,
      OffsetDateTime createdAt, String subjectType, Long subjectId, String bpmnProcessId, String elementId) {

    public String stepKey() {
      return "task." + bpmnProcessId + "." + elementId;
    }

    public boolean answered() {
      return answeredAt != null;
    }
  }

  /** The holder asks; each person once per step. */
  @Transactional
  public List<Consultation> ask(JiaoliuUser holder, long taskId, List<String> consultees, String question,
      boolean waits) {
    TaskView task = access.getObject().requireMayAct(holder, taskId);
    Set<String> asked = new LinkedHashSet<>();
    for (String c : consultees == null ? List.<String>of() : consultees) {
      if (c != null && !c.isBlank()) {
        asked.add(c.trim());
      }
    }
    if (asked.isEmpty()) {
      throw UserFacingException.field("consultees", "consult.nobody");
    }
    String q = question == null ? "" : question.strip();
    if (q.length() > QUESTION_MAX) {
      throw UserFacingException.field("question", "error.tooLong");
    }
    List<String> allowed = possibleConsultees(holder, task).stream().map(UserDirectory.KnownUser::username).toList();
    for (String username : asked) {
      if (!allowed.contains(username)) {
        throw UserFacingException.field("consultees", "consult.outOfScope");
      }
    }
    OffsetDateTime now = OffsetDateTime.now(clock);
    for (String username : asked) {
      int n = jdbc.sql("""
              insert into task_consultation (task_id, asked_by, asked_by_name, consultee, consultee_name, question,
                waits, created_at)
              select :task, :by, :byName, :who, :whoName, :q, :waits, :now
              where not exists (select 1 from task_consultation where task_id = :task and consultee = :who)""")
          .param("task", taskId).param("by", holder.username()).param("byName", holder.displayName())
          .param("who", username).param("whoName", users.find(username).map(UserDirectory.KnownUser::displayName)
              .orElse(username))
          .param("q", q.isEmpty() ? null : q).param("waits", waits).param("now", now).update();
      if (n > 0) {
        audit.record(task.subjectType(), task.subjectId() == null ? 0 : task.subjectId(), holder.username(),
            holder.primaryRole(), "OPINION_ASKED", task.elementId() + " " + username
                + (waits ? " waits" : ""));
        TaskSubjectProvider.TaskSubject subject = subjects.of(task);
        notifications.notify(List.of(username),
            NotificationEvent.ofCase(task.subjectType(), task.subjectId(), "consult-" + taskId + "-" + username)
                .withLink("/consultations"),
            "notification.opinionAsked", holder.displayName(), text(task.nameKey()),
            text(subject.messageKey(), subject.args()));
      }
    }
    return ofTask(taskId);
  }

  /** The person asked answers, once; the holder is told. */
  @Transactional
  public Consultation answer(JiaoliuUser consultee, long id, String opinion) {
    String text = opinion == null ? "" : opinion.strip();
    if (text.isEmpty()) {
      throw UserFacingException.field("opinion", "consult.opinionRequired");
    }
    if (text.length() > OPINION_MAX) {
      throw UserFacingException.field("opinion", "error.tooLong");
    }
    Consultation c = byId(id).filter(x -> x.consultee().equals(consultee.username()))
        .orElseThrow(UserFacingException::notFound);
    TaskView task = queries.byId(c.taskId()).orElseThrow(UserFacingException::notFound);
    if (c.answered() || task.status() != TaskStatus.OPEN) {
      throw UserFacingException.conflict("consult.closed");
    }
    jdbc.sql("update task_consultation set opinion = :o, answered_at = :now where id = :id and answered_at is null")
        .param("o", text).param("now", OffsetDateTime.now(clock)).param("id", id).update();
    audit.record(task.subjectType(), task.subjectId() == null ? 0 : task.subjectId(), consultee.username(),
        consultee.primaryRole(), "OPINION_GIVEN", task.elementId() + " " + text);
    notifications.notify(List.of(c.askedBy()), NotificationEvent.ofCase(task.subjectType(), task.subjectId(),
        "opinion-" + id).openingTask(task.id()), "notification.opinionGiven", consultee.displayName(),
        text(task.nameKey()));
    return byId(id).orElseThrow();
  }

  /** The step cannot be decided while an opinion it waits for is missing. */
  void requireNoneAwaited(long taskId) {
    long waiting = jdbc.sql("""
            select count(*) from task_consultation where task_id = :t and waits = true and answered_at is null""")
        .param("t", taskId).query(Long.class).single();
    if (waiting > 0) {
      throw UserFacingException.conflict("consult.waiting", waiting);
    }
  }

  /** People of the holder's scope who may be asked: colleagues of the school (principal) or of the office. */
  public List<UserDirectory.KnownUser> possibleConsultees(JiaoliuUser holder, TaskView task) {
    List<UserDirectory.KnownUser> found = new ArrayList<>();
    if (holder.has(Role.PRINCIPAL) && holder.schoolCode() != null) {
      found.addAll(users.ofSchool(holder.schoolCode()));
    }
    if (holder.has(Role.TEACHING_OFFICE) && holder.districtCode() != null) {
      found.addAll(users.teachingOfficeOf(holder.districtCode()));
    }
    String owner = task.subjectId() == null ? null : subjects.provider(task.bpmnProcessId())
        .flatMap(p -> p.owner(task.subjectId())).orElse(null);
    return found.stream().filter(u -> !u.username().equals(holder.username()) && !u.username().equals(owner))
        .distinct().toList();
  }

  public List<Consultation> ofTask(long taskId) {
    return jdbc.sql(SELECT + " where c.task_id = :t order by c.id").param("t", taskId)
        .query(RecordRows.of(Consultation.class)).list();
  }

  /** Every opinion asked on an instance's steps: shown beside the decisions. */
  public List<Consultation> ofInstance(long processInstanceKey) {
    return jdbc.sql(SELECT + " where t.process_instance_key = :k order by c.id").param("k", processInstanceKey)
        .query(RecordRows.of(Consultation.class)).list();
  }

  /** What the user was asked, the unanswered first. */
  public List<Consultation> askedOf(String username) {
    return jdbc.sql(SELECT + " where c.consultee = :u order by case when c.answered_at is null then 0 else 1 end,"
        + " c.id desc").param("u", username).query(RecordRows.of(Consultation.class)).list();
  }

  public long unansweredOf(String username) {
    return jdbc.sql("""
            select count(*) from task_consultation c join inbox_task t on t.id = c.task_id
            where c.consultee = :u and c.answered_at is null and t.status = 'OPEN'""")
        .param("u", username).query(Long.class).single();
  }

  private Optional<Consultation> byId(long id) {
    return jdbc.sql(SELECT + " where c.id = :id").param("id", id).query(RecordRows.of(Consultation.class)).optional();
  }

  private static final String SELECT = """
      select c.id, c.task_id, c.asked_by, c.asked_by_name, c.consultee, c.consultee_name, c.question, c.waits,
        c.opinion, c.answered_at, c.created_at, t.subject_type, t.subject_id, t.bpmn_process_id, t.element_id
      from task_consultation c join inbox_task t on t.id = c.task_id""";
}
