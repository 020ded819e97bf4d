package cn.jiaoliu.app.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Before the browser is sent to Keycloak to log in, checks that Keycloak answers (the realm's
 * discovery document, two seconds at most, the answer kept for five seconds). When it does not,
 * the user gets our own page saying the login service is unavailable for now (503) instead of the
 * browser's connection error; nothing else changes, and work already in the app is untouched.
 */
final class LoginServiceCheck extends OncePerRequestFilter {

  static final String UNAVAILABLE_PAGE = "/login-unavailable";
  private static final Duration TIMEOUT = Duration.ofSeconds(2);
  private static final Duration REMEMBER = Duration.ofSeconds(5);

  private final URI discovery;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  private volatile Instant checkedAt = Instant.EPOCH;
  private volatile boolean reachable;

  private final Clock clock;

  LoginServiceCheck(String issuer, Clock clock) {
    this.discovery = URI.create(issuer + "/.well-known/openid-configuration");
    this.clock = clock;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !request.getRequestURI().startsWith(request.getContextPath() + "/oauth2/authorization/");
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (reachable()) {
      chain.doFilter(request, response);
    } else {
      request.getRequestDispatcher(UNAVAILABLE_PAGE).forward(request, response);
    }
  }

  boolean reachable() {
    Instant now = clock.instant();
    if (now.isAfter(checkedAt.plus(REMEMBER))) {
      reachable = probe();
      checkedAt = now;
    }
    return reachable;
  }

  private boolean probe() {
    try {
      HttpResponse<Void> response = http.send(HttpRequest.newBuilder(discovery).timeout(TIMEOUT).GET().build(),
          HttpResponse.BodyHandlers.discarding());
      return response.statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
