package cn.jiaoliu.app.tasklist;

import cn.jiaoliu.app.security.CurrentUser;
import cn.jiaoliu.app.security.JiaoliuUser;
import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** The inbox's tabs count what waits: opinions asked of the user, copies not yet opened. */
@ControllerAdvice(assignableTypes = {TaskController.class, TaskOperationsController.class, DelegationController.class,
    PhrasesController.class})
class InboxTabs {

  private final Consultations consultations;
  private final CaseCopies copies;

  InboxTabs(Consultations consultations, CaseCopies copies) {
    this.consultations = consultations;
    this.copies = copies;
  }

  @ModelAttribute
  void counts(Model model, Authentication authentication) {
    JiaoliuUser user = CurrentUser.of(authentication);
    if (user != null) {
      model.addAttribute("askedCount", consultations.unansweredOf(user.username()));
      model.addAttribute("copiesUnread", copies.unread(user.username()));
    }
  }
}
