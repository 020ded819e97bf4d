package cn.jiaoliu.app.assessment;

import cn.jiaoliu.app.export.TableExport;
import cn.jiaoliu.app.security.AllowedRoles;
import cn.jiaoliu.app.security.JiaoliuUser;
import cn.jiaoliu.app.security.Role;
import cn.jiaoliu.app.tasklist.CaseProgress;
import cn.jiaoliu.app.web.UserFacingException;
import cn.jiaoliu.processes.ProcessIds;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The assessment pages: one assessment with its archive versions (and the office's correction form);
 * the office's rounds page (open a round, set its default opening date, follow its assessments, the
 * rural-service list) with XLSX / CSV downloads.
 */
@Controller
class AssessmentController {

  private final CaseProgress progress;
  private final Clock clock;
  private final ZoneId zone;

  private final AssessmentService assessments;
  private final AssessmentRounds rounds;
  private final ArchiveService archives;
  private final RoundScheduleService schedules;
  private final RuralService rural;
  private final TableExport export;

  AssessmentController(AssessmentService assessments, AssessmentRounds rounds, ArchiveService archives, RoundScheduleService schedules,
      RuralService rural, TableExport export, CaseProgress progress, Clock clock, ZoneId zone) {
    this.clock = clock;
    this.zone = zone;
    this.progress = progress;
    this.assessments = assessments;
    this.rounds = rounds;
    this.archives = archives;
    this.schedules = schedules;
    this.rural = rural;
    this.export = export;
  }

  @GetMapping("/assessments/{id}")
  String show(JiaoliuUser user, @PathVariable long id, Model model) {
    AnnualAssessment a = assessments.get(user, id);
    model.addAttribute("panel", a);
    model.addAttribute("progress", progress.of(user, ProcessIds.ANNUAL_ASSESSMENT, a.processInstanceKey()));
    List<ArchiveService.ArchiveView> versions = archives.versions(id);
    model.addAttribute("versions", versions.reversed());
    model.addAttribute("archive", versions.isEmpty() ? null : versions.getLast());
    model.addAttribute("mayCorrect", AnnualAssessment.ARCHIVED.equals(a.status()) && user.has(Role.TEACHING_OFFICE)
        && a.districtCode().equals(user.districtCode()));
    return "assessments/show";
  }

  /** The archived record for a browser session (the API serves the same file to bearer tokens). */
  @GetMapping("/assessments/{id}/archive.pdf")
  ResponseEntity<byte[]> pdf(JiaoliuUser user, @PathVariable long id) {
    assessments.get(user, id);
    return archives.genuinePdf(id).response();
  }

  /** An earlier (or the latest) version of the archived record. */
  @GetMapping("/assessments/{id}/archives/{version}/pdf")
  ResponseEntity<byte[]> versionPdf(JiaoliuUser user, @PathVariable long id, @PathVariable int version) {
    assessments.get(user, id);
    return archives.genuinePdf(id, version).response();
  }

  @AllowedRoles(Role.TEACHING_OFFICE)
  @PostMapping("/assessments/{id}/corrections")
  String correct(JiaoliuUser user, @PathVariable long id, @RequestParam(required = false) String grade,
      @RequestParam(required = false) String reason, RedirectAttributes redirect) {
    try {
      assessments.correct(user, id, grade, reason);
      redirect.addFlashAttribute("notice", "assessment.corrected");
    } catch (UserFacingException e) {
      if (e.fieldErrors().isEmpty()) {
        throw e;
      }
      redirect.addFlashAttribute("fieldErrors", e.fieldErrors());
      redirect.addFlashAttribute("correctionGrade", grade);
      redirect.addFlashAttribute("correctionReason", reason);
    }
    return "redirect:/assessments/" + id + "#corrections";
  }

