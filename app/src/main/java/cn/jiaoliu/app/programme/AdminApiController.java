package cn.jiaoliu.app.programme;

import cn.jiaoliu.app.export.Table;
import cn.jiaoliu.app.export.TableExport;
import cn.jiaoliu.app.security.AllowedRoles;
import cn.jiaoliu.app.security.JiaoliuUser;
import cn.jiaoliu.app.security.Role;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Programme administration over REST: districts, schools, pairings, education groups, batches with
 * quotas, the teacher roster, and imports. Lists answer JSON, or XLSX / CSV with {@code format}.
 */
@RestController
@AllowedRoles({Role.ADMIN, Role.TEACHING_OFFICE})
class AdminApiController {

  private final SchoolAdmin schools;
  private final PairingAdmin pairings;
  private final GroupAdmin groups;
  private final BatchAdmin batches;
  private final TeacherRoster teachers;
  private final ImportService imports;
  private final AdminTables tables;
  private final TableExport export;
  private final MessageSource messages;

  AdminApiController(SchoolAdmin schools, PairingAdmin pairings, GroupAdmin groups, BatchAdmin batches,
      TeacherRoster teachers, ImportService imports, AdminTables tables, TableExport export, MessageSource messages) {
    this.schools = schools;
    this.pairings = pairings;
    this.groups = groups;
    this.batches = batches;
    this.teachers = teachers;
    this.imports = imports;
    this.tables = tables;
    this.export = export;
    this.messages = messages;
  }

  private ResponseEntity<?> list(List<?> rows, String format, Supplier<Table> table,
      String fileName) {
    return format == null || "json".equals(format) ? ResponseEntity.ok(rows) : export.download(table.get(), fileName, format);
  }

  @GetMapping("/api/admin/districts")
  List<SchoolAdmin.District> districts(JiaoliuUser user) {
    return schools.districts(user);
  }

  @PostMapping("/api/admin/districts")
  SchoolAdmin.District addDistrict(JiaoliuUser user, @RequestBody SchoolAdmin.DistrictForm form) {
    return schools.addDistrict(user, form);
  }

  @GetMapping("/api/admin/schools")
  ResponseEntity<?> schools(JiaoliuUser user, @RequestParam(required = false) String district,
      @RequestParam(required = false) String areaType, @RequestParam(required = false) String format) {
    var rows = schools.schools(user, district, areaType);
    return list(rows, format, () -> tables.schools(rows), "schools");
  }

  @PostMapping("/api/admin/schools")
  SchoolAdmin.SchoolView addSchool(JiaoliuUser user, @RequestBody SchoolAdmin.SchoolForm form) {
    return schools.save(user, null, form);
  }

  @PutMapping("/api/admin/schools/{code}")
  SchoolAdmin.SchoolView changeSchool(JiaoliuUser user, @PathVariable String code, @RequestBody SchoolAdmin.SchoolForm form) {
    return schools.save(user, code, form);
  }

  @GetMapping("/api/admin/pairings")
  ResponseEntity<?> pairings(JiaoliuUser user, @RequestParam(required = false) String district,
      @RequestParam(required = false) String format) {
    var rows = pairings.pairings(user, district);
    return list(rows, format, () -> tables.pairings(rows), "pairings");
  }

  @PostMapping("/api/admin/pairings")
  List<PairingAdmin.PairingView> addPairing(JiaoliuUser user, @RequestBody PairingAdmin.PairingForm form) {
    return pairings.create(user, form);
  }

  @PostMapping("/api/admin/pairings/{id}/end")
  PairingAdmin.PairingView endPairing(JiaoliuUser user, @PathVariable long id, @Valid @RequestBody EndRequest body) {
    return pairings.end(user, id, body.endsOn());
  }

  /** {@code {"endsOn": "2027-01-31"}}: the pairing's last day (today when absent). */
  record EndRequest(@Size(max = 40, message = "{error.tooLong}") String endsOn) {}

  @GetMapping("/api/admin/groups")
  ResponseEntity<?> groups(JiaoliuUser user, @RequestParam(required = false) String district,
      @RequestParam(required = false) String format) {
    var rows = groups.groups(user, district);
    return list(rows, format, () -> tables.groups(rows), "education-groups");
  }

  @PostMapping("/api/admin/groups")
  GroupAdmin.GroupView addGroup(JiaoliuUser user, @RequestBody GroupAdmin.GroupForm form) {
    return groups.save(user, null, form);
  }

  @PutMapping("/api/admin/groups/{id}")
  GroupAdmin.GroupView changeGroup(JiaoliuUser user, @PathVariable long id, @RequestBody GroupAdmin.GroupForm form) {
    return groups.save(user, id, form);
  }

  @GetMapping("/api/admin/batches")
  ResponseEntity<?> batches(JiaoliuUser user, @RequestParam(required = false) String district,
      @RequestParam(required = false) String format) {
    var rows = batches.batches(user, district);
    return list(rows, format, () -> tables.batches(rows), "batches");
  }

  @PostMapping("/api/admin/batches")
  BatchAdmin.BatchView addBatch(JiaoliuUser user, @Valid @RequestBody BatchAdmin.BatchForm form) {
    return batches.save(user, null, form);
  }

  @PutMapping("/api/admin/batches/{id}")
  BatchAdmin.BatchView changeBatch(JiaoliuUser user, @PathVariable long id,
      @Valid @RequestBody BatchAdmin.BatchForm form) {
    return batches.save(user, id, form);
  }

  @GetMapping("/api/admin/batches/{id}/quotas")
  ResponseEntity<?> quotas(JiaoliuUser user, @PathVariable long id, @RequestParam(required = false) String format) {
    var rows = batches.quotas(user, id);
    return list(rows, format, () -> tables.quotas(batches.batch(user, id), rows), "quotas-" + id);
  }

  @PutMapping("/api/admin/batches/{id}/quotas")
  List<BatchAdmin.QuotaView> setQuota(JiaoliuUser user, @PathVariable long id,
      @Valid @RequestBody BatchAdmin.QuotaForm form) {
    return batches.setQuota(user, id, form);
  }

  @GetMapping("/api/admin/teachers")
  ResponseEntity<?> teachers(JiaoliuUser user, @RequestParam(required = false) String district,
      @RequestParam(required = false) String school, @RequestParam(required = false) String format) {
    var rows = teachers.teachers(user, district, school);
    return list(rows, format, () -> tables.teachers(rows), "teachers");
  }

  /** Imports a file; 400 with {@code errors} (row, column, message) when any row is bad, and nothing imported. */
  @PostMapping("/api/admin/imports/{kind}")
  ResponseEntity<?> importFile(JiaoliuUser user, @PathVariable String kind, @RequestParam("file") MultipartFile file,
      Locale locale) throws IOException {
    ImportService.ImportResult result = imports.importFile(user, kind, file.getOriginalFilename(), file.getBytes());
    if (result.imported()) {
      return ResponseEntity.ok(result);
    }
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
        messages.getMessage("import.rejected", new Object[] {result.errors().size()}, locale));
    problem.setProperty("code", "import.rejected");
    problem.setProperty("errors", result.errors().stream().map(e -> Map.of("row", e.row(), "column", e.column(),
        "message", messages.getMessage(e.messageKey(), e.args(), locale))).toList());
    return ResponseEntity.badRequest().body(problem);
  }
}
