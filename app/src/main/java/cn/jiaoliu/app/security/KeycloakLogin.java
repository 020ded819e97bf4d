package cn.jiaoliu.app.security;

import java.io.Serial;
import java.io.Serializable;
import java.util.Objects;
import org.springframework.security.oauth2.client.oidc.authentication.logout.OidcLogoutToken;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * Which Keycloak login a browser session belongs to, kept in the session from its login on: the
 * realm (issuer), the user (subject) and Keycloak's session ({@code sid}). A back-channel logout
 * token names the same three; the identity in the session is renewed from access tokens, which need
 * not carry {@code sid}, so the login's are kept apart from it.
 */
record KeycloakLogin(String issuer, String subject, String sessionId) implements Serializable {

  @Serial
  private static final long serialVersionUID = 1L;

  /** The session attribute holding it. */
  static final String ATTRIBUTE = KeycloakLogin.class.getName();

  static KeycloakLogin of(OidcUser user) {
    return new KeycloakLogin(user.getIssuer() == null ? null : user.getIssuer().toString(), user.getSubject(),
        user.getClaimAsString("sid"));
  }

  /**
   * Whether the logout token ends this login: the same realm and user and, when the token names
   * Keycloak's session, that session (else every session of the user, as the specification says).
   */
  boolean endedBy(OidcLogoutToken token) {
    if (token.getIssuer() == null || !token.getIssuer().toString().equals(issuer)
        || !Objects.equals(token.getSubject(), subject)) {
      return false;
    }
    return token.getSessionId() == null || token.getSessionId().equals(sessionId);
  }
}