  /**
   * The school years a round can be opened or scheduled for, picked rather than typed: the two
   * before the current one (a late round), the current one and three ahead (a schedule set early).
   */
  static List<String> yearChoices(LocalDate today) {
    int current = today.getMonthValue() >= 9 ? today.getYear() : today.getYear() - 1;
    List<String> years = new ArrayList<>();
    for (int first = current + 3; first >= current - 2; first--) {
      years.add(first + "-" + (first + 1));
    }
    return years;
  }

  @AllowedRoles(Role.TEACHING_OFFICE)
  @GetMapping("/assessment-rounds")
  String rounds(JiaoliuUser user, @RequestParam(required = false) String year, Model model) {
    String district = OfficeDistrict.of(user);
    List<AssessmentRounds.Round> opened = rounds.rounds(district);
    String selected = year != null ? year : opened.isEmpty() ? null : opened.getFirst().schoolYear();
    model.addAttribute("rounds", opened);
    model.addAttribute("schedules", schedules.of(district));
    model.addAttribute("selectedYear", selected);
    model.addAttribute("roundAssessments", selected == null ? List.of() : rounds.ofRound(user, selected));
    model.addAttribute("ruralRows", rural.district(user));
    model.addAttribute("yearChoices", yearChoices(LocalDate.now(clock.withZone(zone))));
    return "assessments/rounds";
  }

  @AllowedRoles(Role.TEACHING_OFFICE)
  @PostMapping("/assessment-rounds")
  String open(JiaoliuUser user, @RequestParam(required = false) String schoolYear, RedirectAttributes redirect) {
    try {
      redirect.addFlashAttribute("roundAdded", rounds.openRound(user, schoolYear));
      return "redirect:/assessment-rounds?year=" + AssessmentRounds.schoolYear(schoolYear);
    } catch (UserFacingException e) {
      return formError(e, redirect, schoolYear, null);
    }
  }

  @AllowedRoles(Role.TEACHING_OFFICE)
  @PostMapping("/assessment-rounds/schedule")
  String schedule(JiaoliuUser user, @RequestParam(required = false) String schoolYear,
      @RequestParam(required = false) String opensAt, RedirectAttributes redirect) {
    try {
      schedules.schedule(user, schoolYear, opensAt);
      redirect.addFlashAttribute("notice", "assessment.scheduled");
      return "redirect:/assessment-rounds";
    } catch (UserFacingException e) {
      return formError(e, redirect, schoolYear, opensAt);
    }
  }

  @AllowedRoles(Role.TEACHING_OFFICE)
  @PostMapping("/assessment-rounds/schedule/cancel")
  String cancelSchedule(JiaoliuUser user, @RequestParam(required = false) String schoolYear, RedirectAttributes redirect) {
    schedules.cancel(user, schoolYear);
    redirect.addFlashAttribute("notice", "assessment.scheduleCancelled");
    return "redirect:/assessment-rounds";
  }

  @AllowedRoles(Role.TEACHING_OFFICE)
  @GetMapping("/assessment-rounds/{schoolYear}/export")
  ResponseEntity<byte[]> exportRound(JiaoliuUser user, @PathVariable String schoolYear, @RequestParam String format) {
    return export.download(rounds.table(schoolYear, rounds.ofRound(user, schoolYear)),
        "assessments-" + user.districtCode() + "-" + schoolYear, format);
  }

  @AllowedRoles({Role.TEACHING_OFFICE, Role.ADMIN})
  @GetMapping("/rural-service/district/export")
  ResponseEntity<byte[]> exportRural(JiaoliuUser user, @RequestParam String format) {
    return export.download(rural.table(rural.district(user)), "rural-service-" + user.districtCode(), format);
  }

  private static String formError(UserFacingException e, RedirectAttributes redirect, String schoolYear, String opensAt) {
    if (e.fieldErrors().isEmpty()) {
      throw e;
    }
    redirect.addFlashAttribute("fieldErrors", e.fieldErrors());
    redirect.addFlashAttribute("formYear", schoolYear);
    redirect.addFlashAttribute("formOpensAt", opensAt);
    return "redirect:/assessment-rounds";
  }
}
