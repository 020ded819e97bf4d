package cn.jiaoliu.app.security;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.RequestMapping;

/** Our own page for a login that cannot start because Keycloak does not answer (503). */
@Controller
class LoginUnavailableController {

  @RequestMapping(LoginServiceCheck.UNAVAILABLE_PAGE)
  String unavailable(Model model, HttpServletResponse response) {
    response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
    model.addAttribute("status", HttpServletResponse.SC_SERVICE_UNAVAILABLE);
    model.addAttribute("messageKey", "error.loginUnavailable");
    model.addAttribute("messageArgs", new Object[0]);
    return "problem";
  }
}
