package cn.jiaoliu.app.notification;

import cn.jiaoliu.app.security.CurrentUser;
import cn.jiaoliu.app.security.JiaoliuUser;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** The layout's bell: how many notifications the signed-in user has not read. */
@ControllerAdvice(annotations = Controller.class)
class UnreadBadge {

  private final NotificationService notifications;

  UnreadBadge(NotificationService notifications) {
    this.notifications = notifications;
  }

  /**
   * REST controllers are {@code @Controller}s too, so this runs for API calls as well; they render
   * no page, and a bearer-token call (the API's only way in) skips the query instead of counting on
   * every request.
   */
  @ModelAttribute("unread")
  long unread(Authentication authentication) {
    JiaoliuUser user = CurrentUser.of(authentication);
    if (user == null || authentication instanceof JwtAuthenticationToken) {
      return 0;
    }
    return notifications.unreadCount(user.username());
  }
}
