package cn.jiaoliu.app.programme;

import cn.jiaoliu.app.security.JiaoliuUser;
import cn.jiaoliu.app.web.FormPages;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Urban–rural pairings: add, end. */
@Controller
class PairingsController extends AdminPages {

  private final SchoolAdmin schools;
  private final PairingAdmin pairings;

  PairingsController(SchoolAdmin schools, PairingAdmin pairings) {
    super(schools);
    this.schools = schools;
    this.pairings = pairings;
  }

  @GetMapping("/admin/pairings")
  String pairings(JiaoliuUser user, @RequestParam(required = false) String district, Model model) {
    String d = AdminScope.of(user).districtOr(district);
    model.addAttribute("district", d);
    model.addAttribute("pairings", pairings.pairings(user, d));
    model.addAttribute("schools", schools.schools(user, d, null));
    model.addAttribute("helpKinds", PairingAdmin.HELP_KINDS);
    return "admin/pairings";
  }

  @PostMapping("/admin/pairings")
  String addPairing(JiaoliuUser user, @RequestParam(required = false) String district,
      @ModelAttribute PairingAdmin.PairingForm form, RedirectAttributes flash, Model model, HttpServletResponse response) {
    return FormPages.submit(() -> pairings.create(user, form), districtPage("/admin/pairings", district), flash, "admin.saved",
        () -> pairings(user, district, model), model, form, response);
  }

  @PostMapping("/admin/pairings/{id}/end")
  String endPairing(JiaoliuUser user, @PathVariable long id, @RequestParam(required = false) String endsOn,
      @RequestParam(required = false) String district, RedirectAttributes flash, Model model,
      HttpServletResponse response) {
    return FormPages.submit(() -> pairings.end(user, id, endsOn), districtPage("/admin/pairings", district), flash,
        "admin.pairingEnded", () -> pairings(user, district, model), model, null, response);
  }
}
