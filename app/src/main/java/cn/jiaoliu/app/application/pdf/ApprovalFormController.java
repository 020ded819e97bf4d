package cn.jiaoliu.app.application.pdf;

import cn.jiaoliu.app.security.JiaoliuUser;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** The approval form for a browser session, linked from the application's page. */
@Controller
class ApprovalFormController {

  private final ApprovalFormService forms;

  ApprovalFormController(ApprovalFormService forms) {
    this.forms = forms;
  }

  @GetMapping("/applications/{id}/approval-form.pdf")
  ResponseEntity<byte[]> approvalForm(JiaoliuUser user, @PathVariable long id) {
    return forms.download(user, id);
  }
}
