package cn.jiaoliu.app.security;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.net.MalformedURLException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

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
  /** The public verification of certificates (农村任教经历证明): the page and its JSON twin. */
  static final String VERIFY_PAGE = "/verify";
  static final String VERIFY_API = "/api/verify/*";

  @Override
  public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
    resolvers.add(new CurrentUserArgumentResolver());
  }

  @Bean
  @Order(1)
  SecurityFilterChain apiChain(HttpSecurity http, MessageSource messages, LocaleResolver locales) throws Exception {
    var jwtConverter = new JwtAuthenticationConverter();
    jwtConverter.setPrincipalClaimName(JiaoliuUser.CLAIM_USERNAME);
    jwtConverter.setJwtGrantedAuthoritiesConverter(jwt -> authorities(jwt.getClaims()));
    var unauthorized = new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED);
    var keysUnavailable = new KeyServiceUnavailable(unauthorized, messages, locales);
    return http.securityMatcher("/api/**")
        // the verification of a certificate's code is public (no login), as its page is
        .authorizeHttpRequests(auth -> auth.requestMatchers(HttpMethod.GET, VERIFY_API).permitAll()
            .anyRequest().authenticated())
        .oauth2ResourceServer(rs -> rs.jwt(jwt -> jwt.jwtAuthenticationConverter(jwtConverter))
            .withObjectPostProcessor(new ObjectPostProcessor<BearerTokenAuthenticationFilter>() {
              @Override
              public <O extends BearerTokenAuthenticationFilter> O postProcess(O filter) {
                // Keycloak's keys unreachable: 503 with our message, not a 500
                filter.setAuthenticationFailureHandler(keysUnavailable);
                return filter;
              }
            }))
        .headers(h -> h.contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'none'; frame-ancestors 'none'"))
            .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)))
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        // bearer tokens are not sent by browsers on their own, so CSRF cannot ride on them
        .csrf(csrf -> csrf.disable())
        .exceptionHandling(e -> e.authenticationEntryPoint(unauthorized))
        .build();
  }

  @Bean
  @Order(2)
  SecurityFilterChain browserChain(HttpSecurity http, ClientRegistrationRepository registrations,
      KeycloakProperties keycloak, OAuth2AuthorizedClientRepository authorizedClients, JwtDecoder tokens, Clock clock,
      BrowserSessions sessions) throws Exception {
    var renewals = new DefaultOAuth2AuthorizedClientManager(
        registrations, authorizedClients);
    renewals.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder
        .builder().refreshToken(r -> r.clockSkew(FreshSessionIdentity.SKEW)).build());
    var logoutHandler = new OidcClientInitiatedLogoutSuccessHandler(registrations);
    logoutHandler.setPostLogoutRedirectUri("{baseUrl}/");
    return http.authorizeHttpRequests(
            auth ->
                // Prometheus scrapes on the management port only (bound to the monitoring network, never
                // behind the reverse proxy), without a login; on the app's own port it is refused
                auth.requestMatchers(ManagementPort::scrape)
                    .permitAll()
                    .requestMatchers(ManagementPort.PROMETHEUS)
                    .denyAll()
                    .requestMatchers(
                        "/actuator/health/**", "/actuator/info", "/webjars/**", "/css/**", "/js/**", "/favicon.ico", "/error",
                        LoginServiceCheck.UNAVAILABLE_PAGE, VERIFY_PAGE)
                    .permitAll()
                    // metrics and any other endpoint beyond health and info: administrators only
                    .requestMatchers("/actuator/**")
                    .hasRole(Role.ADMIN.name())
                    .anyRequest()
                    .authenticated())
        .headers(h -> h.contentSecurityPolicy(csp -> csp.policyDirectives(contentSecurityPolicy(keycloak)))
            .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN)))
        .addFilterBefore(new LoginServiceCheck(keycloak.issuer(), clock),
            OAuth2AuthorizationRequestRedirectFilter.class)
        .oauth2Login(login -> login.userInfoEndpoint(u -> u.oidcUserService(oidcUserService()))
            .oidcSessionRegistry(sessions))
        // sessions live in the database (any instance serves any browser): each is labelled at login
        // with its Keycloak login, which back-channel logout finds it by
        .sessionManagement(s -> s.addSessionAuthenticationStrategy(sessions::label))
        .addFilterBefore(new FreshSessionIdentity(authorizedClients, renewals, tokens, clock),
            AuthorizationFilter.class)
        .logout(logout -> logout.logoutSuccessHandler(logoutHandler))
        // Keycloak's back-channel logout (an administrator's "log out", a user disabled and logged
        // out, the end of the SSO session) ends the app session at once, not at the next renewal, on
        // whichever instance Keycloak reaches: the session is deleted from the database (BrowserSessions)
        .oidcLogout(l -> l.backChannel(b -> b.logoutHandler(sessions)))
        .csrf(Customizer.withDefaults())
        .build();
  }

  /**
   * The pages' Content-Security-Policy: scripts only from the app's own files (no inline script or
   * handler, no eval), no framing, forms posted only to the app and to Keycloak (logout ends there).
   * Inline style attributes stay allowed (a few templates and htmx's indicator style use them; they
   * cannot run code).
   */
  static String contentSecurityPolicy(KeycloakProperties keycloak) {
    String origin = URI.create(keycloak.url()).resolve("/").toString().replaceAll("/$", "");
    return "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        + "object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self' " + origin;
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

  /**
   * Checks bearer tokens against the realm's signing keys, fetched from Keycloak and kept for
   * {@code jiaoliu.keycloak.keys.cache}. When they must be fetched again while Keycloak does not
   * answer, the keys fetched last stay in use for {@code jiaoliu.keycloak.keys.outage-tolerance},
   * so users holding a token keep working through an outage (without it, every API call failed
   * once the cache had expired).
   */
  @Bean
  JwtDecoder jwtDecoder(KeycloakProperties keycloak,
      @Value("${jiaoliu.keycloak.keys.cache:PT5M}") Duration cache,
      @Value("${jiaoliu.keycloak.keys.outage-tolerance:PT1H}") Duration outageTolerance,
      @Value("${jiaoliu.keycloak.tokens.remembered:5000}") int remembered, Clock clock) throws MalformedURLException {
    return new VerifiedTokens(jwtDecoder(keycloak, cache, outageTolerance, KEY_FETCH_TIMEOUT), clock, remembered);
  }

  static final Duration KEY_FETCH_TIMEOUT = Duration.ofSeconds(3);

  static NimbusJwtDecoder jwtDecoder(KeycloakProperties keycloak, Duration cache, Duration outageTolerance,
      Duration fetchTimeout) throws MalformedURLException {
    int timeout = (int) fetchTimeout.toMillis();
    JWKSource<SecurityContext> keys = JWKSourceBuilder
        .create(URI.create(keycloak.endpoint("certs")).toURL(), new DefaultResourceRetriever(timeout, timeout, 512 * 1024))
        .cache(cache.toMillis(), fetchTimeout.toMillis())
        .refreshAheadCache(false)
        .outageTolerant(outageTolerance.toMillis())
        // a token with an unknown key id (keys rotated) fetches the keys again, at most this often
        .rateLimited(Math.min(JWKSourceBuilder.DEFAULT_RATE_LIMIT_MIN_INTERVAL, cache.toMillis() / 2))
        .retrying(false)
        .build();
    DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
    // the claims (issuer, expiry, issued for the app) are checked by the validators below
    processor.setJWTClaimsSetVerifier((claims, context) -> {});
    NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
    decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
        JwtValidators.createDefaultWithIssuer(keycloak.issuer()), new IssuedForTheApp(keycloak.clientId())));
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
