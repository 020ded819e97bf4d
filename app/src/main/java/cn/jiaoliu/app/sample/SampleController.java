package cn.jiaoliu.app.sample;

import cn.jiaoliu.app.security.JiaoliuUser;
import cn.jiaoliu.app.web.UserFacingException;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The teacher's sample request form. */
@Controller
class SampleController {

  private final SampleRequestService service;

  SampleController(SampleRequestService service) {
    this.service = service;
  }

  @GetMapping("/sample/new")
  String initCreationForm(Model model) {
    model.addAttribute("fields", Map.of("requestToken", UUID.randomUUID().toString()));
    model.addAttribute("fieldErrors", Map.of());
    return "sample/new";
  }

  @GetMapping("/sample/{id}")
  String show(JiaoliuUser user, @org.springframework.web.bind.annotation.PathVariable long id, Model model) {
    model.addAttribute("request", service.get(user, id));
    return "sample/show";
  }

  @PostMapping("/sample/new")
  String processCreationForm(JiaoliuUser user, @RequestParam Map<String, String> params, Model model,
      RedirectAttributes redirect, HttpServletResponse response) {
    try {
      service.submit(user, params.get("title"), params.get("reasons"), params.get("requestToken"));
      redirect.addFlashAttribute("notice", "sample.submitted");
      return "redirect:/";
    } catch (UserFacingException e) {
      if (e.fieldErrors().isEmpty()) {
        throw e;
      }
      response.setStatus(HttpStatus.BAD_REQUEST.value());
      model.addAttribute("fields", params);
      model.addAttribute("fieldErrors", e.fieldErrors());
      return "sample/new";
    }
  }
}
