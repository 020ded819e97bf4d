package cn.jiaoliu.app.web;

import cn.jiaoliu.app.security.CurrentUser;
import cn.jiaoliu.app.security.JiaoliuUser;
import java.time.ZoneId;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every page's layout needs: the signed-in user and the display time zone (the bell: {@code UnreadBadge}). */
@ControllerAdvice(annotations = Controller.class)
class PageModel {

  private final ZoneId displayZone;
  PageModel(ZoneId displayZone) {
    this.displayZone = displayZone;
  }

  @ModelAttribute("me")
  JiaoliuUser me(Authentication authentication) {
    return CurrentUser.of(authentication);
  }

  @ModelAttribute("zone")
  ZoneId zone() {
    return displayZone;
  }
}
