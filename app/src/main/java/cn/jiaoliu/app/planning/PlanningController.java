package cn.jiaoliu.app.planning;

import cn.jiaoliu.app.export.TableExport;
import cn.jiaoliu.app.programme.Batches;
import cn.jiaoliu.app.programme.SchoolDirectory;
import cn.jiaoliu.app.security.AllowedRoles;
import cn.jiaoliu.app.security.JiaoliuUser;
import cn.jiaoliu.app.security.Role;
import cn.jiaoliu.app.web.FieldErrors;
import cn.jiaoliu.app.web.FormPages;
import cn.jiaoliu.app.web.UserFacingException;
import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * 交流规划: the targets of a batch and each school's way to them, the due lists (应交流人员), the
 * exemptions and the district's rules. The office sees its district; a principal their own school.
 */
@Controller
@AllowedRoles({Role.TEACHING_OFFICE, Role.ADMIN, Role.PRINCIPAL})
class PlanningController {

  private final RotationPlans plans;
  private final RuleBook rules;
  private final Exemptions exemptions;
  private final PlanningTables tables;
  private final TableExport export;
  private final SchoolDirectory directory;
  private final PairingActivities activities;

  PlanningController(RotationPlans plans, RuleBook rules, Exemptions exemptions, PlanningTables tables,
      TableExport export, SchoolDirectory directory, PairingActivities activities) {
    this.activities = activities;
    this.plans = plans;
    this.rules = rules;
    this.exemptions = exemptions;
    this.tables = tables;
    this.export = export;
    this.directory = directory;
  }

  private PlanningScope scope(JiaoliuUser user) {
    return PlanningScope.of(user, plans.placeOf(user.schoolCode()));
  }

  /** The batch asked for, else the district's newest open batch, else its newest; none: empty. */
  private Optional<Batches.Batch> batchOf(PlanningScope scope, Long batch) {
    if (batch != null) {
      return plans.batch(scope, batch);
    }
    List<SchoolDirectory.BatchView> all = directory.batchesOf(scope.district());
    return all.stream().filter(b -> "OPEN".equals(b.status())).findFirst().or(() -> all.stream().findFirst())
        .flatMap(b -> plans.batch(scope, b.id()));
  }

  private void common(PlanningScope scope, Optional<Batches.Batch> batch, Model model) {
    model.addAttribute("scope", scope);
    model.addAttribute("districtName", directory.districtName(scope.district()));
    model.addAttribute("batch", batch.orElse(null));
    model.addAttribute("batchChoices", directory.batchesOf(scope.district()));
    model.addAttribute("day", plans.dayOf(batch));
  }

  @GetMapping("/planning")
  String dashboard(JiaoliuUser user, @RequestParam(required = false) Long batch, Model model) {
    PlanningScope scope = scope(user);
    Optional<Batches.Batch> b = batchOf(scope, batch);
    common(scope, b, model);
    model.addAttribute("dashboard", b.map(x -> plans.dashboard(scope, x)).orElse(null));
    model.addAttribute("rules", rules.of(scope.district()));
    return "planning/dashboard";
  }

  @GetMapping("/planning/export")
  ResponseEntity<byte[]> exportDashboard(JiaoliuUser user, @RequestParam(required = false) Long batch,
      @RequestParam(defaultValue = "xlsx") String format) {
    PlanningScope scope = scope(user);
    Batches.Batch b = batchOf(scope, batch).orElseThrow(UserFacingException::notFound);
    return export.download(tables.dashboard(plans.dashboard(scope, b)), "targets-" + b.id(), format);
  }

  @PostMapping("/planning/targets")
  String recompute(JiaoliuUser user, @RequestParam long batch, RedirectAttributes flash) {
    PlanningScope scope = scope(user).requireOffice();
    Batches.Batch b = plans.batch(scope, batch).orElseThrow(UserFacingException::notFound);
    plans.recompute(scope, b);
    flash.addFlashAttribute("notice", "planning.targetsGiven");
    return "redirect:" + UriComponentsBuilder.fromPath("/planning").queryParam("batch", b.id()).toUriString();
  }

