package cn.jiaoliu.app.programme;

import cn.jiaoliu.app.export.TableExport;
import cn.jiaoliu.app.security.JiaoliuUser;
import cn.jiaoliu.app.web.UserFacingException;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** The administration start page and the list downloads. */
@Controller
class AdminIndexController extends AdminPages {

  private final SchoolAdmin schools;
  private final PairingAdmin pairings;
  private final GroupAdmin groups;
  private final BatchAdmin batches;
  private final TeacherRoster teachers;
  private final AdminTables tables;
  private final TableExport export;

  AdminIndexController(SchoolAdmin schools, PairingAdmin pairings, GroupAdmin groups, BatchAdmin batches, TeacherRoster teachers, AdminTables tables, TableExport export) {
    super(schools);
    this.schools = schools;
    this.pairings = pairings;
    this.groups = groups;
    this.batches = batches;
    this.teachers = teachers;
    this.tables = tables;
    this.export = export;
  }

  @GetMapping("/admin")
  String index(JiaoliuUser user, @RequestParam(required = false) String district, Model model) {
    AdminScope scope = AdminScope.of(user);
    String d = scope.districtOr(district);
    model.addAttribute("district", d);
    model.addAttribute("everyDistrict", scope.everyDistrict());
    model.addAttribute("schoolCount", schools.schools(user, d, null).size());
    model.addAttribute("pairingCount", pairings.pairings(user, d).size());
    model.addAttribute("groupCount", groups.groups(user, d).size());
    model.addAttribute("batchCount", batches.batches(user, d).size());
    model.addAttribute("teacherCount", teachers.teachers(user, d, null).size());
    return "admin/index";
  }

  @GetMapping("/admin/export/{list}")
  ResponseEntity<byte[]> exportList(JiaoliuUser user, @PathVariable String list,
      @RequestParam(required = false) String district, @RequestParam(defaultValue = "xlsx") String format) {
    String d = AdminScope.of(user).districtOr(district);
    return switch (list) {
      case "schools" -> export.download(tables.schools(schools.schools(user, d, null)), "schools-" + d, format);
      case "pairings" -> export.download(tables.pairings(pairings.pairings(user, d)), "pairings-" + d, format);
      case "groups" -> export.download(tables.groups(groups.groups(user, d)), "education-groups-" + d, format);
      case "batches" -> export.download(tables.batches(batches.batches(user, d)), "batches-" + d, format);
      case "teachers" -> export.download(tables.teachers(teachers.teachers(user, d, null)), "teachers-" + d, format);
      default -> throw UserFacingException.notFound();
    };
  }
}
