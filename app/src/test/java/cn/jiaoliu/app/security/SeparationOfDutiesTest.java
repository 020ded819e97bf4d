package cn.jiaoliu.app.security;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oidcLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.jiaoliu.testsupport.TestDatabase;
import java.util.List;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * 三员分立: the system administrator, the security administrator and the auditor each do their
 * own part and nothing of the others'. (The security administrator's linking against the real
 * Keycloak is in UserAdministrationIT; here Keycloak is not running, so a request that passes the
 * gate to the user administration ends as a 503.)
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
@ContextConfiguration(initializers = TestDatabase.class)
class SeparationOfDutiesTest {

  @Autowired MockMvc mvc;

  static RequestPostProcessor bearer(String username, Role role) {
    return jwt().jwt(j -> j.claim("preferred_username", username).claim("roles", List.of(role.realmRole()))
            .claim("district_code", "LC"))
        .authorities(new SimpleGrantedAuthority(role.authority()));
  }

  static RequestPostProcessor browser(String username, Role role) {
    return oidcLogin().idToken(t -> t.claim("preferred_username", username).claim("roles", List.of(role.realmRole()))
            .claim("district_code", "LC"))
        .authorities(new SimpleGrantedAuthority(role.authority()));
  }

  @Test
  void theSystemAdministratorNeitherLinksUsersNorReadsTheAuditTrail() throws Exception {
    var admin = bearer("admin", Role.ADMIN);
    mvc.perform(get("/api/admin/schools").with(admin)).andExpect(status().isOk());
    mvc.perform(get("/api/admin/users").with(admin)).andExpect(status().isForbidden());
    mvc.perform(get("/api/admin/users/teacher.zhang").with(admin)).andExpect(status().isForbidden());
    mvc.perform(put("/api/admin/users/teacher.zhang/link").with(admin).contentType("application/json")
        .content("{\"schoolCode\":\"LC-U02\",\"role\":\"teacher\"}")).andExpect(status().isForbidden());
    mvc.perform(get("/api/audit/events").with(admin)).andExpect(status().isForbidden());
    mvc.perform(get("/api/audit/verification").with(admin)).andExpect(status().isForbidden());
    mvc.perform(get("/audit").with(browser("admin", Role.ADMIN))).andExpect(status().isForbidden());
    mvc.perform(get("/admin/users").with(browser("admin", Role.ADMIN))).andExpect(status().isForbidden());
  }

  @Test
  void theSecurityAdministratorLinksUsersAndNothingElse() throws Exception {
    var security = bearer("security.admin", Role.SECURITY_ADMIN);
    // past the gate: Keycloak is not running here
    mvc.perform(get("/api/admin/users").with(security)).andExpect(status().isServiceUnavailable());
    mvc.perform(get("/api/admin/schools").with(security)).andExpect(status().isForbidden());
    mvc.perform(get("/api/audit/events").with(security)).andExpect(status().isForbidden());
    mvc.perform(get("/api/audit/verification").with(security)).andExpect(status().isForbidden());
    mvc.perform(get("/audit").with(browser("security.admin", Role.SECURITY_ADMIN))).andExpect(status().isForbidden());
    mvc.perform(get("/").with(browser("security.admin", Role.SECURITY_ADMIN)))
        .andExpect(content().string(Matchers.containsString("id=\"nav-users\"")))
        .andExpect(content().string(Matchers.not(Matchers.containsString("id=\"nav-audit\""))))
        .andExpect(content().string(Matchers.not(Matchers.containsString("id=\"nav-admin\""))));
  }

  @Test
  void theAuditorReadsTheAuditTrailAndNothingElse() throws Exception {
    var auditor = bearer("auditor", Role.AUDITOR);
    mvc.perform(get("/api/audit/verification").with(auditor)).andExpect(status().isOk())
        .andExpect(jsonPath("$.intact").value(true));
    mvc.perform(get("/api/audit/events").with(auditor)).andExpect(status().isOk());
    mvc.perform(get("/audit").with(browser("auditor", Role.AUDITOR))).andExpect(status().isOk())
        .andExpect(content().string(Matchers.containsString("id=\"nav-audit\"")))
        .andExpect(content().string(Matchers.not(Matchers.containsString("id=\"nav-users\""))));
    mvc.perform(get("/api/admin/users").with(auditor)).andExpect(status().isForbidden());
    mvc.perform(get("/api/admin/schools").with(auditor)).andExpect(status().isForbidden());
    mvc.perform(get("/admin/users").with(browser("auditor", Role.AUDITOR))).andExpect(status().isForbidden());
  }
}
