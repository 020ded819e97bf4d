package cn.jiaoliu.app.tasklist;

import cn.jiaoliu.app.security.AllowedRoles;
import cn.jiaoliu.app.security.JiaoliuUser;
import cn.jiaoliu.app.security.Role;
import cn.jiaoliu.app.web.Outcomes;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** 委托: naming a deputy, the delegations given and received, what deputies signed in one's name. */
@Controller
@AllowedRoles({Role.PRINCIPAL, Role.TEACHING_OFFICE})
class DelegationController {

  private final Delegations delegations;
  private final TaskQueries queries;

  DelegationController(Delegations delegations, TaskQueries queries) {
    this.delegations = delegations;
    this.queries = queries;
  }

  @GetMapping("/delegations")
  String page(JiaoliuUser user, Model model) {
    model.addAttribute("delegations", delegations.of(user.username()));
    model.addAttribute("deputies", delegations.possibleDeputies(user));
    model.addAttribute("signedForMe", queries.signedOnBehalfOf(user.username(), 100));
    model.addAttribute("today", delegations.today());
    return "tasks/delegations";
  }

  @PostMapping("/delegations")
  String create(JiaoliuUser user, @RequestParam(required = false) String deputy,
      @RequestParam(required = false) String startsOn, @RequestParam(required = false) String endsOn,
      @RequestParam(required = false) String reason, RedirectAttributes flash) {
    return Outcomes.redirect(flash, "/delegations",
        () -> delegations.create(user, deputy, date(startsOn), date(endsOn), reason), "delegation.created");
  }

  @PostMapping("/delegations/{id}/end")
  String end(JiaoliuUser user, @PathVariable long id, RedirectAttributes flash) {
    delegations.end(user, id);
    flash.addFlashAttribute("notice", "delegation.ended");
    return "redirect:/delegations";
  }

  static LocalDate date(String text) {
    try {
      return text == null || text.isBlank() ? null : LocalDate.parse(text.trim());
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
