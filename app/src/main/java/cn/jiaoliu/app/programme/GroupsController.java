package cn.jiaoliu.app.programme;

import cn.jiaoliu.app.security.JiaoliuUser;
import cn.jiaoliu.app.web.FormPages;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Education groups (集团化办学). */
@Controller
class GroupsController extends AdminPages {

  private final SchoolAdmin schools;
  private final GroupAdmin groups;

  GroupsController(SchoolAdmin schools, GroupAdmin groups) {
    super(schools);
    this.schools = schools;
    this.groups = groups;
  }

  @GetMapping("/admin/groups")
  String groups(JiaoliuUser user, @RequestParam(required = false) String district, Model model) {
    String d = AdminScope.of(user).districtOr(district);
    model.addAttribute("district", d);
    model.addAttribute("groups", groups.groups(user, d));
    model.addAttribute("schools", schools.schools(user, d, null));
    return "admin/groups";
  }

  @PostMapping("/admin/groups")
  String addGroup(JiaoliuUser user, @RequestParam(required = false) String district,
      @ModelAttribute GroupAdmin.GroupForm form, RedirectAttributes flash, Model model, HttpServletResponse response) {
    return FormPages.submit(() -> groups.save(user, null, form), districtPage("/admin/groups", district), flash, "admin.saved",
        () -> groups(user, district, model), model, form, response);
  }
}
