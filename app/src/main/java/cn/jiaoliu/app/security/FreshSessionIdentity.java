package cn.jiaoliu.app.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps a browser session's identity no older than an access token: once the session's access
 * token has expired, it is refreshed with Keycloak and the roles, school and district are taken
 * anew from the new token; a refresh Keycloak refuses (the user disabled or logged out, the SSO
 * session ended) ends the app session. Sessions once kept the roles of their login for as long as
 * the user kept clicking: a principal relinked as teacher, then disabled, still signed as principal.
 */
final class FreshSessionIdentity extends OncePerRequestFilter {

  private static final Logger log = LoggerFactory.getLogger(FreshSessionIdentity.class);
  /** Refreshed a little before it expires, so that no request runs on an expiring identity. */
  static final Duration SKEW = Duration.ofSeconds(30);
  /** Keycloak's answer to a refresh token it will not renew: user disabled, logged out, SSO session over. */
  private static final String REFUSED = "invalid_grant";

  private final OAuth2AuthorizedClientRepository clients;
  private final OAuth2AuthorizedClientManager manager;
  private final JwtDecoder tokens;
  private final Clock clock;
  private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

  FreshSessionIdentity(OAuth2AuthorizedClientRepository clients, OAuth2AuthorizedClientManager manager, JwtDecoder tokens,
      Clock clock) {
    this.clients = clients;
    this.manager = manager;
    this.tokens = tokens;
    this.clock = clock;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (!(authentication instanceof OAuth2AuthenticationToken login) || !(login.getPrincipal() instanceof OidcUser user)) {
      chain.doFilter(request, response);
      return;
    }
    OAuth2AuthorizedClient client = clients.loadAuthorizedClient(login.getAuthorizedClientRegistrationId(), login, request);
    Instant expires = client == null ? null : client.getAccessToken().getExpiresAt();
    if (expires == null || expires.isAfter(clock.instant().plus(SKEW))) {
      chain.doFilter(request, response);
      return;
    }
    OAuth2AuthorizedClient refreshed;
    try {
      refreshed = manager.authorize(OAuth2AuthorizeRequest.withAuthorizedClient(client).principal(login)
          .attributes(a -> {
            a.put(HttpServletRequest.class.getName(), request);
            a.put(HttpServletResponse.class.getName(), response);
          }).build());
    } catch (OAuth2AuthorizationException e) {
      if (!REFUSED.equals(e.getError().getErrorCode())) {
        // Keycloak did not answer: the session goes on as it is until it answers again (an outage
        // must not log everybody out), and the renewal is tried on the next request
        log.warn("could not renew the session of {} ({}); trying again on the next request", user.getName(),
            e.getMessage());
        chain.doFilter(request, response);
        return;
      }
      log.info("session of {} ended: Keycloak refused to renew it ({})", user.getName(), e.getMessage());
      end(request);
      // a page asked for again starts a new login; a form posted by someone no longer allowed is not kept
      response.sendRedirect("GET".equals(request.getMethod()) ? request.getRequestURI()
          + (request.getQueryString() == null ? "" : "?" + request.getQueryString()) : request.getContextPath() + "/");
      return;
    }
    Jwt token;
    try {
      token = tokens.decode(refreshed.getAccessToken().getTokenValue());
    } catch (JwtException | NullPointerException e) {
      log.warn("the renewed token of {} could not be read ({}); the session goes on as it is", user.getName(),
          e.getMessage());
      chain.doFilter(request, response);
      return;
    }
    Map<String, Object> claims = token.getClaims();
    // the login's ID token stays the token's value: logout hands it to Keycloak as id_token_hint
    OidcIdToken identity = new OidcIdToken(user.getIdToken().getTokenValue(), token.getIssuedAt(), token.getExpiresAt(),
        claims);
    OidcUser renewed = new DefaultOidcUser(SecurityConfig.authorities(claims), identity, JiaoliuUser.CLAIM_USERNAME);
    OAuth2AuthenticationToken current =
        new OAuth2AuthenticationToken(renewed, renewed.getAuthorities(), login.getAuthorizedClientRegistrationId());
    current.setDetails(login.getDetails());
    SecurityContext context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(current);
    SecurityContextHolder.setContext(context);
    contexts.saveContext(context, request, response);
    chain.doFilter(request, response);
  }

  private static void end(HttpServletRequest request) {
    SecurityContextHolder.clearContext();
    HttpSession session = request.getSession(false);
    if (session != null) {
      session.invalidate();
    }
  }
}
