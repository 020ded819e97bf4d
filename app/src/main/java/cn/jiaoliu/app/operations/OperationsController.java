package cn.jiaoliu.app.operations;

import cn.jiaoliu.app.export.TableExport;
import cn.jiaoliu.app.security.AllowedRoles;
import cn.jiaoliu.app.security.JiaoliuUser;
import cn.jiaoliu.app.security.Role;
import cn.jiaoliu.app.web.UserFacingException;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The operations page (administrators): failing automated steps with a retry button, running cases, downloads. */
@Controller
@AllowedRoles(Role.ADMIN)
class OperationsController {

  private final OperationsService operations;
  private final TableExport export;

  OperationsController(OperationsService operations, TableExport export) {
    this.operations = operations;
    this.export = export;
  }

  @GetMapping("/operations")
  String show(JiaoliuUser user, @RequestParam(required = false) String kind,
      @RequestParam(required = false) String district, Model model, Locale locale) {
    model.addAttribute("cases", operations.cases(user, kind, district, locale));
    model.addAttribute("failures", operations.failures(user));
    model.addAttribute("districts", operations.districts());
    model.addAttribute("kind", kind == null ? "" : kind);
    model.addAttribute("district", district == null ? "" : district);
    return "operations/index";
  }

  @GetMapping("/operations/export")
  ResponseEntity<byte[]> exportCases(JiaoliuUser user, @RequestParam(required = false) String kind,
      @RequestParam(required = false) String district, @RequestParam String format) {
    return export.download(operations.table(operations.cases(user, kind, district, Locale.SIMPLIFIED_CHINESE)),
        "running-cases", format);
  }

  @PostMapping("/operations/failures/{jobKey}/retry")
  String retry(JiaoliuUser user, @PathVariable long jobKey, RedirectAttributes redirect) {
    try {
      JobFailure failure = operations.retry(user, jobKey);
      redirect.addFlashAttribute("notice",
          JobFailure.RESOLVED.equals(failure.status()) ? "operations.alreadyResolved" : "operations.retried");
    } catch (UserFacingException e) {
      if (e.status() != HttpStatus.CONFLICT) {
        throw e;
      }
      redirect.addFlashAttribute("retryError", e.messageKey());
    }
    return "redirect:/operations#failures";
  }
}
