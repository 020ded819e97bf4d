package cn.jiaoliu.app.user;

import cn.jiaoliu.app.export.TableExport;
import cn.jiaoliu.app.security.AllowedRoles;
import cn.jiaoliu.app.security.JiaoliuUser;
import cn.jiaoliu.app.security.Role;
import cn.jiaoliu.app.web.UserFacingException;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The user administration pages: the list with search and downloads, one user with the link form and history. */
@Controller
@AllowedRoles({Role.SECURITY_ADMIN, Role.TEACHING_OFFICE})
class UserAdminController {

  private final UserAdministration users;
  private final LinkRequests linkRequests;
  private final TableExport export;

  UserAdminController(UserAdministration users, LinkRequests linkRequests, TableExport export) {
    this.users = users;
    this.linkRequests = linkRequests;
    this.export = export;
  }

  @GetMapping("/admin/users")
  String list(JiaoliuUser user, @RequestParam(required = false) String q, Model model) {
    model.addAttribute("users", users.list(user, q));
    model.addAttribute("q", q == null ? "" : q);
    model.addAttribute("allUsers", user.has(Role.SECURITY_ADMIN));
    return "users/list";
  }

  @GetMapping(value = "/admin/users", params = "format")
  ResponseEntity<byte[]> export(JiaoliuUser user, @RequestParam(required = false) String q, @RequestParam String format) {
    return export.download(users.table(users.list(user, q)), fileName(user), format);
  }

  @GetMapping("/admin/users/{username}")
  String show(JiaoliuUser user, @PathVariable String username, Model model) {
    UserAdministration.UserRow row = users.get(user, username);
    model.addAttribute("user", row);
    model.addAttribute("links", users.history(username));
    model.addAttribute("schools", linkRequests.schoolsFor(user));
    model.addAttribute("roles", linkRequests.rolesFor(user));
    model.addAttribute("districts", user.has(Role.SECURITY_ADMIN) ? linkRequests.districts() : Map.of());
    return "users/show";
  }

  @PostMapping("/admin/users/{username}/link")
  String link(JiaoliuUser user, @PathVariable String username, @RequestParam(required = false) String schoolCode,
      @RequestParam(required = false) String districtCode, @RequestParam(required = false) String role,
      RedirectAttributes redirect) {
    try {
      users.link(user, username, schoolCode, districtCode, role);
      redirect.addFlashAttribute("notice", "users.linked");
    } catch (UserFacingException e) {
      if (e.fieldErrors().isEmpty()) {
        throw e;
      }
      redirect.addFlashAttribute("fieldErrors", e.fieldErrors());
      redirect.addFlashAttribute("formSchool", schoolCode);
      redirect.addFlashAttribute("formDistrict", districtCode);
      redirect.addFlashAttribute("formRole", role);
    }
    return "redirect:/admin/users/{username}";
  }

  static String fileName(JiaoliuUser user) {
    return user.has(Role.SECURITY_ADMIN) ? "users" : "users-" + user.districtCode();
  }
}
