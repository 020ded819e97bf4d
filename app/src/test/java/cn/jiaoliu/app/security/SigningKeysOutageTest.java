package cn.jiaoliu.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * The app's token decoder against a real HTTP peer serving a realm's signing keys (JWKS), which
 * then goes away as Keycloak would: tokens keep being accepted after the key cache has expired,
 * a forged token is still refused, and an app that never got the keys reports the service as
 * unavailable rather than the token as bad.
 */
class SigningKeysOutageTest {

  static final Duration CACHE = Duration.ofMillis(1500);

  HttpServer keycloak;
  RSAKey key;
  KeycloakProperties realm;

  @BeforeEach
  void serveKeys() throws Exception {
    key = new RSAKeyGenerator(2048).keyID("k1").generate();
    byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
    keycloak = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    keycloak.createContext("/realms/jiaoliu/protocol/openid-connect/certs", exchange -> {
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, jwks.length);
      exchange.getResponseBody().write(jwks);
      exchange.close();
    });
    keycloak.start();
    realm = new KeycloakProperties("http://127.0.0.1:" + keycloak.getAddress().getPort(), "jiaoliu", "jiaoliu-app", "x");
  }

  @AfterEach
  void stop() {
    keycloak.stop(0);
  }

  @Test
  void tokensAreStillCheckedWhenKeycloakIsGoneAfterTheKeyCacheExpired() throws Exception {
    NimbusJwtDecoder decoder = SecurityConfig.jwtDecoder(realm, CACHE, Duration.ofHours(1), Duration.ofSeconds(1));
    assertThat(decoder.decode(token(key)).getSubject()).isEqualTo("teacher.zhang");

    keycloak.stop(0);
    Thread.sleep(CACHE.multipliedBy(3).toMillis());

    assertThat(decoder.decode(token(key)).getSubject()).as("the keys fetched last stay in use").isEqualTo("teacher.zhang");
    RSAKey forger = new RSAKeyGenerator(2048).keyID("k1").generate();
    assertThatThrownBy(() -> decoder.decode(token(forger))).isInstanceOf(BadJwtException.class);
  }

  @Test
  void withoutKeysEverFetchedTheServiceIsReportedUnavailableNotTheTokenBad() throws Exception {
    keycloak.stop(0);
    NimbusJwtDecoder decoder = SecurityConfig.jwtDecoder(realm, CACHE, Duration.ofHours(1), Duration.ofSeconds(1));

    // a JwtException that is not a BadJwtException becomes an AuthenticationServiceException (503)
    assertThatThrownBy(() -> decoder.decode(token(key)))
        .isInstanceOf(JwtException.class).isNotInstanceOf(BadJwtException.class);
  }

  String token(RSAKey signer) throws JOSEException {
    return token(signer, "jiaoliu-app", null, "teacher.zhang");
  }

  /**
   * Only tokens issued for the app pass: one issued to admin-cli (the password grant needs no
   * secret) and the user-administration client's service account were once accepted.
   */
  @Test
  void onlyTokensIssuedForTheAppAreAccepted() throws Exception {
    NimbusJwtDecoder decoder = SecurityConfig.jwtDecoder(realm, CACHE, Duration.ofHours(1), Duration.ofSeconds(1));
    assertThat(decoder.decode(token(key, "jiaoliu-app", null, "teacher.zhang")).getSubject()).isEqualTo("teacher.zhang");
    assertThat(decoder.decode(token(key, "some-portal", "jiaoliu-app", "teacher.zhang")).getSubject())
        .as("the app among the audiences (an audience mapper)").isEqualTo("teacher.zhang");
    assertThatThrownBy(() -> decoder.decode(token(key, "admin-cli", "account", "teacher.zhang")))
        .isInstanceOf(BadJwtException.class);
    assertThatThrownBy(() -> decoder.decode(token(key, "jiaoliu-admin", null, "service-account-jiaoliu-admin")))
        .isInstanceOf(BadJwtException.class);
    assertThatThrownBy(() -> decoder.decode(token(key, "jiaoliu-app", null, "service-account-jiaoliu-app")))
        .isInstanceOf(BadJwtException.class);
    assertThatThrownBy(() -> decoder.decode(token(key, null, null, "teacher.zhang"))).isInstanceOf(BadJwtException.class);
  }

  String token(RSAKey signer, String authorisedParty, String audience, String username) throws JOSEException {
    JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(realm.issuer()).subject(username)
        .claim("preferred_username", username)
        .expirationTime(Date.from(Instant.now().plusSeconds(300))).issueTime(new Date());
    if (authorisedParty != null) {
      claims.claim("azp", authorisedParty);
    }
    if (audience != null) {
      claims.audience(audience);
    }
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signer.getKeyID()).build(),
        claims.build());
    jwt.sign(new RSASSASigner(signer));
    return jwt.serialize();
  }
}
