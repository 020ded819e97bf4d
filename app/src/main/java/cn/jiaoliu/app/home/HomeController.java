package cn.jiaoliu.app.home;

import cn.jiaoliu.app.application.ApplicationLedger;
import cn.jiaoliu.app.application.ApplicationService;
import cn.jiaoliu.app.assessment.AssessmentService;
import cn.jiaoliu.app.assessment.RuralService;
import cn.jiaoliu.app.programme.SchoolDirectory;
import cn.jiaoliu.app.programme.SchoolRepository;
import cn.jiaoliu.app.security.JiaoliuUser;
import cn.jiaoliu.app.security.Role;
import cn.jiaoliu.app.statistics.DistrictGlance;
import cn.jiaoliu.app.tasklist.TaskService;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** One home page, with a section per role the user has. */
@Controller
class HomeController {

  private final TaskService tasks;
  private final SchoolRepository schools;
  private final SchoolDirectory directory;
  private final ApplicationService applications;

  private final AssessmentService assessments;
  private final RuralService rural;
  private final ApplicationLedger ledger;
  private final DistrictGlance glance;

  /** How many overdue cases the office's home page lists (the ledger has them all). */
  static final int OVERDUE_SHOWN = 10;

  HomeController(TaskService tasks, SchoolRepository schools, SchoolDirectory directory,
      ApplicationService applications, AssessmentService assessments,
      RuralService rural, ApplicationLedger ledger, DistrictGlance glance) {
    this.ledger = ledger;
    this.glance = glance;
    this.assessments = assessments;
    this.rural = rural;
    this.tasks = tasks;
    this.schools = schools;
    this.directory = directory;
    this.applications = applications;
  }

  @GetMapping("/")
  String home(JiaoliuUser user, Model model) {
    model.addAttribute("openTaskCount", tasks.countOpen(user));
    if (user.schoolCode() != null) {
      schools.findById(user.schoolCode()).ifPresent(s -> model.addAttribute("school", s));
      model.addAttribute("pairings", directory.pairingsOf(user.schoolCode()));
    }
    if (user.districtCode() != null) {
      model.addAttribute("districtName", directory.districtName(user.districtCode()));
      model.addAttribute("batches", directory.openBatches(user.districtCode()));
    }
    if (user.has(Role.TEACHER)) {
      model.addAttribute("myApplications", applications.mine(user));
      model.addAttribute("myAssessments", assessments.mine(user));
      model.addAttribute("ruralService", rural.of(user.username()));
    }
    if (user.has(Role.TEACHING_OFFICE) && user.districtCode() != null) {
      // the director's picture: applications by status, quota used, overdue cases, rural coverage, trend
      String district = user.districtCode();
      model.addAttribute("statusCounts", ledger.countsByStatus(district).entrySet().stream()
          .filter(e -> e.getValue() > 0).toList());
      model.addAttribute("quotas", directory.openBatches(district).stream()
          .map(b -> new BatchQuotas(b, directory.quotasOf(b.id()))).toList());
      model.addAttribute("overdueCases", tasks.overdueIn(district, OVERDUE_SHOWN));
      model.addAttribute("glance", glance.of(user));
    }
    if (user.has(Role.TEACHING_OFFICE) || user.has(Role.ADMIN)) {
      if (user.districtCode() != null) {
        model.addAttribute("districtSchools", schools.findByDistrictCodeOrderByCode(user.districtCode()));
        model.addAttribute("districtPairings", directory.pairingsInDistrict(user.districtCode()));
      }
    }
    return "home";
  }

  /** An open batch and its quotas per school and direction. */
  record BatchQuotas(SchoolDirectory.BatchView batch, List<SchoolDirectory.QuotaView> quotas) {}
}
