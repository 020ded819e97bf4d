package cn.jiaoliu.app.user;

import cn.jiaoliu.app.security.CurrentUser;
import cn.jiaoliu.app.security.JiaoliuUser;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/** Keeps {@link UserDirectory} current with what signed-in users' tokens say. */
@Component
class UserSeenFilter extends OncePerRequestFilter {

  private static final Logger log = LoggerFactory.getLogger(UserSeenFilter.class);

  private final UserDirectory directory;

  UserSeenFilter(UserDirectory directory) {
    this.directory = directory;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    JiaoliuUser user = CurrentUser.of(authentication);
    if (user != null && user.username() != null) {
      try {
        directory.seen(user, email(authentication), issuedAt(authentication));
      } catch (RuntimeException e) {
        log.warn("could not record user {}: {}", user.username(), e.toString());
      }
    }
    chain.doFilter(request, response);
  }

  private static Instant issuedAt(Authentication authentication) {
    if (authentication instanceof JwtAuthenticationToken jwt) {
      return jwt.getToken().getIssuedAt();
    }
    if (authentication.getPrincipal() instanceof OidcUser oidc) {
      return oidc.getIssuedAt();
    }
    return null;
  }

  private static String email(Authentication authentication) {
    if (authentication instanceof JwtAuthenticationToken jwt) {
      return jwt.getToken().getClaimAsString("email");
    }
    if (authentication.getPrincipal() instanceof OidcUser oidc) {
      return oidc.getEmail();
    }
    return null;
  }
}
