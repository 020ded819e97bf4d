package cn.jiaoliu.app.assessment;

import cn.jiaoliu.app.export.TableExport;
import cn.jiaoliu.app.security.AllowedRoles;
import cn.jiaoliu.app.security.JiaoliuUser;
import cn.jiaoliu.app.security.Role;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The proofs of rural service over REST (issue, list, download), the public verification of a code,
 * and the honour list of 30 years at rural schools.
 */
@RestController
class CertificateApiController {

  private final RuralServiceCertificates certificates;
  private final HonourRoll honour;
  private final TableExport export;

  CertificateApiController(RuralServiceCertificates certificates, HonourRoll honour, TableExport export) {
    this.certificates = certificates;
    this.honour = honour;
    this.export = export;
  }

  @AllowedRoles({Role.TEACHER, Role.TEACHING_OFFICE})
  @GetMapping("/api/certificates")
  List<RuralServiceCertificates.CertificateView> list(JiaoliuUser user) {
    return certificates.visibleTo(user);
  }

  /** {@code {"teacherUsername": "teacher.li"}}: the office issues a new certificate. */
  @AllowedRoles(Role.TEACHING_OFFICE)
  @PostMapping("/api/certificates")
  ResponseEntity<RuralServiceCertificates.CertificateView> issue(JiaoliuUser user,
      @Valid @RequestBody IssueRequest body) {
    return ResponseEntity.status(HttpStatus.CREATED).body(certificates.issue(user, body.teacherUsername()));
  }

  record IssueRequest(@Size(max = 100, message = "{error.tooLong}") String teacherUsername) {}

  @GetMapping("/api/certificates/{id}/pdf")
  ResponseEntity<byte[]> pdf(JiaoliuUser user, @PathVariable long id) {
    return certificates.pdf(user, id);
  }

  /** Public (no login): whether a code is genuine, when and by whom it was issued, whether it is still current. */
  @GetMapping("/api/verify/{code}")
  RuralServiceCertificates.Verification verify(@PathVariable String code) {
    return certificates.verify(code, null);
  }

  /** The honour list: JSON, or XLSX / CSV with Chinese headers. */
  @AllowedRoles(Role.TEACHING_OFFICE)
  @GetMapping("/api/rural-service/honour")
  ResponseEntity<?> honour(JiaoliuUser user, @RequestParam(required = false) String format) {
    HonourRoll.Roll roll = honour.district(user);
    if (format == null || format.isBlank() || "json".equalsIgnoreCase(format)) {
      return ResponseEntity.ok(roll);
    }
    return export.download(honour.table(roll), "rural-honour-" + user.districtCode(), format);
  }
}
