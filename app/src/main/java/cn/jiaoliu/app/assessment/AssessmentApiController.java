package cn.jiaoliu.app.assessment;

import cn.jiaoliu.app.export.TableExport;
import cn.jiaoliu.app.security.AllowedRoles;
import cn.jiaoliu.app.security.JiaoliuUser;
import cn.jiaoliu.app.security.Role;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Assessment rounds, assessments, archived records and the rural-service record over REST. */
@RestController
class AssessmentApiController {

  private final AssessmentService assessments;
  private final AssessmentRounds rounds;
  private final ArchiveService archives;
  private final RuralService rural;
  private final RoundScheduleService schedules;
  private final TableExport export;

  AssessmentApiController(AssessmentService assessments, AssessmentRounds rounds, ArchiveService archives, RuralService rural,
      RoundScheduleService schedules, TableExport export) {
    this.schedules = schedules;
    this.export = export;
    this.assessments = assessments;
    this.rounds = rounds;
    this.archives = archives;
    this.rural = rural;
  }

  @AllowedRoles(Role.TEACHING_OFFICE)
  @PostMapping("/api/assessment-rounds")
  Map<String, Object> open(JiaoliuUser user, @Valid @RequestBody RoundRequest body) {
    return Map.of("added", rounds.openRound(user, body.schoolYear()));
  }

  /** {@code {"schoolYear": "2026-2027"}}. */
  record RoundRequest(@Size(max = 40, message = "{error.tooLong}") String schoolYear) {}

  @GetMapping("/api/assessments")
  List<AnnualAssessment> mine(JiaoliuUser user) {
    return assessments.mine(user);
  }

  @GetMapping("/api/assessments/{id}")
  Map<String, Object> get(JiaoliuUser user, @PathVariable long id) {
    AnnualAssessment a = assessments.get(user, id);
    Optional<ArchiveService.ArchiveView> archive = archives.latest(id);
    return archive.<Map<String, Object>>map(v -> Map.of("assessment", a, "archive", v)).orElseGet(() -> Map.of("assessment", a));
  }

  @AllowedRoles(Role.TEACHING_OFFICE)
  @PostMapping("/api/assessments/{id}/corrections")
  ArchiveService.ArchiveView correct(JiaoliuUser user, @PathVariable long id,
      @Valid @RequestBody CorrectionRequest body) {
    return assessments.correct(user, id, body.grade(), body.reason());
  }

  /** {@code {"grade": "QUALIFIED", "reason": "…"}}: the reason is kept with the new archive version. */
  record CorrectionRequest(@Size(max = 40, message = "{error.tooLong}") String grade,
      @Size(max = 1000, message = "{error.tooLong}") String reason) {}

  @GetMapping("/api/assessments/{id}/archives")
  List<ArchiveService.ArchiveView> versions(JiaoliuUser user, @PathVariable long id) {
    assessments.get(user, id);
    return archives.versions(id);
  }

  @GetMapping("/api/assessments/{id}/archive.pdf")
  ResponseEntity<byte[]> pdf(JiaoliuUser user, @PathVariable long id) {
    assessments.get(user, id);
    return archives.genuinePdf(id).response();
  }

  /** The district's rural-service list for title evaluation (职称评审): JSON, or XLSX / CSV with Chinese headers. */
  @AllowedRoles({Role.TEACHING_OFFICE, Role.ADMIN})
  @GetMapping("/api/rural-service/district")
  ResponseEntity<?> district(JiaoliuUser user, @RequestParam(defaultValue = "json") String format) {
    List<RuralService.Row> rows = rural.district(user);
    if ("json".equals(format)) {
      return ResponseEntity.ok(rows);
    }
    return export.download(rural.table(rows), "rural-service-" + user.districtCode(), format);
  }

  /** The district's rounds with their progress and default opening dates (teaching office). */
  @AllowedRoles(Role.TEACHING_OFFICE)
  @GetMapping("/api/assessment-rounds")
  Map<String, Object> rounds(JiaoliuUser user) {
    OfficeDistrict.of(user);
    return Map.of("rounds", rounds.rounds(user.districtCode()), "schedules", schedules.of(user.districtCode()));
  }

  /** Sets or moves the default opening date of a round: {@code {"opensAt": "2027-06-20T08:00"}}. */
  @AllowedRoles(Role.TEACHING_OFFICE)
  @PutMapping("/api/assessment-rounds/{schoolYear}/schedule")
  RoundScheduleService.Schedule schedule(JiaoliuUser user, @PathVariable String schoolYear,
      @Valid @RequestBody ScheduleRequest body) {
    return schedules.schedule(user, schoolYear, body.opensAt());
  }

  /** {@code {"opensAt": "2027-06-20T08:00"}} in the bureau's time zone. */
  record ScheduleRequest(@Size(max = 40, message = "{error.tooLong}") String opensAt) {}

  @AllowedRoles(Role.TEACHING_OFFICE)
  @DeleteMapping("/api/assessment-rounds/{schoolYear}/schedule")
  RoundScheduleService.Schedule cancelSchedule(JiaoliuUser user, @PathVariable String schoolYear) {
    return schedules.cancel(user, schoolYear);
  }

  /** The assessments of one round of the office's district: JSON, or XLSX / CSV. */
  @AllowedRoles(Role.TEACHING_OFFICE)
  @GetMapping("/api/assessment-rounds/{schoolYear}/assessments")
  ResponseEntity<?> roundAssessments(JiaoliuUser user, @PathVariable String schoolYear,
      @RequestParam(defaultValue = "json") String format) {
    List<AssessmentRounds.RoundRow> rows = rounds.ofRound(user, schoolYear);
    if ("json".equals(format)) {
      return ResponseEntity.ok(rows);
    }
    return export.download(rounds.table(schoolYear, rows), "assessments-" + user.districtCode() + "-" + schoolYear,
        format);
  }

  @GetMapping("/api/assessments/{id}/archives/{version}/pdf")
  ResponseEntity<byte[]> versionPdf(JiaoliuUser user, @PathVariable long id, @PathVariable int version) {
    assessments.get(user, id);
    return archives.genuinePdf(id, version).response();
  }

  @GetMapping("/api/rural-service")
  RuralService.Record ruralService(JiaoliuUser user) {
    return rural.of(user.username());
  }
}
