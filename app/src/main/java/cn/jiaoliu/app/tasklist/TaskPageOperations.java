package cn.jiaoliu.app.tasklist;

import cn.jiaoliu.app.security.JiaoliuUser;
import cn.jiaoliu.app.user.UserDirectory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * What a task's page offers besides its form: the case's steps and the opinions given before this
 * one (every process, every step), whom the user may hand the step to (转办) or ask (征求意见), the
 * opinions asked on it, and in whose name the user may sign it (委托).
 */
@Component
class TaskPageOperations {

  private final CaseProgress progress;
  private final Handover handover;
  private final Consultations consultations;
  private final Delegations delegations;
  private final TaskQueries queries;
  private final HolderNames holders;
  private final OpinionPhrases phrases;

  TaskPageOperations(CaseProgress progress, Handover handover, Consultations consultations, Delegations delegations,
      TaskQueries queries, HolderNames holders, OpinionPhrases phrases) {
    this.phrases = phrases;
    this.progress = progress;
    this.handover = handover;
    this.consultations = consultations;
    this.delegations = delegations;
    this.queries = queries;
    this.holders = holders;
  }

  void addTo(Model model, JiaoliuUser user, TaskView task, boolean mayAct) {
    model.addAttribute("steps", progress.of(user, task.bpmnProcessId(), task.processInstanceKey()));
    model.addAttribute("consultations", consultations.ofTask(task.id()));
    boolean open = task.status() == TaskStatus.OPEN;
    List<UserDirectory.KnownUser> holdersToBe = open && mayAct ? handover.possibleHolders(user, task) : List.of();
    List<UserDirectory.KnownUser> askable = open && mayAct ? consultations.possibleConsultees(user, task) : List.of();
    model.addAttribute("possibleHolders", holdersToBe);
    model.addAttribute("possibleConsultees", askable);
    Map<String, String> signFor = new LinkedHashMap<>();
    if (open && mayAct) {
      for (String delegator : delegations.delegatorsOf(user.username())) {
        signFor.put(delegator, holders.userName(delegator));
      }
      // a step that is the delegator's own is signed in their name only
      model.addAttribute("signForOnly",
          delegations.whoseOwnStep(user.username(), task, queries.candidatesOf(task.id())).isPresent());
    }
    model.addAttribute("signFor", signFor);
    model.addAttribute("phrases", open && mayAct ? phrases.of(user.username(), LocaleContextHolder.getLocale())
        : List.of());
  }
}
