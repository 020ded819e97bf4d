package cn.jiaoliu.app.signature;

import cn.jiaoliu.app.security.AllowedRoles;
import cn.jiaoliu.app.security.JiaoliuUser;
import cn.jiaoliu.app.security.Role;
import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** My handwritten signature over REST: a drawing as a PNG data URL, checked as on the page. */
@RestController
@AllowedRoles({Role.PRINCIPAL, Role.TEACHING_OFFICE})
class SignatureApiController {

  private final Signatures signatures;

  SignatureApiController(Signatures signatures) {
    this.signatures = signatures;
  }

  record SignatureRequest(String drawing) {}

  @PostMapping("/api/signature")
  Map<String, Object> store(JiaoliuUser user, @RequestBody SignatureRequest body) {
    byte[] png = SignatureImages.fromDataUrl(body.drawing());
    signatures.store(user, png);
    return Map.of("stored", png.length);
  }
}
