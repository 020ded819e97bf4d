package cn.jiaoliu.app.web;

import cn.jiaoliu.app.notification.NotificationService;
import cn.jiaoliu.app.security.CurrentUser;
import cn.jiaoliu.app.security.JiaoliuUser;
import java.time.ZoneId;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every page's layout needs: the signed-in user and the display time zone. */
@ControllerAdvice(annotations = Controller.class)
class PageModel {

  private final ZoneId displayZone;
  private final NotificationService notifications;

  PageModel(ZoneId displayZone, NotificationService notifications) {
    this.displayZone = displayZone;
    this.notifications = notifications;
  }

  /**
   * Unread notifications for the layout's bell. REST controllers are {@code @Controller}s too, so
   * this runs for API calls as well; they render no page, and a bearer-token call (the API's only
   * way in) skips the query instead of counting on every request.
   */
  @ModelAttribute("unread")
  long unread(Authentication authentication) {
    JiaoliuUser user = CurrentUser.of(authentication);
    if (user == null || authentication instanceof JwtAuthenticationToken) {
      return 0;
    }
    return notifications.unreadCount(user.username());
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
