package cn.jiaoliu.app.user;

import cn.jiaoliu.app.web.UserFacingException;
import org.springframework.http.HttpStatus;

/** Keycloak's admin API did not answer, or refused the app's service account: a translated 503. */
class KeycloakUnavailableException extends UserFacingException {

  KeycloakUnavailableException(Throwable cause) {
    super(HttpStatus.SERVICE_UNAVAILABLE, "users.error.keycloakUnavailable");
    initCause(cause);
  }
}
