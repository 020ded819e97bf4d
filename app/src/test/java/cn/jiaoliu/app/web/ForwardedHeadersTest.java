package cn.jiaoliu.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jiaoliu.testsupport.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;

/**
 * Forwarded headers and the session cookie, through the embedded Tomcat (MockMvc runs neither its
 * valve nor its cookie processor): {@code X-Forwarded-*} is honoured only from a trusted proxy
 * (any client once sent {@code X-Forwarded-Host: evil.example} and was redirected there), and the
 * session cookie is {@code HttpOnly; SameSite=Lax}.
 */
class ForwardedHeadersTest {

  static HttpResponse<Void> homePage(int port, String forwardedHost) throws Exception {
    HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
        .header("X-Forwarded-Host", forwardedHost).header("X-Forwarded-Proto", "https").GET().build();
    return http.send(request, HttpResponse.BodyHandlers.discarding());
  }

  /** The test client is not among the trusted proxies, as any user's browser is not. */
  @Nested
  @SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
  @ActiveProfiles("test")
  @ContextConfiguration(initializers = TestDatabase.class)
  @TestPropertySource(properties = "server.tomcat.remoteip.internal-proxies=192\\.0\\.2\\.1")
  class FromAnyClient {

    @LocalServerPort int port;

    @Test
    void forwardedHeadersAreIgnored() throws Exception {
      HttpResponse<Void> response = homePage(port, "evil.example");
      assertThat(response.statusCode()).isEqualTo(302);
      assertThat(response.headers().firstValue("Location").orElseThrow())
          .startsWith("http://127.0.0.1:" + port + "/").doesNotContain("evil.example");
    }

    @Test
    void theSessionCookieIsHttpOnlyAndSameSiteLax() throws Exception {
      // the login redirect keeps the requested page in the session (Spring Session's cookie)
      String cookie = homePage(port, "evil.example").headers().allValues("Set-Cookie").stream()
          .filter(c -> c.startsWith("SESSION=")).findFirst().orElseThrow();
      assertThat(cookie).containsIgnoringCase("; HttpOnly").containsIgnoringCase("; SameSite=Lax");
    }
  }

  /** The reverse proxy, on the default loopback: its host and scheme are the ones users see. */
  @Nested
  @SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
  @ActiveProfiles("test")
  @ContextConfiguration(initializers = TestDatabase.class)
  class FromATrustedProxy {

    @LocalServerPort int port;

    @Test
    void forwardedHostAndSchemeAreHonoured() throws Exception {
      HttpResponse<Void> response = homePage(port, "jiaoliu.example.edu.cn");
      assertThat(response.statusCode()).isEqualTo(302);
      assertThat(response.headers().firstValue("Location").orElseThrow()).startsWith("https://jiaoliu.example.edu.cn/");
    }
  }
}
