package cn.jiaoliu.app.assessment;

import cn.jiaoliu.app.security.JiaoliuUser;
import cn.jiaoliu.app.web.UserFacingException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Assessment rounds, assessments, archived records and the rural-service record over REST. */
@RestController
class AssessmentApiController {

  private final AssessmentService assessments;
  private final ArchiveService archives;
  private final RuralService rural;

  AssessmentApiController(AssessmentService assessments, ArchiveService archives, RuralService rural) {
    this.assessments = assessments;
    this.archives = archives;
    this.rural = rural;
  }

  @PostMapping("/api/assessment-rounds")
  Map<String, Object> open(JiaoliuUser user, @RequestBody Map<String, String> body) {
    return Map.of("added", assessments.openRound(user, body.get("schoolYear")));
  }

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

  @PostMapping("/api/assessments/{id}/corrections")
  ArchiveService.ArchiveView correct(JiaoliuUser user, @PathVariable long id, @RequestBody Map<String, String> body) {
    return assessments.correct(user, id, body.get("grade"), body.get("reason"));
  }

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

  /** The district's rural-service list for title evaluation; CSV with Chinese headers when asked for. */
  @GetMapping("/api/rural-service/district")
  ResponseEntity<?> district(JiaoliuUser user, @org.springframework.web.bind.annotation.RequestParam(defaultValue = "json") String format) {
    if (!(user.has(cn.jiaoliu.app.security.Role.TEACHING_OFFICE) || user.has(cn.jiaoliu.app.security.Role.ADMIN))
        || user.districtCode() == null) {
      throw new UserFacingException(org.springframework.http.HttpStatus.FORBIDDEN, "error.forbidden");
    }
    List<RuralService.Row> rows = rural.district(user.districtCode());
    if (!"csv".equals(format)) {
      return ResponseEntity.ok(rows);
    }
    StringBuilder csv = new StringBuilder("\uFEFF用户名,姓名,派出学校代码,认定年数,最近学年,满足高级职称农村经历,职称评审优先,荣誉证书\r\n");
    for (RuralService.Row r : rows) {
      csv.append(String.join(",", cell(r.teacherUsername()), cell(r.teacherName()), cell(r.schoolCode()),
          String.valueOf(r.years()), cell(r.lastYear()), yes(r.seniorTitleEligible()), yes(r.titlePriority()),
          yes(r.honourCertificate()))).append("\r\n");
    }
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType("text/csv; charset=UTF-8"))
        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=rural-service-" + user.districtCode() + ".csv")
        .body(csv.toString());
  }

  private static String yes(boolean value) {
    return value ? "是" : "否";
  }

  /** Quotes a CSV cell and defuses spreadsheet formulas. */
  static String cell(String value) {
    String v = value == null ? "" : value;
    if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0) {
      v = "'" + v;
    }
    return "\"" + v.replace("\"", "\"\"") + "\"";
  }

  @GetMapping("/api/rural-service")
  RuralService.Record ruralService(JiaoliuUser user) {
    return rural.of(user.username());
  }
}
