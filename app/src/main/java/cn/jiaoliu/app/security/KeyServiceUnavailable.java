package cn.jiaoliu.app.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.web.servlet.LocaleResolver;

/**
 * A bearer token that cannot be checked because Keycloak's signing keys cannot be fetched (the app
 * started while Keycloak was down, or its keys changed then) is not the user's fault: the API
 * answers 503 with a translated problem saying so and that nothing earlier is lost, instead of a
 * 500. A token that is actually bad still gets the usual 401.
 */
final class KeyServiceUnavailable implements AuthenticationFailureHandler {

  private static final Logger log = LoggerFactory.getLogger(KeyServiceUnavailable.class);
  static final String MESSAGE_KEY = "error.identityCheckUnavailable";

  private final AuthenticationEntryPoint otherwise;
  private final MessageSource messages;
  private final LocaleResolver locales;
  private final ObjectMapper json = new ObjectMapper();

  KeyServiceUnavailable(AuthenticationEntryPoint otherwise, MessageSource messages, LocaleResolver locales) {
    this.otherwise = otherwise;
    this.messages = messages;
    this.locales = locales;
  }

  @Override
  public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
      AuthenticationException exception) throws IOException, ServletException {
    if (!(exception instanceof AuthenticationServiceException)) {
      otherwise.commence(request, response, exception);
      return;
    }
    log.warn("bearer token of {} {} not checked, the signing keys cannot be fetched: {}", request.getMethod(),
        request.getRequestURI(), exception.getMessage());
    Locale locale = locales.resolveLocale(request);
    Map<String, Object> problem = new LinkedHashMap<>();
    problem.put("type", "about:blank");
    problem.put("title", HttpStatus.SERVICE_UNAVAILABLE.getReasonPhrase());
    problem.put("status", HttpStatus.SERVICE_UNAVAILABLE.value());
    problem.put("detail", messages.getMessage(MESSAGE_KEY, null, locale));
    problem.put("instance", request.getRequestURI());
    problem.put("code", MESSAGE_KEY);
    response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
    response.setHeader("Retry-After", "30");
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    json.writeValue(response.getOutputStream(), problem);
  }
}
