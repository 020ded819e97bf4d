package cn.jiaoliu.app.tasklist;

import cn.jiaoliu.app.audit.AuditTrail;
import cn.jiaoliu.app.notification.NotificationEvent;
import cn.jiaoliu.app.notification.NotificationService;
import cn.jiaoliu.app.persistence.RecordRows;
import cn.jiaoliu.app.security.CandidateKey;
import cn.jiaoliu.app.user.UserDirectory;
import cn.jiaoliu.processes.CandidateGroups;
import cn.jiaoliu.workers.tasks.StepDeadlines;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reminders and escalations of every human step of every process, from the inbox: the step's open
 * task says whom to remind (its candidates) and whom to escalate to (its district's teaching office);
 * its process's {@link TaskSubjectProvider} says what to tell them. Each occurrence of a step (one
 * task; a step returned to is a new one) is reminded and escalated once, however often the engine
 * delivers the job.
 */
@Service
class StepDeadlineService implements StepDeadlines {

  private static final Logger log = LoggerFactory.getLogger(StepDeadlineService.class);

  private final JdbcClient jdbc;
  private final InboxTaskRepository tasks;
  private final TaskSubjects subjects;
  private final UserDirectory users;
  private final NotificationService notifications;
  private final AuditTrail audit;
  private final ApplicationEventPublisher events;

  StepDeadlineService(JdbcClient jdbc, InboxTaskRepository tasks, TaskSubjects subjects, UserDirectory users,
      NotificationService notifications, AuditTrail audit, ApplicationEventPublisher events) {
    this.jdbc = jdbc;
    this.tasks = tasks;
    this.subjects = subjects;
    this.users = users;
    this.notifications = notifications;
    this.audit = audit;
    this.events = events;
  }

  @Override
  public void remind(long processInstanceKey, String step) {
    openTask(processInstanceKey, step).ifPresent(this::remind);
  }

  private void remind(DueTask task) {
    if (task.subjectId() == null) {
      return; // a task of no case: nothing to name in a notification
    }
    String step = task.elementId();
    subjects.provider(task.bpmnProcessId()).ifPresent(provider -> {
      TaskSubjectProvider.Notice notice = provider.dueNotice(task.subjectId());
      List<String> candidates = candidates(task.id());
      NotificationEvent event = NotificationEvent.ofCase(task.subjectType(), task.subjectId(),
          "reminder-" + step + "-" + task.id()).openingTask(task.id());
      boolean groupWork = candidates.stream().anyMatch(c -> c.startsWith(CandidateKey.group("")));
      notifications.notify(users.usernamesOf(candidates),
          groupWork && task.districtCode() != null ? event.toDistrictChannels(task.districtCode()) : event,
          notice.messageKey(), notice.args());
    });
  }

  @Override
  @Transactional
  public void escalate(long processInstanceKey, String step) {
    openTask(processInstanceKey, step).ifPresent(this::escalate);
  }

  private void escalate(DueTask task) {
    String step = task.elementId();
    boolean flagged = tasks.markEscalated(task.id()) > 0;
    if (task.districtCode() != null) {
      tasks.addCandidate(task.id(), CandidateKey.group(CandidateGroups.teachingOfficeOf(task.districtCode())));
    }
    if (flagged && task.subjectId() != null) {
      audit.record(task.subjectType(), task.subjectId(), AuditTrail.SYSTEM, AuditTrail.SYSTEM, "OVERDUE", step);
      events.publishEvent(new UserTaskEscalated(task.id(), task.bpmnProcessId(), step, task.subjectType(),
          task.subjectId(), task.processInstanceKey()));
    }
    if (task.districtCode() == null || task.subjectId() == null) {
      return;
    }
    subjects.provider(task.bpmnProcessId()).ifPresent(provider -> {
      TaskSubjectProvider.Notice notice = provider.overdueNotice(task.subjectId());
      List<String> office = users.teachingOfficeOf(task.districtCode()).stream()
          .map(UserDirectory.KnownUser::username).toList();
      notifications.notify(office,
          NotificationEvent.ofCase(task.subjectType(), task.subjectId(), "overdue-" + step + "-" + task.id())
              .openingTask(task.id()).toDistrictChannels(task.districtCode()),
          notice.messageKey(), notice.args());
    });
  }

  /** The step's open task in the instance; none when it is done already (the timer raced it) or not in yet. */
  private Optional<DueTask> openTask(long processInstanceKey, String step) {
    Optional<DueTask> task = jdbc.sql("""
            select id, process_instance_key, bpmn_process_id, element_id, subject_type, subject_id, district_code
            from inbox_task
            where process_instance_key = :key and element_id = :step and status = 'OPEN'
            order by id desc limit 1""")
        .param("key", processInstanceKey).param("step", step)
        .query(RecordRows.of(DueTask.class)).optional();
    if (task.isEmpty()) {
      log.debug("no open task of {} in instance {}", step, processInstanceKey);
    }
    return task;
  }

  private List<String> candidates(long taskId) {
    return jdbc.sql("select candidate from inbox_task_candidate where task_id = :id order by candidate")
        .param("id", taskId).query(String.class).list();
  }

  record DueTask(long id, long processInstanceKey, String bpmnProcessId, String elementId, String subjectType,
      Long subjectId, String districtCode) {}
}
