package cn.jiaoliu.app.assessment;

import cn.jiaoliu.app.security.JiaoliuUser;
import cn.jiaoliu.app.web.UserFacingException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The assessment pages: one assessment with its archive; the office opens a round. */
@Controller
class AssessmentController {

  private final AssessmentService assessments;
  private final ArchiveService archives;

  AssessmentController(AssessmentService assessments, ArchiveService archives) {
    this.assessments = assessments;
    this.archives = archives;
  }

  @GetMapping("/assessments/{id}")
  String show(JiaoliuUser user, @PathVariable long id, Model model) {
    model.addAttribute("panel", assessments.get(user, id));
    model.addAttribute("archive", archives.latest(id).orElse(null));
    return "assessments/show";
  }

  /** The archived record for a browser session (the API serves the same file to bearer tokens). */
  @GetMapping("/assessments/{id}/archive.pdf")
  org.springframework.http.ResponseEntity<byte[]> pdf(JiaoliuUser user, @PathVariable long id) {
    assessments.get(user, id);
    return archives.genuinePdf(id).response();
  }

  @PostMapping("/assessment-rounds")
  String open(JiaoliuUser user, @RequestParam String schoolYear, RedirectAttributes redirect) {
    try {
      redirect.addFlashAttribute("roundAdded", assessments.openRound(user, schoolYear));
    } catch (UserFacingException e) {
      if (e.fieldErrors().isEmpty()) {
        throw e;
      }
      redirect.addFlashAttribute("roundError", e.fieldErrors().get("schoolYear"));
    }
    return "redirect:/";
  }
}
