package cn.jiaoliu.app.programme;

import cn.jiaoliu.app.security.JiaoliuUser;
import cn.jiaoliu.app.web.FormPages;
import cn.jiaoliu.app.web.UserFacingException;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Districts, schools and the teacher roster. */
@Controller
class SchoolsController extends AdminPages {

  private final SchoolAdmin schools;
  private final TeacherRoster teachers;

  SchoolsController(SchoolAdmin schools, TeacherRoster teachers) {
    super(schools);
    this.schools = schools;
    this.teachers = teachers;
  }

  @GetMapping("/admin/schools")
  String schools(JiaoliuUser user, @RequestParam(required = false) String district,
      @RequestParam(required = false) String areaType, Model model) {
    String d = AdminScope.of(user).districtOr(district);
    model.addAttribute("district", d);
    model.addAttribute("areaType", areaType);
    model.addAttribute("schools", schools.schools(user, d, areaType));
    model.addAttribute("everyDistrict", AdminScope.of(user).everyDistrict());
    return "admin/schools";
  }

  @PostMapping("/admin/schools")
  String addSchool(JiaoliuUser user, @ModelAttribute SchoolAdmin.SchoolForm form, RedirectAttributes flash, Model model,
      HttpServletResponse response) {
    return FormPages.submit(() -> schools.save(user, null, form), districtPage("/admin/schools", form.districtCode()), flash,
        "admin.saved", () -> schools(user, form.districtCode(), null, model), model, form, response);
  }

  @GetMapping("/admin/schools/{code}")
  String school(JiaoliuUser user, @PathVariable String code, Model model) {
    SchoolAdmin.SchoolView school = schools.school(user, code).orElseThrow(UserFacingException::notFound);
    model.addAttribute("school", school);
    if (!model.containsAttribute("form")) {
      model.addAttribute("form", SchoolAdmin.SchoolForm.of(school));
    }
    return "admin/school";
  }

  @PostMapping("/admin/schools/{code}")
  String changeSchool(JiaoliuUser user, @PathVariable String code, @ModelAttribute SchoolAdmin.SchoolForm form,
      RedirectAttributes flash, Model model, HttpServletResponse response) {
    return FormPages.submit(() -> schools.save(user, code, form), "/admin/schools/" + code, flash, "admin.saved",
        () -> school(user, code, model), model, form, response);
  }

  @PostMapping("/admin/districts")
  String addDistrict(JiaoliuUser user, @ModelAttribute SchoolAdmin.DistrictForm form, RedirectAttributes flash,
      Model model, HttpServletResponse response) {
    return FormPages.submit(() -> schools.addDistrict(user, form), districtPage("/admin/schools", form.code()), flash,
        "admin.saved", () -> {
          model.addAttribute("districtForm", form);
          return schools(user, null, null, model);
        }, model, null, response);
  }

  @GetMapping("/admin/teachers")
  String teachers(JiaoliuUser user, @RequestParam(required = false) String district,
      @RequestParam(required = false) String school, Model model) {
    String d = AdminScope.of(user).districtOr(district);
    model.addAttribute("district", d);
    model.addAttribute("school", school);
    model.addAttribute("teachers", teachers.teachers(user, d, school));
    model.addAttribute("schools", schools.schools(user, d, null));
    return "admin/teachers";
  }
}
