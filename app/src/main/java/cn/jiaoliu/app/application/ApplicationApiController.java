package cn.jiaoliu.app.application;

import cn.jiaoliu.app.security.AllowedRoles;
import cn.jiaoliu.app.security.JiaoliuUser;
import cn.jiaoliu.app.security.Role;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Rotation applications over REST. {@code Idempotency-Key} makes a repeated POST return the first application. */
@RestController
@RequestMapping("/api/applications")
class ApplicationApiController {

  private final ApplicationService applications;
  private final ApplicationDetails details;

  ApplicationApiController(ApplicationService applications, ApplicationDetails details) {
    this.applications = applications;
    this.details = details;
  }

  @AllowedRoles(Role.TEACHER)
  @PostMapping
  ResponseEntity<RotationApplication> submit(JiaoliuUser user, @RequestBody ApplicationRequest body,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
    Map<String, String> fields = body.fields();
    if (idempotencyKey != null) {
      fields.put("requestToken", idempotencyKey);
    }
    RotationApplication saved = applications.submit(user, fields);
    return ResponseEntity.created(URI.create("/api/applications/" + saved.id())).body(saved);
  }

  @GetMapping
  List<RotationApplication> mine(JiaoliuUser user) {
    return applications.mine(user);
  }

  @GetMapping("/{id}")
  ApplicationDetails.Details get(JiaoliuUser user, @PathVariable long id) {
    return details.of(user, id);
  }

  @PostMapping("/{id}/withdraw")
  RotationApplication withdraw(JiaoliuUser user, @PathVariable long id) {
    return applications.withdraw(user, id);
  }
}
