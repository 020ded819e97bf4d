package cn.jiaoliu.app.notification;

import cn.jiaoliu.app.security.JiaoliuUser;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/** The user's notifications (消息) and their unread count. */
@Controller
class NotificationController {

  private final NotificationService notifications;

  NotificationController(NotificationService notifications) {
    this.notifications = notifications;
  }

  @GetMapping("/notifications")
  String list(JiaoliuUser user, Model model) {
    model.addAttribute("notifications", notifications.latest(user.username(), 100));
    return "notifications";
  }

  @PostMapping("/notifications/read")
  String markRead(JiaoliuUser user) {
    notifications.markAllRead(user.username());
    return "redirect:/notifications";
  }

  @GetMapping("/api/notifications")
  @ResponseBody
  Map<String, Object> api(JiaoliuUser user) {
    List<NotificationService.Notification> latest = notifications.latest(user.username(), 100);
    return Map.of("unread", notifications.unreadCount(user.username()), "notifications", latest);
  }
}
