package cn.jiaoliu.app.user;

import cn.jiaoliu.app.export.TableExport;
import cn.jiaoliu.app.security.AllowedRoles;
import cn.jiaoliu.app.security.JiaoliuUser;
import cn.jiaoliu.app.security.Role;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * User administration over REST: the users the caller may administer (JSON, or XLSX / CSV with
 * Chinese headers), one user with the links made so far, and linking a user to a school and role:
 * {@code PUT /api/admin/users/{username}/link} with {@code {"schoolCode": "LC-U02", "role": "teacher"}}
 * ({@code districtCode} instead of a school for teaching-office and admin).
 */
@RestController
@AllowedRoles({Role.SECURITY_ADMIN, Role.TEACHING_OFFICE})
class UserAdminApiController {

  private final UserAdministration users;
  private final TableExport export;

  UserAdminApiController(UserAdministration users, TableExport export) {
    this.users = users;
    this.export = export;
  }

  @GetMapping("/api/admin/users")
  ResponseEntity<?> list(JiaoliuUser user, @RequestParam(required = false) String q,
      @RequestParam(defaultValue = "json") String format) {
    List<UserAdministration.UserRow> rows = users.list(user, q);
    if ("json".equals(format)) {
      return ResponseEntity.ok(rows);
    }
    return export.download(users.table(rows), UserAdminController.fileName(user), format);
  }

  @GetMapping("/api/admin/users/{username}")
  Map<String, Object> get(JiaoliuUser user, @PathVariable String username) {
    UserAdministration.UserRow row = users.get(user, username);
    return Map.of("user", row, "links", users.history(username));
  }

  @PutMapping("/api/admin/users/{username}/link")
  UserAdministration.UserRow link(JiaoliuUser user, @PathVariable String username,
      @Valid @RequestBody LinkRequest body) {
    return users.link(user, username, body.schoolCode(), body.districtCode(), body.role());
  }

  /** {@code {"role": "principal", "schoolCode": "LC-U01"}} or a district for roles without a school. */
  record LinkRequest(@Size(max = 40, message = "{error.tooLong}") String schoolCode,
      @Size(max = 40, message = "{error.tooLong}") String districtCode,
      @Size(max = 40, message = "{error.tooLong}") String role) {}
}
