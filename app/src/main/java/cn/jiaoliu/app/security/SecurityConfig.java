package cn.jiaoliu.app.security;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;

/**
 * Two chains: {@code /api/**} is a stateless resource server taking Keycloak bearer tokens; every
 * other page logs in through Keycloak (authorization code) and logs out through it. Both map the
 * token's {@code roles} claim to {@code ROLE_*} authorities.
 *
 * <p>The Keycloak endpoints are configured from the realm URL rather than discovered, so the app
 * starts (and serves what it can) while Keycloak is still starting or briefly down.
 */
@Configuration
@EnableMethodSecurity
class SecurityConfig implements WebMvcConfigurer {

  static final String REGISTRATION_ID = "keycloak";

  @Override
  public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
    resolvers.add(new CurrentUserArgumentResolver());
  }

  @Bean
  @Order(1)
  SecurityFilterChain apiChain(HttpSecurity http) throws Exception {
    var jwtConverter = new JwtAuthenticationConverter();
    jwtConverter.setPrincipalClaimName(JiaoliuUser.CLAIM_USERNAME);
    jwtConverter.setJwtGrantedAuthoritiesConverter(jwt -> authorities(jwt.getClaims()));
    return http.securityMatcher("/api/**")
        .authorizeHttpRequests(auth -> auth.anyRequest().authenticated())
        .oauth2ResourceServer(rs -> rs.jwt(jwt -> jwt.jwtAuthenticationConverter(jwtConverter)))
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        // bearer tokens are not sent by browsers on their own, so CSRF cannot ride on them
        .csrf(csrf -> csrf.disable())
        .exceptionHandling(e -> e.authenticationEntryPoint(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED)))
        .build();
  }

  @Bean
  @Order(2)
  SecurityFilterChain browserChain(HttpSecurity http, ClientRegistrationRepository registrations,
      KeycloakProperties keycloak) throws Exception {
    var logoutHandler = new OidcClientInitiatedLogoutSuccessHandler(registrations);
    logoutHandler.setPostLogoutRedirectUri("{baseUrl}/");
    return http.authorizeHttpRequests(
            auth ->
                auth.requestMatchers(
                        "/actuator/health/**", "/actuator/info", "/webjars/**", "/css/**", "/js/**", "/favicon.ico", "/error",
                        LoginServiceCheck.UNAVAILABLE_PAGE)
                    .permitAll()
                    .anyRequest()
                    .authenticated())
        .addFilterBefore(new LoginServiceCheck(keycloak.issuer()),
            org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter.class)
        .oauth2Login(login -> login.userInfoEndpoint(u -> u.oidcUserService(oidcUserService())))
        .logout(logout -> logout.logoutSuccessHandler(logoutHandler))
        .csrf(Customizer.withDefaults())
        .build();
  }

  @Bean
  ClientRegistrationRepository clientRegistrationRepository(KeycloakProperties keycloak) {
    ClientRegistration registration =
        ClientRegistration.withRegistrationId(REGISTRATION_ID)
            .clientId(keycloak.clientId())
            .clientSecret(keycloak.clientSecret())
            .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
            .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
            .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
            .scope("openid", "profile", "email")
            .issuerUri(keycloak.issuer())
            .authorizationUri(keycloak.endpoint("auth"))
            .tokenUri(keycloak.endpoint("token"))
            .jwkSetUri(keycloak.endpoint("certs"))
            .userInfoUri(keycloak.endpoint("userinfo"))
            .userNameAttributeName(JiaoliuUser.CLAIM_USERNAME)
            .providerConfigurationMetadata(Map.of("end_session_endpoint", keycloak.endpoint("logout")))
            .clientName("Keycloak")
            .build();
    return new InMemoryClientRegistrationRepository(registration);
  }

  @Bean
  JwtDecoder jwtDecoder(KeycloakProperties keycloak) {
    NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(keycloak.endpoint("certs")).build();
    decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(keycloak.issuer()));
    return decoder;
  }

  private OAuth2UserService<OidcUserRequest, OidcUser> oidcUserService() {
    OidcUserService delegate = new OidcUserService();
    return request -> {
      OidcUser user = delegate.loadUser(request);
      return new DefaultOidcUser(
          authorities(user.getClaims()), user.getIdToken(), user.getUserInfo(), JiaoliuUser.CLAIM_USERNAME);
    };
  }

  static Collection<GrantedAuthority> authorities(Map<String, Object> claims) {
    Set<Role> roles = JiaoliuUser.rolesOf(claims.get(JiaoliuUser.CLAIM_ROLES));
    return roles.stream()
        .map(role -> (GrantedAuthority) new SimpleGrantedAuthority(role.authority()))
        .collect(Collectors.toUnmodifiableSet());
  }
}
