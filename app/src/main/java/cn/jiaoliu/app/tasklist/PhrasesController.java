package cn.jiaoliu.app.tasklist;

import cn.jiaoliu.app.security.JiaoliuUser;
import cn.jiaoliu.app.web.Outcomes;
import java.util.Locale;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** 常用语: the user's phrases for opinions, kept, ordered and removed. */
@Controller
class PhrasesController {

  private final OpinionPhrases phrases;

  PhrasesController(OpinionPhrases phrases) {
    this.phrases = phrases;
  }

  @GetMapping("/phrases")
  String page(JiaoliuUser user, Locale locale, Model model) {
    model.addAttribute("phrases", phrases.of(user.username(), locale));
    return "tasks/phrases";
  }

  @PostMapping("/phrases")
  String add(JiaoliuUser user, Locale locale, @RequestParam(required = false) String text, RedirectAttributes flash) {
    return Outcomes.redirect(flash, "/phrases", () -> phrases.add(user.username(), text, locale), "phrase.added");
  }

  @PostMapping("/phrases/{id}/delete")
  String remove(JiaoliuUser user, Locale locale, @PathVariable long id, RedirectAttributes flash) {
    return Outcomes.redirect(flash, "/phrases", () -> phrases.remove(user.username(), id, locale), "phrase.removed");
  }

  @PostMapping("/phrases/{id}/up")
  String up(JiaoliuUser user, Locale locale, @PathVariable long id, RedirectAttributes flash) {
    return Outcomes.redirect(flash, "/phrases", () -> phrases.moveUp(user.username(), id, locale), null);
  }
}
