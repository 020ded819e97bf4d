package cn.jiaoliu.app.admin;

import cn.jiaoliu.app.export.TableExport;
import cn.jiaoliu.app.security.JiaoliuUser;
import cn.jiaoliu.app.web.UserFacingException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The administration pages (administrators; teaching offices for their own district): schools,
 * pairings, education groups, batches with quotas, the teacher roster, and imports. A form with bad
 * fields is shown again with what was entered and a message per field (status 400).
 */
@Controller
class AdminController {

  private final SchoolAdmin schools;
  private final PairingAdmin pairings;
  private final GroupAdmin groups;
  private final BatchAdmin batches;
  private final TeacherRoster teachers;
  private final ImportService imports;
  private final AdminTables tables;
  private final TableExport export;

  AdminController(SchoolAdmin schools, PairingAdmin pairings, GroupAdmin groups, BatchAdmin batches,
      TeacherRoster teachers, ImportService imports, AdminTables tables, TableExport export) {
    this.schools = schools;
    this.pairings = pairings;
    this.groups = groups;
    this.batches = batches;
    this.teachers = teachers;
    this.imports = imports;
    this.tables = tables;
    this.export = export;
  }

  /**
   * A list page filtered by district, the district encoded as a query value: built from what the
   * user sent, it once broke the redirect (a 500 after the write had committed) when it held a
   * character a URL cannot.
   */
  static String districtPage(String path, String district) {
    return org.springframework.web.util.UriComponentsBuilder.fromPath(path).queryParam("district", nz(district))
        .encode().build().toUriString();
  }

  /** Runs a form action; on field errors shows the page again with them instead of redirecting. */
  private static String submit(Runnable action, String redirect, RedirectAttributes flash, String notice,
      Supplier<String> page, Model model, Object form, HttpServletResponse response) {
    try {
      action.run();
      flash.addFlashAttribute("notice", notice);
      return "redirect:" + redirect;
    } catch (UserFacingException e) {
      if (e.fieldErrors().isEmpty()) {
        throw e;
      }
      response.setStatus(400);
      model.addAttribute("fieldErrors", e.fieldErrors());
      if (form != null) {
        model.addAttribute("form", form);
      }
      return page.get();
    }
  }

  @ModelAttribute("districtChoices")
  List<SchoolAdmin.District> districtChoices(JiaoliuUser user) {
    return user == null ? List.of() : safe(() -> schools.districts(user));
  }

  private static <T> List<T> safe(Supplier<List<T>> supplier) {
    try {
      return supplier.get();
    } catch (UserFacingException e) {
      return List.of(); // the handler itself answers 403; the model attribute must not fail first
    }
  }

  @GetMapping("/admin")
  String index(JiaoliuUser user, @RequestParam(required = false) String district, Model model) {
    AdminScope scope = AdminScope.of(user);
    String d = scope.districtOr(district);
    model.addAttribute("district", d);
    model.addAttribute("everyDistrict", scope.everyDistrict());
    model.addAttribute("schoolCount", schools.schools(user, d, null).size());
    model.addAttribute("pairingCount", pairings.pairings(user, d).size());
    model.addAttribute("groupCount", groups.groups(user, d).size());
    model.addAttribute("batchCount", batches.batches(user, d).size());
    model.addAttribute("teacherCount", teachers.teachers(user, d, null).size());
    return "admin/index";
  }

  // ------------------------------------------------------------------ schools

  @GetMapping("/admin/schools")
  String schools(JiaoliuUser user, @RequestParam(required = false) String district,
      @RequestParam(required = false) String areaType, Model model) {
    String d = AdminScope.of(user).districtOr(district);
    model.addAttribute("district", d);
    model.addAttribute("areaType", areaType);
    model.addAttribute("schools", schools.schools(user, d, areaType));
    model.addAttribute("everyDistrict", AdminScope.of(user).everyDistrict());
    return "admin/schools";
  }

  @PostMapping("/admin/schools")
  String addSchool(JiaoliuUser user, @ModelAttribute SchoolAdmin.SchoolForm form, RedirectAttributes flash, Model model,
      HttpServletResponse response) {
    return submit(() -> schools.save(user, null, form), districtPage("/admin/schools", form.districtCode()), flash,
        "admin.saved", () -> schools(user, form.districtCode(), null, model), model, form, response);
  }

  @GetMapping("/admin/schools/{code}")
  String school(JiaoliuUser user, @PathVariable String code, Model model) {
    SchoolAdmin.SchoolView school = schools.school(user, code).orElseThrow(UserFacingException::notFound);
    model.addAttribute("school", school);
    if (!model.containsAttribute("form")) {
      model.addAttribute("form", new SchoolAdmin.SchoolForm(school.code(), school.name(), school.districtCode(),
          school.areaType(), String.valueOf(school.remotenessTier()), school.pupils() == null ? "" : "" + school.pupils()));
    }
    return "admin/school";
  }

