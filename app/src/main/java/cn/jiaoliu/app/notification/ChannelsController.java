package cn.jiaoliu.app.notification;

import cn.jiaoliu.app.security.AllowedRoles;
import cn.jiaoliu.app.security.JiaoliuUser;
import cn.jiaoliu.app.security.Role;
import cn.jiaoliu.app.web.FieldErrors;
import cn.jiaoliu.app.web.UserFacingException;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/** 通知渠道: the district's WeCom and DingTalk group robots, kept by its teaching office or an administrator. */
@Controller
@AllowedRoles({Role.ADMIN, Role.TEACHING_OFFICE})
class ChannelsController {

  private final Channels channels;

  ChannelsController(Channels channels) {
    this.channels = channels;
  }

  @GetMapping("/admin/channels")
  String list(JiaoliuUser user, @RequestParam(required = false) String district, Model model) {
    String d = channels.districtOf(user, district);
    model.addAttribute("district", d);
    model.addAttribute("districtChoices", user.has(Role.ADMIN)
        ? channels.districts().entrySet().stream().map(e -> new DistrictChoice(e.getKey(), e.getValue())).toList()
        : List.of());
    model.addAttribute("channels", channels.of(d));
    model.addAttribute("kinds", ChannelKind.values());
    if (!model.containsAttribute("form")) {
      model.addAttribute("form", new ChannelForm(ChannelKind.WECOM, "", "", ""));
    }
    if (!model.containsAttribute("fieldErrors")) {
      model.addAttribute("fieldErrors", Map.of());
    }
    return "admin/channels";
  }

  @PostMapping("/admin/channels")
  String add(JiaoliuUser user, @RequestParam(required = false) String district,
      @Valid @ModelAttribute("form") ChannelForm form, BindingResult binding, Model model, RedirectAttributes flash,
      HttpServletResponse response) {
    String d = channels.districtOf(user, district);
    try {
      if (binding.hasErrors()) {
        throw FieldErrors.invalid(binding);
      }
      channels.add(user, d, form);
    } catch (UserFacingException e) {
      if (e.fieldErrors().isEmpty()) {
        throw e;
      }
      response.setStatus(400);
      model.addAttribute("fieldErrors", e.fieldErrors());
      return list(user, d, model);
    }
    flash.addFlashAttribute("notice", "channel.added");
    return page(d);
  }

  @PostMapping("/admin/channels/{id}/enabled")
  String enable(JiaoliuUser user, @PathVariable long id, @RequestParam(required = false) String district,
      @RequestParam boolean enabled, RedirectAttributes flash) {
    String d = channels.districtOf(user, district);
    channels.enable(user, d, id, enabled);
    flash.addFlashAttribute("notice", enabled ? "channel.enabled" : "channel.disabled");
    return page(d);
  }

  @PostMapping("/admin/channels/{id}/test")
  String test(JiaoliuUser user, @PathVariable long id, @RequestParam(required = false) String district,
      RedirectAttributes flash) {
    String d = channels.districtOf(user, district);
    channels.test(user, d, id);
    flash.addFlashAttribute("notice", "channel.testQueued");
    return page(d);
  }

  @PostMapping("/admin/channels/{id}/delete")
  String remove(JiaoliuUser user, @PathVariable long id, @RequestParam(required = false) String district,
      RedirectAttributes flash) {
    String d = channels.districtOf(user, district);
    channels.remove(user, d, id);
    flash.addFlashAttribute("notice", "channel.removed");
    return page(d);
  }

  private static String page(String district) {
    return "redirect:" + UriComponentsBuilder.fromPath("/admin/channels").queryParam("district", district)
        .encode().build().toUriString();
  }

  record DistrictChoice(String code, String name) {}
}
