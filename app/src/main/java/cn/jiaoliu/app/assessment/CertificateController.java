package cn.jiaoliu.app.assessment;

import cn.jiaoliu.app.export.TableExport;
import cn.jiaoliu.app.security.AllowedRoles;
import cn.jiaoliu.app.security.JiaoliuUser;
import cn.jiaoliu.app.security.Role;
import cn.jiaoliu.app.web.UserFacingException;
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
 * The proofs of rural service (农村任教经历证明): the teaching office issues them for its district's
 * teachers and lists what it issued; a teacher lists and downloads their own. And the office's list
 * of teachers eligible for the honour certificate of 30 years at rural schools, with its export.
 */
@Controller
class CertificateController {

  private final RuralServiceCertificates certificates;
  private final RuralService rural;
  private final HonourRoll honour;
  private final TableExport export;

  CertificateController(RuralServiceCertificates certificates, RuralService rural, HonourRoll honour,
      TableExport export) {
    this.certificates = certificates;
    this.rural = rural;
    this.honour = honour;
    this.export = export;
  }

  @AllowedRoles({Role.TEACHER, Role.TEACHING_OFFICE})
  @GetMapping("/certificates")
  String list(JiaoliuUser user, Model model) {
    model.addAttribute("certificates", certificates.visibleTo(user));
    boolean office = user.has(Role.TEACHING_OFFICE);
    model.addAttribute("office", office);
    model.addAttribute("ruralRows", office ? rural.district(user) : List.of());
    return "assessments/certificates";
  }

  @AllowedRoles(Role.TEACHING_OFFICE)
  @PostMapping("/certificates")
  String issue(JiaoliuUser user, @RequestParam(required = false) String teacherUsername, RedirectAttributes redirect) {
    try {
      RuralServiceCertificates.CertificateView issued = certificates.issue(user, teacherUsername);
      redirect.addFlashAttribute("notice", "certificate.issued");
      redirect.addFlashAttribute("issuedId", issued.id());
    } catch (UserFacingException e) {
      if (e.fieldErrors().isEmpty()) {
        throw e;
      }
      redirect.addFlashAttribute("fieldErrors", e.fieldErrors());
    }
    return "redirect:/certificates";
  }

  @GetMapping("/certificates/{id}/pdf")
  ResponseEntity<byte[]> pdf(JiaoliuUser user, @PathVariable long id) {
    return certificates.pdf(user, id);
  }

  @AllowedRoles(Role.TEACHING_OFFICE)
  @GetMapping("/rural-service/honour")
  String honour(JiaoliuUser user, Model model) {
    model.addAttribute("roll", honour.district(user));
    return "assessments/honour";
  }

  @AllowedRoles(Role.TEACHING_OFFICE)
  @GetMapping("/rural-service/honour/export")
  ResponseEntity<byte[]> exportHonour(JiaoliuUser user, @RequestParam(required = false) String format) {
    return export.download(honour.table(honour.district(user)), "rural-honour-" + user.districtCode(), format);
  }
}