  @GetMapping("/planning/due")
  String due(JiaoliuUser user, @RequestParam(required = false) Long batch,
      @RequestParam(required = false) String school, @RequestParam(defaultValue = "false") boolean all, Model model) {
    PlanningScope scope = scope(user);
    Optional<Batches.Batch> b = batchOf(scope, batch);
    String s = scope.school(school, plans.schoolDistricts(scope.district()));
    common(scope, b, model);
    List<RotationPlans.DueTeacher> rows = plans.standings(scope.district(), s, plans.dayOf(b), b);
    model.addAttribute("school", s);
    model.addAttribute("all", all);
    model.addAttribute("rows", all ? rows : rows.stream().filter(r -> r.standing().kind() != Standing.Kind.NOT_YET).toList());
    model.addAttribute("counts", rows.stream().collect(Collectors.groupingBy(r -> r.standing().kind(), Collectors.counting())));
    model.addAttribute("notApplied", rows.stream().filter(RotationPlans.DueTeacher::notApplied).count());
    model.addAttribute("schoolNames", plans.schoolNames(scope.district()));
    model.addAttribute("schoolChoices", scope.office() ? plans.schoolsOf(scope.district()) : List.of());
    return "planning/due";
  }

  @GetMapping("/planning/due/export")
  ResponseEntity<byte[]> exportDue(JiaoliuUser user, @RequestParam(required = false) Long batch,
      @RequestParam(required = false) String school, @RequestParam(defaultValue = "xlsx") String format) {
    PlanningScope scope = scope(user);
    Optional<Batches.Batch> b = batchOf(scope, batch);
    String s = scope.school(school, plans.schoolDistricts(scope.district()));
    LocalDate day = plans.dayOf(b);
    List<RotationPlans.DueTeacher> rows = plans.standings(scope.district(), s, day, b).stream()
        .filter(r -> r.standing().kind() != Standing.Kind.NOT_YET).toList();
    return export.download(tables.due(rows, plans.schoolNames(scope.district()), day), "due-" + (s == null ? scope.district() : s), format);
  }

  @GetMapping("/planning/activities")
  String activities(JiaoliuUser user, @RequestParam(required = false) String semester, Model model) {
    PlanningScope scope = scope(user);
    common(scope, Optional.empty(), model);
    Semester s = semester == null || semester.isBlank() ? activities.current() : Semester.parse(semester);
    model.addAttribute("overview", activities.overview(scope, s));
    return "planning/activities";
  }

  @GetMapping("/planning/activities/export")
  ResponseEntity<byte[]> exportActivities(JiaoliuUser user, @RequestParam(required = false) String semester,
      @RequestParam(defaultValue = "xlsx") String format) {
    PlanningScope scope = scope(user);
    Semester s = semester == null || semester.isBlank() ? activities.current() : Semester.parse(semester);
    return export.download(tables.activities(activities.overview(scope, s)), "activities-" + s.code(), format);
  }

  @GetMapping("/planning/exemptions")
  String exemptions(JiaoliuUser user, Model model) {
    PlanningScope scope = scope(user).requireOffice();
    common(scope, Optional.empty(), model);
    model.addAttribute("exemptions", exemptions.ofDistrict(scope.district()));
    model.addAttribute("reasons", ExemptionReason.values());
    model.addAttribute("today", plans.dayOf(Optional.empty()));
    if (!model.containsAttribute("form")) {
      model.addAttribute("form", new Exemptions.ExemptionForm("", "", "", null, null));
    }
    return "planning/exemptions";
  }

  @PostMapping("/planning/exemptions")
  String grant(JiaoliuUser user, @ModelAttribute Exemptions.ExemptionForm form, BindingResult binding,
      RedirectAttributes flash, Model model, HttpServletResponse response) {
    return FormPages.submit(() -> exemptions.grant(scope(user), form, FieldErrors.keys(binding)), "/planning/exemptions", flash, "planning.exemptionGranted",
        () -> exemptions(user, model), model, form, response);
  }

  @PostMapping("/planning/exemptions/{id}/revoke")
  String revoke(JiaoliuUser user, @PathVariable long id, RedirectAttributes flash) {
    exemptions.revoke(scope(user), id);
    flash.addFlashAttribute("notice", "planning.exemptionRevoked");
    return "redirect:/planning/exemptions";
  }

  @GetMapping("/planning/rules")
  String rules(JiaoliuUser user, Model model) {
    PlanningScope scope = scope(user).requireOffice();
    common(scope, Optional.empty(), model);
    if (!model.containsAttribute("form")) {
      model.addAttribute("form", RuleBook.RuleForm.of(rules.of(scope.district())));
    }
    model.addAttribute("roundings", Rounding.values());
    return "planning/rules";
  }

  @PostMapping("/planning/rules")
  String saveRules(JiaoliuUser user, @ModelAttribute RuleBook.RuleForm form, BindingResult binding,
      RedirectAttributes flash, Model model, HttpServletResponse response) {
    return FormPages.submit(() -> rules.save(scope(user), form, FieldErrors.keys(binding)), "/planning/rules", flash, "admin.saved",
        () -> rules(user, model), model, form, response);
  }
}
