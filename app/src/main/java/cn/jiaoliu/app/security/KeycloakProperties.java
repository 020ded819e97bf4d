package cn.jiaoliu.app.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Where the realm lives and how the app logs in to it. The secret comes from the environment in production. */
@ConfigurationProperties("jiaoliu.keycloak")
public record KeycloakProperties(String url, String realm, String clientId, String clientSecret) {

  public String issuer() {
    return stripSlash(url) + "/realms/" + realm;
  }

  String endpoint(String path) {
    return issuer() + "/protocol/openid-connect/" + path;
  }

  private static String stripSlash(String value) {
    return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
  }
}