  @PostMapping("/admin/schools/{code}")
  String changeSchool(JiaoliuUser user, @PathVariable String code, @ModelAttribute SchoolAdmin.SchoolForm form,
      RedirectAttributes flash, Model model, HttpServletResponse response) {
    return submit(() -> schools.save(user, code, form), "/admin/schools/" + code, flash, "admin.saved",
        () -> school(user, code, model), model, form, response);
  }

  @PostMapping("/admin/districts")
  String addDistrict(JiaoliuUser user, @ModelAttribute SchoolAdmin.DistrictForm form, RedirectAttributes flash,
      Model model, HttpServletResponse response) {
    return submit(() -> schools.addDistrict(user, form), districtPage("/admin/schools", form.code()), flash,
        "admin.saved", () -> {
          model.addAttribute("districtForm", form);
          return schools(user, null, null, model);
        }, model, null, response);
  }

  // ------------------------------------------------------------------ pairings

  @GetMapping("/admin/pairings")
  String pairings(JiaoliuUser user, @RequestParam(required = false) String district, Model model) {
    String d = AdminScope.of(user).districtOr(district);
    model.addAttribute("district", d);
    model.addAttribute("pairings", pairings.pairings(user, d));
    model.addAttribute("schools", schools.schools(user, d, null));
    model.addAttribute("helpKinds", PairingAdmin.HELP_KINDS);
    return "admin/pairings";
  }

  @PostMapping("/admin/pairings")
  String addPairing(JiaoliuUser user, @RequestParam(required = false) String district,
      @ModelAttribute PairingAdmin.PairingForm form, RedirectAttributes flash, Model model, HttpServletResponse response) {
    return submit(() -> pairings.create(user, form), districtPage("/admin/pairings", district), flash, "admin.saved",
        () -> pairings(user, district, model), model, form, response);
  }

  @PostMapping("/admin/pairings/{id}/end")
  String endPairing(JiaoliuUser user, @PathVariable long id, @RequestParam(required = false) String endsOn,
      @RequestParam(required = false) String district, RedirectAttributes flash, Model model,
      HttpServletResponse response) {
    return submit(() -> pairings.end(user, id, endsOn), districtPage("/admin/pairings", district), flash,
        "admin.pairingEnded", () -> pairings(user, district, model), model, null, response);
  }

  // ------------------------------------------------------------------ groups

  @GetMapping("/admin/groups")
  String groups(JiaoliuUser user, @RequestParam(required = false) String district, Model model) {
    String d = AdminScope.of(user).districtOr(district);
    model.addAttribute("district", d);
    model.addAttribute("groups", groups.groups(user, d));
    model.addAttribute("schools", schools.schools(user, d, null));
    return "admin/groups";
  }

  @PostMapping("/admin/groups")
  String addGroup(JiaoliuUser user, @RequestParam(required = false) String district,
      @ModelAttribute GroupAdmin.GroupForm form, RedirectAttributes flash, Model model, HttpServletResponse response) {
    return submit(() -> groups.save(user, null, form), districtPage("/admin/groups", district), flash, "admin.saved",
        () -> groups(user, district, model), model, form, response);
  }

  // ------------------------------------------------------------------ batches

  @GetMapping("/admin/batches")
  String batches(JiaoliuUser user, @RequestParam(required = false) String district, Model model) {
    String d = AdminScope.of(user).districtOr(district);
    model.addAttribute("district", d);
    model.addAttribute("batches", batches.batches(user, d));
    if (!model.containsAttribute("form")) {
      model.addAttribute("form", new BatchAdmin.BatchForm(d, "", "", "", "", "", "DRAFT", "3", "5", "7", "5", "7", "1"));
    }
    return "admin/batches";
  }

  @PostMapping("/admin/batches")
  String addBatch(JiaoliuUser user, @ModelAttribute BatchAdmin.BatchForm form, RedirectAttributes flash, Model model,
      HttpServletResponse response) {
    return submit(() -> batches.save(user, null, form), districtPage("/admin/batches", form.districtCode()), flash,
        "admin.saved", () -> batches(user, form.districtCode(), model), model, form, response);
  }

