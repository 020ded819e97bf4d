package cn.jiaoliu.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * A browser session's identity is renewed from Keycloak once its access token expires: a principal
 * relinked as teacher is a teacher from then on, and a user Keycloak no longer renews (disabled,
 * logged out) loses the session. Sessions once kept the roles of their login for good.
 */
class FreshSessionIdentityTest {

  static final Instant NOW = Instant.parse("2026-12-05T02:00:00Z");
  static final ClientRegistration KEYCLOAK = ClientRegistration.withRegistrationId("keycloak").clientId("jiaoliu-app")
      .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE).redirectUri("{baseUrl}/login")
      .authorizationUri("http://kc/auth").tokenUri("http://kc/token").build();

  final Map<String, OAuth2AuthorizedClient> stored = new HashMap<>();
  final OAuth2AuthorizedClientRepository repository = new OAuth2AuthorizedClientRepository() {
    @SuppressWarnings("unchecked")
    @Override
    public <T extends OAuth2AuthorizedClient> T loadAuthorizedClient(String id, Authentication principal,
        HttpServletRequest request) {
      return (T) stored.get(id);
    }

    @Override
    public void saveAuthorizedClient(OAuth2AuthorizedClient client, Authentication principal, HttpServletRequest request,
        jakarta.servlet.http.HttpServletResponse response) {
      stored.put(client.getClientRegistration().getRegistrationId(), client);
    }

    @Override
    public void removeAuthorizedClient(String id, Authentication principal, HttpServletRequest request,
        jakarta.servlet.http.HttpServletResponse response) {
      stored.remove(id);
    }
  };

  @AfterEach
  void clear() {
    SecurityContextHolder.clearContext();
  }

  private static OAuth2AuthorizedClient client(String value, Instant expires) {
    return new OAuth2AuthorizedClient(KEYCLOAK, "principal.wang",
        new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, value, expires.minusSeconds(300), expires),
        new OAuth2RefreshToken("refresh", expires.minusSeconds(300)));
  }

  private static void loggedInAsPrincipal() {
    Map<String, Object> claims = Map.of("sub", "u1", "preferred_username", "principal.wang", "name", "王芳",
        "roles", List.of("principal"), "school_code", "LC-U01", "district_code", "LC");
    var user = new DefaultOidcUser(SecurityConfig.authorities(claims),
        new OidcIdToken("id", NOW.minusSeconds(600), NOW.plusSeconds(600), claims), "preferred_username");
    SecurityContextHolder.getContext().setAuthentication(
        new OAuth2AuthenticationToken(user, user.getAuthorities(), "keycloak"));
  }

  private static Jwt relinkedAsTeacher(String value) {
    return Jwt.withTokenValue(value).header("alg", "RS256").issuedAt(NOW).expiresAt(NOW.plusSeconds(300))
        .claim("sub", "u1").claim("preferred_username", "principal.wang").claim("name", "王芳")
        .claim("roles", List.of("teacher")).claim("school_code", "LC-U01").claim("district_code", "LC").build();
  }

  private FreshSessionIdentity filter(OAuth2AuthorizedClientManager manager) {
    return new FreshSessionIdentity(repository, manager, FreshSessionIdentityTest::relinkedAsTeacher,
        Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @Test
  void anExpiredTokenIsRenewedAndTheRolesAreTakenFromTheNewOne() throws Exception {
    stored.put("keycloak", client("old", NOW.minusSeconds(5)));
    loggedInAsPrincipal();
    AtomicReference<List<String>> seen = new AtomicReference<>();
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/statistics");

    filter(r -> client("new", NOW.plusSeconds(300))).doFilter(request, new MockHttpServletResponse(),
        (req, res) -> seen.set(SecurityContextHolder.getContext().getAuthentication().getAuthorities().stream()
            .map(GrantedAuthority::getAuthority).toList()));

    assertThat(seen.get()).containsExactly("ROLE_TEACHER");
    assertThat(JiaoliuUser.fromClaims(((DefaultOidcUser) SecurityContextHolder.getContext().getAuthentication()
        .getPrincipal()).getClaims()).roles()).containsExactly(Role.TEACHER);
  }

  @Test
  void aRenewalKeycloakRefusesEndsTheSession() throws Exception {
    stored.put("keycloak", client("old", NOW.minusSeconds(5)));
    loggedInAsPrincipal();
    MockHttpServletRequest request = new MockHttpServletRequest("POST", "/tasks/7/complete");
    var session = request.getSession(true);
    MockHttpServletResponse response = new MockHttpServletResponse();
    AtomicInteger reached = new AtomicInteger();

    filter(r -> {
      throw new OAuth2AuthorizationException(new OAuth2Error("invalid_grant", "Account disabled", null));
    }).doFilter(request, response, (req, res) -> reached.incrementAndGet());

    assertThat(reached.get()).as("the request went no further").isZero();
    assertThat(((org.springframework.mock.web.MockHttpSession) session).isInvalid()).isTrue();
    assertThat(response.getRedirectedUrl()).isEqualTo("/");
    assertThat(SecurityContextHolder.getContext().getAuthentication()).isNull();
  }

  /** Keycloak not answering is not a refusal: an outage must not log everybody out. */
  @Test
  void whileKeycloakDoesNotAnswerTheSessionGoesOn() throws Exception {
    stored.put("keycloak", client("old", NOW.minusSeconds(5)));
    loggedInAsPrincipal();
    AtomicInteger reached = new AtomicInteger();

    filter(r -> {
      throw new OAuth2AuthorizationException(new OAuth2Error("invalid_token_response", "Connection refused", null));
    }).doFilter(new MockHttpServletRequest("GET", "/tasks"), new MockHttpServletResponse(),
        (req, res) -> reached.incrementAndGet());

    assertThat(reached.get()).isEqualTo(1);
    assertThat(SecurityContextHolder.getContext().getAuthentication().getAuthorities())
        .extracting(GrantedAuthority::getAuthority).containsExactly("ROLE_PRINCIPAL");
  }

  @Test
  void aTokenStillValidIsNotRenewed() throws Exception {
    stored.put("keycloak", client("current", NOW.plusSeconds(200)));
    loggedInAsPrincipal();
    AtomicInteger renewals = new AtomicInteger();

    filter(r -> {
      renewals.incrementAndGet();
      return null;
    }).doFilter(new MockHttpServletRequest("GET", "/"), new MockHttpServletResponse(), (req, res) -> { });

    assertThat(renewals.get()).isZero();
    assertThat(SecurityContextHolder.getContext().getAuthentication().getAuthorities())
        .extracting(GrantedAuthority::getAuthority).containsExactly("ROLE_PRINCIPAL");
  }
}
