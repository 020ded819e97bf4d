package cn.jiaoliu.app.web;

import cn.jiaoliu.app.security.AllowedRoles;
import cn.jiaoliu.app.security.CurrentUser;
import cn.jiaoliu.app.security.JiaoliuUser;
import cn.jiaoliu.app.security.Role;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/** Applies {@link AllowedRoles}: the declared role gates of pages and endpoints, one place for all. */
class RoleGate implements HandlerInterceptor {

  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
    if (handler instanceof HandlerMethod method) {
      AllowedRoles allowed = gate(method);
      if (allowed != null && !holdsAny(allowed.value())) {
        throw new UserFacingException(HttpStatus.FORBIDDEN, "error.forbidden");
      }
    }
    return true;
  }

  static AllowedRoles gate(HandlerMethod method) {
    AllowedRoles onMethod = AnnotatedElementUtils.findMergedAnnotation(method.getMethod(), AllowedRoles.class);
    return onMethod != null ? onMethod
        : AnnotatedElementUtils.findMergedAnnotation(method.getBeanType(), AllowedRoles.class);
  }

  /** The roles of the app's user (from the token's or the session's claims, as everywhere else). */
  private static boolean holdsAny(Role[] roles) {
    JiaoliuUser user = CurrentUser.of(SecurityContextHolder.getContext().getAuthentication());
    return user != null && Arrays.stream(roles).anyMatch(user::has);
  }
}
