package cn.jiaoliu.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jiaoliu.app.audit.AuditVerification;
import cn.jiaoliu.testsupport.TestDatabase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.oidc.authentication.logout.OidcLogoutToken;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.web.csrf.DefaultCsrfToken;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.web.servlet.FlashMap;

/**
 * Browser sessions in the database (V031, Spring Session JDBC): what the app keeps in a session
 * survives the round trip through the table, and a back-channel logout token ends exactly the
 * sessions of the Keycloak session it names, found in the database (any instance may receive it).
 */
@SpringBootTest
@ActiveProfiles("test")
@ContextConfiguration(initializers = TestDatabase.class)
class BrowserSessionsTest {

  @Autowired JdbcIndexedSessionRepository repository;
  @Autowired BrowserSessions sessions;
  @Autowired KeycloakProperties keycloak;
  @Autowired ClientRegistrationRepository registrations;

  /** The repository as any session store: its own session type is not public. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private SessionRepository<Session> store() {
    return (SessionRepository) repository;
  }

  private DefaultOidcUser user(String subject, String sid, String username) {
    Map<String, Object> claims = new HashMap<>(Map.of("iss", keycloak.issuer(), "sub", subject, "sid", sid,
        "aud", List.of("jiaoliu-app"), "preferred_username", username, "roles", List.of("principal"),
        "school_code", "LC-U01", "district_code", "LC"));
    Instant now = Instant.now();
    return new DefaultOidcUser(SecurityConfig.authorities(claims),
        new OidcIdToken("id-" + sid, now, now.plusSeconds(300), claims), JiaoliuUser.CLAIM_USERNAME);
  }

  /** A session as a login leaves it: labelled by the session strategy, the security context saved, stored. */
  private String loggedIn(DefaultOidcUser user) {
    OAuth2AuthenticationToken authentication =
        new OAuth2AuthenticationToken(user, user.getAuthorities(), SecurityConfig.REGISTRATION_ID);
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/login/oauth2/code/keycloak");
    sessions.label(authentication, request, new MockHttpServletResponse());
    Session session = store().createSession();
    for (String name : Collections.list(request.getSession().getAttributeNames())) {
      session.setAttribute(name, request.getSession().getAttribute(name));
    }
    session.setAttribute("SPRING_SECURITY_CONTEXT", new SecurityContextImpl(authentication));
    store().save(session);
    return session.getId();
  }

  private OidcLogoutToken logoutToken(String subject, String sid) {
    OidcLogoutToken.Builder token = OidcLogoutToken.withTokenValue("logout").issuer(keycloak.issuer())
        .subject(subject).audience(List.of("jiaoliu-app")).issuedAt(Instant.now()).jti("j-" + System.nanoTime())
        .events(Map.of("http://schemas.openid.net/event/backchannel-logout", Map.of()));
    return sid == null ? token.build() : token.sessionId(sid).build();
  }

  private void backChannelLogout(OidcLogoutToken token) {
    sessions.logout(new MockHttpServletRequest("POST", "/logout/connect/back-channel/keycloak"),
        new MockHttpServletResponse(), new TestingAuthenticationToken(token, token));
  }

  @Test
  void aLogoutTokenEndsTheSessionsOfItsKeycloakSessionOnly() {
    String ended = loggedIn(user("kc-user-1", "kc-sid-a", "principal.wang"));
    String otherBrowser = loggedIn(user("kc-user-1", "kc-sid-b", "principal.wang"));
    String otherUser = loggedIn(user("kc-user-2", "kc-sid-c", "principal.liu"));

    backChannelLogout(logoutToken("kc-user-1", "kc-sid-a"));

    assertThat(store().findById(ended)).as("the ended Keycloak session's").isNull();
    assertThat(store().findById(otherBrowser)).as("the same user's other Keycloak session").isNotNull();
    assertThat(store().findById(otherUser)).as("another user's").isNotNull();
  }

