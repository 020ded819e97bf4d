package cn.jiaoliu.app.tasklist;

import cn.jiaoliu.app.security.JiaoliuUser;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Service;

/**
 * Where a case is, for every process: the steps done (who, when, the decision and comment), the
 * step it waits at (who holds it, since when, until when) and the steps still to come in the
 * process's usual order. Callers check that the user may read the case.
 */
@Service
public class CaseProgress {

  private final TaskQueries queries;
  private final TaskService tasks;
  private final TaskSubjects subjects;
  private final HolderNames holders;
  private final Clock clock;

  private final Urging urging;
  private final Recalls recalls;
  private final Consultations consultations;

  CaseProgress(TaskQueries queries, TaskService tasks, TaskSubjects subjects, HolderNames holders, Clock clock,
      Urging urging, Recalls recalls, Consultations consultations) {
    this.urging = urging;
    this.recalls = recalls;
    this.consultations = consultations;
    this.queries = queries;
    this.tasks = tasks;
    this.subjects = subjects;
    this.holders = holders;
    this.clock = clock;
  }

  public List<Step> of(String bpmnProcessId, Long processInstanceKey) {
    return of(null, bpmnProcessId, processInstanceKey);
  }

  /**
   * The steps as this user sees them: with the opinions asked on each, and whether the user may
   * urge the current step (催办) or take back a step they decided (撤回).
   */
  public List<Step> of(JiaoliuUser user, String bpmnProcessId, Long processInstanceKey) {
    List<String> planned = subjects.provider(bpmnProcessId).map(TaskSubjectProvider::plannedSteps).orElse(List.of());
    List<Step> steps = new ArrayList<>();
    if (processInstanceKey == null) {
      planned.forEach(s -> steps.add(Step.pending(bpmnProcessId, s)));
      return steps;
    }
    OffsetDateTime now = OffsetDateTime.now(clock);
    Locale locale = LocaleContextHolder.getLocale();
    int reached = -1;
    Map<Long, List<Consultations.Consultation>> asked = consultations.ofInstance(processInstanceKey).stream()
        .collect(Collectors.groupingBy(Consultations.Consultation::taskId));
    for (TaskView done : queries.completedOf(processInstanceKey)) {
      Map<String, Object> submitted = tasks.submission(done);
      Object decision = submitted.get("decision") != null ? "decision." + submitted.get("decision")
          : submitted.get("grade") != null ? "grade." + submitted.get("grade") : null;
      Object comment = submitted.get("comment");
      steps.add(new Step(done.nameKey(), State.DONE, done.signerName(), done.closedAt(), (String) decision,
          comment == null ? null : comment.toString(), null, false, done.id(), false,
          user != null && recalls.mayRecall(user, done), asked.getOrDefault(done.id(), List.of()), false));
      reached = Math.max(reached, planned.indexOf(done.elementId()));
    }
    for (TaskQueries.OpenStep open : queries.openOf(processInstanceKey)) {
      String holder = open.claimedBy() != null ? holders.userName(open.claimedBy()) : holders.of(open.candidate(), locale);
      boolean mayUrge = user != null && queries.byId(open.id()).map(t -> urging.mayUrge(user, t)).orElse(false);
      steps.add(new Step("task." + open.bpmnProcessId() + "." + open.elementId(), State.CURRENT, holder,
          open.createdAt(), null, null, open.dueAt(), open.dueAt() != null && open.dueAt().isBefore(now), open.id(),
          mayUrge, false, asked.getOrDefault(open.id(), List.of()), urging.urgedToday(open.id())));
      reached = Math.max(reached, planned.indexOf(open.elementId()));
    }
    for (int i = reached + 1; i < planned.size(); i++) {
      steps.add(Step.pending(bpmnProcessId, planned.get(i)));
    }
    return steps;
  }

  public enum State { DONE, CURRENT, PENDING }

  /**
   * One step of a case: its name, whether it is done, current or to come; who did it or holds it
   * (a name), when it was done or arrived, the decision's message key and the comment (done steps),
   * the due date and whether it is overdue (the current step); its task, whether this user may urge
   * or take it back, the opinions asked on it (征求意见), and whether it was urged today (催办).
   */
  public record Step(String nameKey, State state, String who, OffsetDateTime at, String decisionKey, String comment,
      OffsetDateTime dueAt, boolean overdue, Long taskId, boolean mayUrge, boolean mayRecall,
      List<Consultations.Consultation> opinions, boolean urgedToday) {

    static Step pending(String bpmnProcessId, String elementId) {
      return new Step("task." + bpmnProcessId + "." + elementId, State.PENDING, null, null, null, null, null, false,
          null, false, false, List.of(), false);
    }

    /** The colour of the step's mark: a decision that sent the case back is orange, one that ended it red. */
    public String tone() {
      if (state == State.CURRENT) {
        return overdue ? "bad" : "current";
      }
      if (decisionKey == null || state == State.PENDING) {
        return state == State.DONE ? "ok" : "pending";
      }
      return switch (decisionKey) {
        case "decision.RETURN" -> "warn";
        case "decision.REJECT", "decision.DECLINE", "grade.UNQUALIFIED" -> "bad";
        default -> "ok";
      };
    }
  }
}
