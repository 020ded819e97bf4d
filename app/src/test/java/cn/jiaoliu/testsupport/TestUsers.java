package cn.jiaoliu.testsupport;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oidcLogin;

import java.util.List;
import java.util.Locale;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** Users of any district and school for MockMvc: a bearer token for the API, an OIDC login for pages. */
public final class TestUsers {

  private TestUsers() {}

  public static RequestPostProcessor bearer(String username, String role, String district, String school) {
    return jwt().jwt(j -> {
      j.claim("preferred_username", username).claim("roles", List.of(role));
      if (district != null) {
        j.claim("district_code", district);
      }
      if (school != null) {
        j.claim("school_code", school);
      }
    });
  }

  public static RequestPostProcessor browser(String username, String role, String district) {
    return oidcLogin().idToken(t -> t.claim("sub", username).claim("preferred_username", username).claim("name", username)
            .claim("roles", List.of(role)).claim("district_code", district))
        .authorities(new SimpleGrantedAuthority("ROLE_" + role.toUpperCase(Locale.ROOT).replace('-', '_')));
  }
}
