package cn.jiaoliu.app.tasklist;

import cn.jiaoliu.app.security.JiaoliuUser;
import cn.jiaoliu.app.web.Outcomes;
import cn.jiaoliu.app.web.UserFacingException;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The approval operations' pages: 催办, 转办, 征求意见 and 撤回 on a step, 抄送 of a case, the
 * "征求意见" and "抄送我的" lists. A refused operation comes back to the page it came from with its
 * reason; nothing was changed.
 */
@Controller
class TaskOperationsController {

  private final Urging urging;
  private final Handover handover;
  private final Consultations consultations;
  private final Recalls recalls;
  private final CaseCopies copies;
  private final CaseReaders readers;
  private final TaskSubjects subjects;

  TaskOperationsController(Urging urging, Handover handover, Consultations consultations, Recalls recalls,
      CaseCopies copies, CaseReaders readers, TaskSubjects subjects) {
    this.readers = readers;
    this.subjects = subjects;
    this.urging = urging;
    this.handover = handover;
    this.consultations = consultations;
    this.recalls = recalls;
    this.copies = copies;
  }

  @PostMapping("/tasks/{id}/urge")
  String urge(JiaoliuUser user, @PathVariable long id, @RequestHeader(value = HttpHeaders.REFERER, required = false)
      String from, RedirectAttributes flash) {
    return Outcomes.redirect(flash, Outcomes.back(from, "/tasks"), () -> urging.urge(user, id), "urge.done");
  }

  @PostMapping("/tasks/{id}/transfer")
  String transfer(JiaoliuUser user, @PathVariable long id, @RequestParam(required = false) String to,
      @RequestParam(required = false) String reason, RedirectAttributes flash) {
    String page = Outcomes.redirect(flash, "/tasks/" + id, () -> handover.transfer(user, id, to, reason), "transfer.done");
    // handed over: the step is no longer the user's, so back to the inbox
    return flash.getFlashAttributes().containsKey("opError") ? page : "redirect:/tasks";
  }

  @PostMapping("/tasks/{id}/consult")
  String consult(JiaoliuUser user, @PathVariable long id,
      @RequestParam(name = "consultee", required = false) List<String> consultees,
      @RequestParam(required = false) String question, @RequestParam(defaultValue = "false") boolean waits,
      RedirectAttributes flash) {
    return Outcomes.redirect(flash, "/tasks/" + id, () -> consultations.ask(user, id, consultees, question, waits),
        "consult.sent");
  }

  @PostMapping("/tasks/{id}/recall")
  String recall(JiaoliuUser user, @PathVariable long id, @RequestHeader(value = HttpHeaders.REFERER, required = false)
      String from, RedirectAttributes flash) {
    return Outcomes.redirect(flash, Outcomes.back(from, "/tasks?view=done"), () -> recalls.recall(user, id), "recall.done");
  }

  @GetMapping("/consultations")
  String consultations(JiaoliuUser user, Model model) {
    model.addAttribute("asked", consultations.askedOf(user.username()));
    return "tasks/consultations";
  }

  @PostMapping("/consultations/{id}/answer")
  String answer(JiaoliuUser user, @PathVariable long id, @RequestParam(required = false) String opinion,
      RedirectAttributes flash) {
    return Outcomes.redirect(flash, "/consultations", () -> consultations.answer(user, id, opinion), "consult.answered");
  }

  @PostMapping("/cases/{type}/{id}/copy")
  String copy(JiaoliuUser user, @PathVariable String type, @PathVariable long id,
      @RequestParam(name = "person", required = false) List<String> people,
      @RequestParam(name = "group", required = false) List<String> groups,
      @RequestParam(required = false) String note, @RequestHeader(value = HttpHeaders.REFERER, required = false)
      String from, RedirectAttributes flash) {
    return Outcomes.redirect(flash, Outcomes.back(from, "/"), () -> copies.copy(user, type, id, people, groups, note), "copy.done");
  }

  /** A case of any process by its kind and id: its own page, for those who may read it. */
  @GetMapping("/cases/{type}/{id}")
  String caseOf(JiaoliuUser user, @PathVariable String type, @PathVariable long id) {
    if (!readers.mayRead(user, type, id)) {
      throw UserFacingException.notFound();
    }
    String link = subjects.describeCase(type, id).link();
    if (link == null) {
      throw UserFacingException.notFound();
    }
    return "redirect:" + link;
  }

  @GetMapping("/copies")
  String copies(JiaoliuUser user, Model model) {
    List<CaseCopies.CaseCopy> received = copies.received(user.username());
    model.addAttribute("copies", received);
    model.addAttribute("subjects", received.stream().map(copies::describe).toList());
    return "tasks/copies";
  }

  @GetMapping("/copies/{id}")
  String openCopy(JiaoliuUser user, @PathVariable long id) {
    return "redirect:" + copies.open(user, id);
  }
}
