package cn.jiaoliu.app.application;

import cn.jiaoliu.app.programme.SchoolDirectory;
import cn.jiaoliu.app.security.AllowedRoles;
import cn.jiaoliu.app.security.JiaoliuUser;
import cn.jiaoliu.app.security.Role;
import cn.jiaoliu.app.web.UserFacingException;
import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The teacher's application form, "my applications", and each application's page with its timeline. */
@Controller
class ApplicationController {

  private final EligibilityHints hints;

  private final ApplicationService applications;
  private final ApplicationDetails details;
  private final SchoolDirectory directory;

  ApplicationController(ApplicationService applications, ApplicationDetails details, SchoolDirectory directory, EligibilityHints hints) {
    this.hints = hints;
    this.applications = applications;
    this.details = details;
    this.directory = directory;
  }

  @GetMapping("/applications")
  String list(JiaoliuUser user, Model model) {
    model.addAttribute("applications", applications.mine(user));
    return "applications/list";
  }

  @AllowedRoles(Role.TEACHER)
  @GetMapping("/applications/new")
  String initCreationForm(JiaoliuUser user, Model model) {
    formModel(user, model, Map.of("requestToken", UUID.randomUUID().toString(), "post", "TEACHER"), Map.of());
    return "applications/new";
  }

  @AllowedRoles(Role.TEACHER)
  @PostMapping("/applications/new")
  String processCreationForm(JiaoliuUser user, @RequestParam Map<String, String> params, Model model,
      RedirectAttributes redirect, HttpServletResponse response) {
    try {
      RotationApplication saved = applications.submit(user, params);
      redirect.addFlashAttribute("notice", "application.submitted");
      return "redirect:/applications/" + saved.id();
    } catch (UserFacingException e) {
      if (e.fieldErrors().isEmpty()) {
        throw e;
      }
      response.setStatus(HttpStatus.BAD_REQUEST.value());
      formModel(user, model, params, e.fieldErrors());
      return "applications/new";
    }
  }

  /** The eligibility hints for what the form holds now (htmx asks whenever batch, direction or period change). */
  @AllowedRoles(Role.TEACHER)
  @GetMapping("/applications/eligibility")
  String eligibility(JiaoliuUser user, @RequestParam Map<String, String> params, Model model) {
    model.addAttribute("hints", hintsFor(user, params));
    return "applications/new :: hints";
  }

  private List<EligibilityHints.Hint> hintsFor(JiaoliuUser user, Map<String, String> fields) {
    Long batch = number(fields.get("batchId"));
    if (batch == null && user.districtCode() != null) {
      batch = directory.openBatches(user.districtCode()).stream().map(SchoolDirectory.BatchView::id).findFirst()
          .orElse(null);
    }
    String direction = fields.get("direction");
    Long years = number(fields.get("yearsOfService"));
    return hints.of(user, batch, direction == null || direction.isBlank() ? null : direction.strip(),
        date(fields.get("periodStart")), date(fields.get("periodEnd")), years == null ? null : years.intValue());
  }

  private static Long number(String text) {
    try {
      return text == null || text.isBlank() ? null : Long.valueOf(text.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static LocalDate date(String text) {
    try {
      return text == null || text.isBlank() ? null : LocalDate.parse(text.strip());
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  @GetMapping("/applications/{id}")
  String show(JiaoliuUser user, @PathVariable long id, Model model) {
    model.addAttribute("d", details.of(user, id));
    return "applications/show";
  }

  @PostMapping("/applications/{id}/withdraw")
  String withdraw(JiaoliuUser user, @PathVariable long id, RedirectAttributes redirect) {
    applications.withdraw(user, id);
    redirect.addFlashAttribute("notice", "application.withdrawn");
    return "redirect:/applications/" + id;
  }

  private void formModel(JiaoliuUser user, Model model, Map<String, String> fields, Map<String, String> errors) {
    model.addAttribute("fields", fields);
    model.addAttribute("fieldErrors", errors);
    model.addAttribute("batches", user.districtCode() == null ? List.of() : directory.openBatches(user.districtCode()));
    model.addAttribute("pairings", user.schoolCode() == null ? List.of() : directory.pairingsOf(user.schoolCode()));
    model.addAttribute("mySchool", user.schoolCode());
    model.addAttribute("hints", hintsFor(user, fields));
  }
}
