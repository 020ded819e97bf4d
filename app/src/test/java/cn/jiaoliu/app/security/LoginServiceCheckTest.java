package cn.jiaoliu.app.security;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.forwardedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.jiaoliu.testsupport.TestDatabase;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Instant;
import java.util.Date;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Keycloak does not answer (nothing listens on its port): a browser that must log in gets our own
 * translated page (503) instead of being sent to an address that cannot load; pages still ask for a
 * login as before, and the API still answers 401 to requests without a token.
 */
@SpringBootTest(properties = "jiaoliu.keycloak.url=http://127.0.0.1:9")
@AutoConfigureMockMvc
@ActiveProfiles("test")
@ContextConfiguration(initializers = TestDatabase.class)
class LoginServiceCheckTest {

  @Autowired MockMvc mvc;

  @Test
  void aLoginWhileKeycloakIsDownGetsOurOwnPage() throws Exception {
    mvc.perform(get("/tasks"))
        .andExpect(status().is3xxRedirection())
        .andExpect(header().string("Location", containsString("/oauth2/authorization/keycloak")));
    mvc.perform(get("/oauth2/authorization/keycloak"))
        .andExpect(forwardedUrl(LoginServiceCheck.UNAVAILABLE_PAGE));
    mvc.perform(get(LoginServiceCheck.UNAVAILABLE_PAGE).header("Accept-Language", "zh-CN"))
        .andExpect(status().isServiceUnavailable())
        .andExpect(content().string(containsString("登录服务（统一身份认证）暂时无法访问")));
    mvc.perform(get("/api/tasks")).andExpect(status().isUnauthorized());
  }

  /** An app started while Keycloak is down cannot fetch its signing keys: the user is told so (was a 500). */
  @Test
  void aTokenThatCannotBeCheckedWhileKeycloakIsDownGetsAClearAnswer() throws Exception {
    RSAKey key = new RSAKeyGenerator(2048).keyID("k1").generate();
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build(),
        new JWTClaimsSet.Builder().issuer("http://127.0.0.1:9/realms/jiaoliu").subject("teacher.zhang")
            .expirationTime(Date.from(Instant.now().plusSeconds(300))).build());
    jwt.sign(new RSASSASigner(key));

    mvc.perform(get("/api/tasks").header("Authorization", "Bearer " + jwt.serialize()).header("Accept-Language", "zh-CN"))
        .andExpect(status().isServiceUnavailable())
        .andExpect(header().string("Retry-After", "30"))
        .andExpect(jsonPath("$.code").value(KeyServiceUnavailable.MESSAGE_KEY))
        .andExpect(jsonPath("$.detail").value(containsString("登录服务（统一身份认证）暂时无法访问")));
    mvc.perform(get("/api/tasks").header("Authorization", "Bearer " + jwt.serialize()).header("Accept-Language", "en"))
        .andExpect(status().isServiceUnavailable())
        .andExpect(jsonPath("$.detail").value(containsString("this request was not carried out")));
    mvc.perform(get("/api/tasks").header("Authorization", "Bearer not-a-token")).andExpect(status().isUnauthorized());
  }
}
