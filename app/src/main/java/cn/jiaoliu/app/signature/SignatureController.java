package cn.jiaoliu.app.signature;

import cn.jiaoliu.app.security.AllowedRoles;
import cn.jiaoliu.app.security.JiaoliuUser;
import cn.jiaoliu.app.security.Role;
import cn.jiaoliu.app.web.Outcomes;
import cn.jiaoliu.app.web.UserFacingException;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** My handwritten signature (drawn or uploaded), and a school's seal for administrators. */
@Controller
class SignatureController {

  private final Signatures signatures;

  SignatureController(Signatures signatures) {
    this.signatures = signatures;
  }

  @AllowedRoles({Role.PRINCIPAL, Role.TEACHING_OFFICE})
  @GetMapping("/signature")
  String page(JiaoliuUser user, Model model) {
    model.addAttribute("hasSignature", signatures.hasSignature(user.username()));
    return "signature/mine";
  }

  @AllowedRoles({Role.PRINCIPAL, Role.TEACHING_OFFICE})
  @GetMapping("/signature/image")
  ResponseEntity<byte[]> image(JiaoliuUser user) {
    return png(signatures.signatureOf(user.username()).orElseThrow(UserFacingException::notFound));
  }

  @AllowedRoles({Role.PRINCIPAL, Role.TEACHING_OFFICE})
  @PostMapping("/signature")
  String store(JiaoliuUser user, @RequestParam(required = false) String drawing,
      @RequestParam(required = false) MultipartFile file, RedirectAttributes flash) {
    return Outcomes.redirect(flash, "/signature", () -> signatures.store(user,
        file != null && !file.isEmpty() ? SignatureImages.normalize(read(file)) : SignatureImages.fromDataUrl(drawing)),
        "signature.stored");
  }

  @AllowedRoles({Role.PRINCIPAL, Role.TEACHING_OFFICE})
  @PostMapping("/signature/delete")
  String remove(JiaoliuUser user, RedirectAttributes flash) {
    signatures.remove(user);
    flash.addFlashAttribute("notice", "signature.removed");
    return "redirect:/signature";
  }

  @AllowedRoles(Role.ADMIN)
  @GetMapping("/admin/schools/{code}/seal.png")
  ResponseEntity<byte[]> seal(@PathVariable String code) {
    return png(signatures.sealOf(code).orElseThrow(UserFacingException::notFound));
  }

  @AllowedRoles(Role.ADMIN)
  @PostMapping("/admin/schools/{code}/seal")
  String storeSeal(JiaoliuUser user, @PathVariable String code, @RequestParam(required = false) MultipartFile file,
      RedirectAttributes flash) {
    try {
      if (file == null || file.isEmpty()) {
        throw UserFacingException.field("image", "signature.badImage");
      }
      signatures.storeSeal(user, code, SignatureImages.normalize(read(file)));
      flash.addFlashAttribute("notice", "seal.stored");
    } catch (UserFacingException e) {
      if (e.status().value() == 404) {
        throw e;
      }
      flash.addFlashAttribute("opError", e.messageKey());
      flash.addFlashAttribute("opErrorArgs", e.args());
    }
    return "redirect:/admin/schools/" + code;
  }

  /** At most one byte more than an image may have: enough to refuse a larger one without reading it all. */
  private static byte[] read(MultipartFile file) {
    if (file.getSize() > SignatureImages.BYTES_MAX) {
      throw UserFacingException.field("image", "signature.tooLarge", SignatureImages.BYTES_MAX / 1024);
    }
    try (InputStream in = file.getInputStream()) {
      return in.readNBytes(SignatureImages.BYTES_MAX + 1);
    } catch (IOException e) {
      throw UserFacingException.field("image", "signature.badImage");
    }
  }

  private static ResponseEntity<byte[]> png(byte[] image) {
    return ResponseEntity.ok().contentType(MediaType.IMAGE_PNG).cacheControl(CacheControl.noStore()).body(image);
  }
}
