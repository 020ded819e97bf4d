package cn.jiaoliu.app.assessment;

import cn.jiaoliu.app.web.UserFacingException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * The public verification page of the proofs of rural service (证明核验, no login): a code says
 * whether it is genuine, issued when and by which office, and still current; a PDF uploaded with it
 * says whether it is exactly the file issued. Bad input is refused with its reason, oversized files
 * before they are read.
 */
@Controller
class VerificationController {

  private final RuralServiceCertificates certificates;

  VerificationController(RuralServiceCertificates certificates) {
    this.certificates = certificates;
  }

  /** The form; with {@code ?code=} (a printed link) the code's verification at once. */
  @GetMapping(RuralServiceCertificates.VERIFY_PATH)
  String form(@RequestParam(required = false) String code, Model model, HttpServletResponse response) {
    if (code == null || code.isBlank()) {
      model.addAttribute("maxBytes", RuralServiceCertificates.MAX_PDF_BYTES);
      return "verify";
    }
    return verify(code, null, model, response);
  }

  @PostMapping(RuralServiceCertificates.VERIFY_PATH)
  String check(@RequestParam(required = false) String code, @RequestParam(required = false) MultipartFile file,
      Model model, HttpServletResponse response) {
    return verify(code, file, model, response);
  }

  private String verify(String code, MultipartFile file, Model model, HttpServletResponse response) {
    model.addAttribute("maxBytes", RuralServiceCertificates.MAX_PDF_BYTES);
    model.addAttribute("code", code != null && code.length() <= CertificateCodes.MAX_INPUT ? code : "");
    try {
      byte[] bytes = null;
      if (file != null && !file.isEmpty()) {
        if (file.getSize() > RuralServiceCertificates.MAX_PDF_BYTES) {
          throw new UserFacingException(HttpStatus.PAYLOAD_TOO_LARGE, "verify.error.tooLarge",
              RuralServiceCertificates.MAX_PDF_BYTES / 1024 / 1024);
        }
        bytes = file.getBytes();
      }
      model.addAttribute("result", certificates.verify(code, bytes));
    } catch (UserFacingException e) {
      response.setStatus(e.status().value());
      model.addAttribute("errorKey", e.messageKey());
      model.addAttribute("errorArgs", e.args());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return "verify";
  }
}
