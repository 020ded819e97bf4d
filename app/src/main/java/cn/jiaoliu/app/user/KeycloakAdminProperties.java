package cn.jiaoliu.app.user;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The service account (client credentials) the app manages users with through Keycloak's admin REST
 * API; the Keycloak URL and realm are those of {@code jiaoliu.keycloak}. The secret comes from the
 * environment in production.
 *
 * @param timeout connect and read timeout of each call
 * @param maxUsers how many users one listing reads at most
 */
@ConfigurationProperties("jiaoliu.keycloak.admin")
record KeycloakAdminProperties(String clientId, String clientSecret, Duration timeout, int maxUsers) {

  KeycloakAdminProperties {
    timeout = timeout == null ? Duration.ofSeconds(5) : timeout;
    maxUsers = maxUsers <= 0 ? 5000 : maxUsers;
  }
}