  @Test
  void aLogoutTokenWithoutASessionIdEndsEverySessionOfTheUser() {
    String first = loggedIn(user("kc-user-3", "kc-sid-d", "principal.zhao"));
    String second = loggedIn(user("kc-user-3", "kc-sid-e", "principal.zhao"));
    String otherUser = loggedIn(user("kc-user-4", "kc-sid-f", "principal.sun"));

    backChannelLogout(logoutToken("kc-user-3", null));

    assertThat(store().findById(first)).isNull();
    assertThat(store().findById(second)).isNull();
    assertThat(store().findById(otherUser)).isNotNull();
  }

  @Test
  void aLogoutTokenOfAnotherRealmEndsNothing() {
    String session = loggedIn(user("kc-user-5", "kc-sid-g", "teacher.li"));
    OidcLogoutToken foreign = OidcLogoutToken.withTokenValue("logout").issuer("http://elsewhere/realms/jiaoliu")
        .subject("kc-user-5").sessionId("kc-sid-g").audience(List.of("jiaoliu-app")).issuedAt(Instant.now())
        .jti("j").events(Map.of("http://schemas.openid.net/event/backchannel-logout", Map.of())).build();

    backChannelLogout(foreign);

    assertThat(store().findById(session)).isNotNull();
  }

  /**
   * What a browser session holds (the login, its tokens, the CSRF token, a pending login's saved
   * request and the flash attributes of a redirect) is written to the table and read back.
   */
  @Test
  void whatTheAppKeepsInASessionSurvivesTheDatabase() {
    DefaultOidcUser user = user("kc-user-6", "kc-sid-h", "auditor");
    String id = loggedIn(user);
    Session session = store().findById(id);
    Instant now = Instant.now();
    HashMap<String, OAuth2AuthorizedClient> clients = new HashMap<>(Map.of(SecurityConfig.REGISTRATION_ID,
        new OAuth2AuthorizedClient(registrations.findByRegistrationId(SecurityConfig.REGISTRATION_ID), "auditor",
            new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "access", now, now.plusSeconds(300)),
            new OAuth2RefreshToken("refresh", now))));
    session.setAttribute("org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository"
        + ".AUTHORIZED_CLIENTS", clients);
    session.setAttribute("org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository.CSRF_TOKEN",
        new DefaultCsrfToken("X-CSRF-TOKEN", "_csrf", "csrf-value"));
    FlashMap flash = new FlashMap();
    flash.put("notice", "channel.added");
    flash.put("verification", new AuditVerification.Result(now, 12, null, null));
    flash.put("fieldErrors", Map.of("opensAt", "assessment.error.opensAt"));
    flash.put("opErrorArgs", new Object[] {20, "LC-U01"});
    session.setAttribute("org.springframework.web.servlet.support.SessionFlashMapManager.FLASH_MAPS",
        new ArrayList<>(List.of(flash)));
    store().save(session);

    Session read = store().findById(id);
    SecurityContextImpl context = read.getAttribute("SPRING_SECURITY_CONTEXT");
    assertThat(context.getAuthentication().getName()).isEqualTo("auditor");
    assertThat(((DefaultOidcUser) context.getAuthentication().getPrincipal()).getClaimAsString("sid"))
        .isEqualTo("kc-sid-h");
    Map<String, OAuth2AuthorizedClient> readClients = read.getAttribute(
        "org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository.AUTHORIZED_CLIENTS");
    assertThat(readClients.get(SecurityConfig.REGISTRATION_ID).getRefreshToken().getTokenValue()).isEqualTo("refresh");
    DefaultCsrfToken csrf = read.getAttribute("org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository"
        + ".CSRF_TOKEN");
    assertThat(csrf.getToken()).isEqualTo("csrf-value");
    List<FlashMap> flashes = read.getAttribute("org.springframework.web.servlet.support.SessionFlashMapManager"
        + ".FLASH_MAPS");
    assertThat(((AuditVerification.Result) flashes.getFirst().get("verification")).checked()).isEqualTo(12);
    assertThat(read.<KeycloakLogin>getAttribute(KeycloakLogin.ATTRIBUTE))
        .isEqualTo(new KeycloakLogin(keycloak.issuer(), "kc-user-6", "kc-sid-h"));
  }
}
