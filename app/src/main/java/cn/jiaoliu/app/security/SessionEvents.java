package cn.jiaoliu.app.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.session.HttpSessionEventPublisher;

/**
 * Publishes the servlet container's session events to Spring: the registry of OIDC sessions that
 * back-channel logout looks sessions up in ({@code SecurityConfig}, {@code oidcLogout}) follows a
 * session's new id after login and forgets a session once it has expired or been invalidated.
 */
@Configuration
class SessionEvents {

  @Bean
  static HttpSessionEventPublisher httpSessionEventPublisher() {
    return new HttpSessionEventPublisher();
  }
}
