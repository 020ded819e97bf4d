package cn.jiaoliu.app.application.pdf;

import cn.jiaoliu.app.security.JiaoliuUser;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The approval form for a bearer token. */
@RestController
class ApprovalFormApiController {

  private final ApprovalFormService forms;

  ApprovalFormApiController(ApprovalFormService forms) {
    this.forms = forms;
  }

  @GetMapping("/api/applications/{id}/approval-form.pdf")
  ResponseEntity<byte[]> approvalForm(JiaoliuUser user, @PathVariable long id) {
    return forms.download(user, id);
  }
}
