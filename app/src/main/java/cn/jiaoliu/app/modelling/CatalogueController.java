package cn.jiaoliu.app.modelling;

import cn.jiaoliu.app.forms.CamundaForms;
import cn.jiaoliu.app.forms.FormSubmission;
import cn.jiaoliu.app.security.JiaoliuUser;
import cn.jiaoliu.app.web.UserFacingException;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * 发起申请: the processes a user's role may start, each with its start form; the cases one started;
 * the page of a case of any modelled process.
 */
@Controller
class CatalogueController {

  private final Models models;
  private final ProcessCases cases;
  private final CamundaForms forms;
  private final ProcessCasePage casePage;

  CatalogueController(Models models, ProcessCases cases, CamundaForms forms, ProcessCasePage casePage) {
    this.models = models;
    this.cases = cases;
    this.forms = forms;
    this.casePage = casePage;
  }

  @GetMapping("/processes")
  String catalogue(JiaoliuUser user, Model model) {
    model.addAttribute("processes", models.startableBy(user));
    model.addAttribute("mine", cases.startedBy(user.username()));
    return "modelling/catalogue";
  }

  @GetMapping("/processes/{bpmnProcessId}/start")
  String startForm(JiaoliuUser user, @PathVariable String bpmnProcessId, Model model) {
    Models.ProcessVersion version = cases.startable(user, bpmnProcessId);
    model.addAttribute("process", version);
    Map<String, String> errors = attribute(model, "fieldErrors");
    Map<String, Object[]> args = attribute(model, "fieldErrorArgs");
    model.addAttribute("startForm", cases.startForm(version).filter(CamundaForms.Read::usable)
        .map(r -> forms.view(r.schema(), cases.startContext(user), (FormSubmission) model.getAttribute("submission"),
            errors == null ? Map.of() : errors, args == null ? Map.of() : args, LocaleContextHolder.getLocale()))
        .orElse(null));
    return "modelling/start";
  }

  @PostMapping("/processes/{bpmnProcessId}/start")
  String start(JiaoliuUser user, @PathVariable String bpmnProcessId,
      @RequestParam MultiValueMap<String, String> params, Model model, RedirectAttributes redirect,
      HttpServletResponse response) {
    Map<String, List<String>> values = new LinkedHashMap<>(params);
    values.remove("_csrf");
    FormSubmission submission = new FormSubmission(values);
    try {
      ProcessCase started = cases.start(user, bpmnProcessId, submission);
      redirect.addFlashAttribute("notice",
          ProcessCase.STARTING.equals(started.status()) ? "catalogue.queued" : "catalogue.started");
      return "redirect:/processes/cases/" + started.id();
    } catch (UserFacingException e) {
      if (e.fieldErrors().isEmpty()) {
        throw e;
      }
      response.setStatus(HttpStatus.BAD_REQUEST.value());
      model.addAttribute("submission", submission);
      model.addAttribute("fieldErrors", e.fieldErrors());
      model.addAttribute("fieldErrorArgs", e.fieldErrorArgs());
      return startForm(user, bpmnProcessId, model);
    }
  }

  @GetMapping("/processes/cases/{id}")
  String casePage(JiaoliuUser user, @PathVariable long id, Model model) {
    model.addAttribute("v", casePage.of(user, id));
    return "modelling/case";
  }

  @SuppressWarnings("unchecked")
  private static <T> T attribute(Model model, String name) {
    return (T) model.getAttribute(name);
  }
}
