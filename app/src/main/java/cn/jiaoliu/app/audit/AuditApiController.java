package cn.jiaoliu.app.audit;

import cn.jiaoliu.app.security.AllowedRoles;
import cn.jiaoliu.app.security.JiaoliuUser;
import cn.jiaoliu.app.security.Role;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The audit trail over REST, for the auditor: {@code GET /api/audit/events?before=…} (newest
 * first, 200 at a time) and {@code GET /api/audit/verification} (checks the whole chain now).
 */
@RestController
@AllowedRoles(Role.AUDITOR)
class AuditApiController {

  private final AuditReading reading;

  AuditApiController(AuditReading reading) {
    this.reading = reading;
  }

  @GetMapping("/api/audit/events")
  List<AuditReading.TrailEntry> events(JiaoliuUser user, @RequestParam(required = false) Long before) {
    return reading.newest(user, before);
  }

  @GetMapping("/api/audit/verification")
  AuditVerification.Result verification(JiaoliuUser user) {
    return reading.verify(user);
  }
}
