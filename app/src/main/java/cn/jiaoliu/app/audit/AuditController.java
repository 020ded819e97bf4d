package cn.jiaoliu.app.audit;

import cn.jiaoliu.app.security.AllowedRoles;
import cn.jiaoliu.app.security.JiaoliuUser;
import cn.jiaoliu.app.security.Role;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The auditor's page: the newest audit events, and the verification of the whole chain on demand. */
@Controller
@AllowedRoles(Role.AUDITOR)
class AuditController {

  private final AuditReading reading;

  AuditController(AuditReading reading) {
    this.reading = reading;
  }

  @GetMapping("/audit")
  String trail(JiaoliuUser user, @RequestParam(required = false) Long before, Model model) {
    List<AuditReading.TrailEntry> entries = reading.newest(user, before);
    model.addAttribute("entries", entries);
    model.addAttribute("older", entries.size() == AuditReading.PAGE ? entries.getLast().id() : null);
    return "audit/trail";
  }

  @PostMapping("/audit/verification")
  String verify(JiaoliuUser user, RedirectAttributes redirect) {
    redirect.addFlashAttribute("verification", reading.verify(user));
    return "redirect:/audit";
  }
}