  @GetMapping("/admin/batches/{id}")
  String batch(JiaoliuUser user, @PathVariable long id, Model model) {
    BatchAdmin.BatchView b = batches.batch(user, id);
    model.addAttribute("batch", b);
    model.addAttribute("quotas", batches.quotas(user, id));
    model.addAttribute("schools", schools.schools(user, b.districtCode(), null));
    if (!model.containsAttribute("form")) {
      model.addAttribute("form", new BatchAdmin.BatchForm(b.districtCode(), b.name(), "" + b.opensOn(), "" + b.closesOn(),
          "" + b.periodStarts(), "" + b.periodEnds(), b.status(), "" + b.minYearsOfService(), "" + b.signOpinionDays(),
          "" + b.reviseDays(), "" + b.acceptDays(), "" + b.approveDays(), "" + b.reminderLeadDays()));
    }
    return "admin/batch";
  }

  @PostMapping("/admin/batches/{id}")
  String changeBatch(JiaoliuUser user, @PathVariable long id, @ModelAttribute BatchAdmin.BatchForm form,
      RedirectAttributes flash, Model model, HttpServletResponse response) {
    return submit(() -> batches.save(user, id, form), "/admin/batches/" + id, flash, "admin.saved",
        () -> batch(user, id, model), model, form, response);
  }

  @PostMapping("/admin/batches/{id}/quotas")
  String setQuota(JiaoliuUser user, @PathVariable long id, @ModelAttribute BatchAdmin.QuotaForm quota,
      RedirectAttributes flash, Model model, HttpServletResponse response) {
    return submit(() -> batches.setQuota(user, id, quota), "/admin/batches/" + id + "#quotas", flash, "admin.saved",
        () -> {
          model.addAttribute("quotaForm", quota);
          return batch(user, id, model);
        }, model, null, response);
  }

  // ------------------------------------------------------------------ teachers and imports

  @GetMapping("/admin/teachers")
  String teachers(JiaoliuUser user, @RequestParam(required = false) String district,
      @RequestParam(required = false) String school, Model model) {
    String d = AdminScope.of(user).districtOr(district);
    model.addAttribute("district", d);
    model.addAttribute("school", school);
    model.addAttribute("teachers", teachers.teachers(user, d, school));
    model.addAttribute("schools", schools.schools(user, d, null));
    return "admin/teachers";
  }

  @GetMapping("/admin/import")
  String importForm(JiaoliuUser user, Model model) {
    AdminScope.of(user);
    return "admin/import";
  }

  @PostMapping("/admin/import")
  String importFile(JiaoliuUser user, @RequestParam(required = false) String kind,
      @RequestParam(required = false) MultipartFile file, Model model, HttpServletResponse response) throws IOException {
    model.addAttribute("kind", kind);
    try {
      ImportService.ImportResult result = imports.importFile(user, kind == null ? "" : kind,
          file == null ? "" : file.getOriginalFilename(), file == null ? new byte[0] : file.getBytes());
      model.addAttribute("result", result);
      if (!result.imported()) {
        response.setStatus(400);
      }
    } catch (UserFacingException e) {
      if (e.fieldErrors().isEmpty()) {
        throw e;
      }
      response.setStatus(400);
      model.addAttribute("fieldErrors", e.fieldErrors());
    }
    return "admin/import";
  }

  @GetMapping("/admin/import/template/{kind}")
  ResponseEntity<byte[]> template(JiaoliuUser user, @PathVariable String kind,
      @RequestParam(defaultValue = "xlsx") String format) {
    AdminScope.of(user);
    return export.download(tables.template(kind, imports.columns(kind)), "import-" + kind, format);
  }

  // ------------------------------------------------------------------ downloads

  @GetMapping("/admin/export/{list}")
  ResponseEntity<byte[]> exportList(JiaoliuUser user, @PathVariable String list,
      @RequestParam(required = false) String district, @RequestParam(defaultValue = "xlsx") String format) {
    String d = AdminScope.of(user).districtOr(district);
    return switch (list) {
      case "schools" -> export.download(tables.schools(schools.schools(user, d, null)), "schools-" + d, format);
      case "pairings" -> export.download(tables.pairings(pairings.pairings(user, d)), "pairings-" + d, format);
      case "groups" -> export.download(tables.groups(groups.groups(user, d)), "education-groups-" + d, format);
      case "batches" -> export.download(tables.batches(batches.batches(user, d)), "batches-" + d, format);
      case "teachers" -> export.download(tables.teachers(teachers.teachers(user, d, null)), "teachers-" + d, format);
      default -> throw UserFacingException.notFound();
    };
  }

  @GetMapping("/admin/batches/{id}/quotas/export")
  ResponseEntity<byte[]> exportQuotas(JiaoliuUser user, @PathVariable long id,
      @RequestParam(defaultValue = "xlsx") String format) {
    return export.download(tables.quotas(batches.batch(user, id), batches.quotas(user, id)), "quotas-" + id, format);
  }

  private static String nz(String value) {
    return value == null ? "" : value;
  }
}
