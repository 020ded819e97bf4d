package cn.jiaoliu.app.tasklist;

import cn.jiaoliu.app.user.UserDirectory;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * The rows of one page of the inbox as a clerk works through them: each task with the facts of its
 * case (teacher, schools, direction, subject, years of service, submitted), the last opinion given
 * on it and the days left. Read per page: one query per process for the cases, one for the opinions.
 */
@Component
class InboxRows {

  private final TaskSubjects subjects;
  private final TaskService tasks;
  private final Clock clock;
  private final UserDirectory users;

  InboxRows(TaskSubjects subjects, TaskService tasks, Clock clock, UserDirectory users) {
    this.users = users;
    this.subjects = subjects;
    this.tasks = tasks;
    this.clock = clock;
  }

  List<Row> of(List<TaskView> page) {
    Map<String, Map<Long, TaskSubjectProvider.CaseSummary>> summaries = new HashMap<>();
    page.stream().filter(t -> t.subjectId() != null)
        .collect(Collectors.groupingBy(TaskView::bpmnProcessId, Collectors.mapping(TaskView::subjectId,
            Collectors.toSet())))
        .forEach((process, ids) -> summaries.put(process,
            subjects.provider(process).map(p -> p.summaries(ids)).orElse(Map.of())));
    Map<Long, TaskView> last = tasks.lastCompletedOf(page.stream().map(TaskView::processInstanceKey).toList());
    OffsetDateTime now = OffsetDateTime.now(clock);
    Map<String, String> names = new HashMap<>();
    return page.stream().map(t -> {
      TaskSubjectProvider.CaseSummary summary = t.subjectId() == null ? null
          : summaries.getOrDefault(t.bpmnProcessId(), Map.of()).get(t.subjectId());
      TaskView previous = last.get(t.processInstanceKey());
      Opinion opinion = previous == null ? null : new Opinion(previous.signerName(), previous.nameKey(),
          decisionOf(previous), previous.closedAt());
      String holder = t.claimedBy() == null ? null
          : names.computeIfAbsent(t.claimedBy(), u -> users.find(u).map(UserDirectory.KnownUser::displayName).orElse(u));
      return new Row(t, subjects.of(t), summary, opinion, daysLeft(t, now), t.overdue(now), holder);
    }).toList();
  }

  /** Whole days until the due date (due later today: 0); negative when overdue (by part of a day: -1); null without one. */
  static Long daysLeft(TaskView task, OffsetDateTime now) {
    if (task.dueAt() == null) {
      return null;
    }
    return Math.floorDiv(Duration.between(now, task.dueAt()).toMinutes(), 24 * 60);
  }

  private String decisionOf(TaskView task) {
    Object decision = tasks.submission(task).get("decision");
    if (decision == null) {
      decision = tasks.submission(task).get("grade");
      return decision == null ? null : "grade." + decision;
    }
    return "decision." + Objects.toString(decision);
  }

  /**
   * One row: the task, its case's name, the case's facts (null for a process without them), the
   * last opinion on the case (null before the first), the days left, whether it is overdue and the
   * name of who claimed it (null when nobody has).
   */
  record Row(TaskView task, TaskSubjectProvider.TaskSubject subject, TaskSubjectProvider.CaseSummary summary,
      Opinion lastOpinion, Long daysLeft, boolean overdue, String holderName) {}

  /** Who gave the last opinion, on which step, what they decided (a message key, or null) and when. */
  record Opinion(String signer, String stepKey, String decisionKey, OffsetDateTime at) {}
}
