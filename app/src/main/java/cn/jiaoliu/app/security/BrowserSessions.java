package cn.jiaoliu.app.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.oidc.authentication.logout.OidcLogoutToken;
import org.springframework.security.oauth2.client.oidc.session.OidcSessionInformation;
import org.springframework.security.oauth2.client.oidc.session.OidcSessionRegistry;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.authentication.logout.LogoutHandler;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Component;

/**
 * Browser sessions live in the database (Spring Session JDBC, V031), so every app instance serves
 * every browser; this class keeps what used to rely on one instance's memory working across them.
 *
 * <p>Back-channel logout: Keycloak posts the logout token to whichever instance the load balancer
 * picks, which need not be the one the user logged in on. Spring Security's own registry of OIDC
 * sessions is kept in each instance's memory and learns of a session's new id and its end from the
 * servlet container's session events, which sessions in the database do not raise. Instead, each
 * session is labelled at login with its {@link KeycloakLogin} and indexed by the Keycloak subject
 * (Spring Session's principal-name index, column {@code spring_session.principal_name}); a logout
 * token's subject finds the user's sessions in the database, and those of the ended Keycloak session
 * are deleted there, on any instance, at once. So the registry Spring Security would keep is not needed
 * and this one records nothing.
 */
@Component
class BrowserSessions implements OidcSessionRegistry, LogoutHandler {

  private static final Logger log = LoggerFactory.getLogger(BrowserSessions.class);

  private final FindByIndexNameSessionRepository<? extends Session> sessions;

  BrowserSessions(FindByIndexNameSessionRepository<? extends Session> sessions) {
    this.sessions = sessions;
  }

  /** At login (a session authentication strategy): labels the session with the Keycloak login it belongs to. */
  void label(Authentication authentication, HttpServletRequest request, HttpServletResponse response) {
    if (!(authentication.getPrincipal() instanceof OidcUser user)) {
      return;
    }
    KeycloakLogin login = KeycloakLogin.of(user);
    var session = request.getSession();
    session.setAttribute(KeycloakLogin.ATTRIBUTE, login);
    if (login.subject() != null) {
      session.setAttribute(FindByIndexNameSessionRepository.PRINCIPAL_NAME_INDEX_NAME, login.subject());
    }
  }

  /** Back-channel logout: ends, in the database, every session of the Keycloak session the token names. */
  @Override
  public void logout(HttpServletRequest request, HttpServletResponse response, Authentication authentication) {
    if (authentication == null || !(authentication.getPrincipal() instanceof OidcLogoutToken token)) {
      return;
    }
    if (token.getSubject() == null) {
      log.warn("a logout token without a subject (sid {}) ends no session: Keycloak always names the user",
          token.getSessionId());
      return;
    }
    int ended = 0;
    for (Map.Entry<String, ? extends Session> session : sessions.findByPrincipalName(token.getSubject()).entrySet()) {
      KeycloakLogin login = session.getValue().getAttribute(KeycloakLogin.ATTRIBUTE);
      if (login != null && login.endedBy(token)) {
        sessions.deleteById(session.getKey());
        ended++;
      }
    }
    log.info("back-channel logout of Keycloak session {} ended {} browser session(s)", token.getSessionId(), ended);
  }

  /** Nothing to record: the session itself carries its login (see {@link #label}). */
  @Override
  public void saveSessionInformation(OidcSessionInformation info) {
    // the sessions in the database are the registry
  }

  @Override
  public OidcSessionInformation removeSessionInformation(String clientSessionId) {
    return null;
  }

  /** Not asked: back-channel logout goes through {@link #logout}, which ends the sessions itself. */
  @Override
  public Iterable<OidcSessionInformation> removeSessionInformation(OidcLogoutToken logoutToken) {
    return List.of();
  }
}
