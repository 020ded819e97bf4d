package cn.jiaoliu.app.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/** Reads a {@link JiaoliuUser} from a browser session (OIDC) or an API call (JWT). */
public final class CurrentUser {

  private CurrentUser() {}

  public static JiaoliuUser of(Authentication authentication) {
    if (authentication == null) {
      return null;
    }
    if (authentication instanceof JwtAuthenticationToken jwt) {
      return JiaoliuUser.fromClaims(jwt.getToken().getClaims());
    }
    if (authentication.getPrincipal() instanceof OidcUser oidc) {
      return JiaoliuUser.fromClaims(oidc.getClaims());
    }
    return null;
  }
}
