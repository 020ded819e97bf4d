package cn.jiaoliu.app.demo;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oidcLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.jiaoliu.testsupport.TestDatabase;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The demo's planning data (db/demo-planning, loaded by ./run.sh's demo profile only) lets a person
 * do what issue 17 promises: see the due list and the targets with their fulfilment, download the
 * national export and the subsidy roster, find the honour list, and issue and verify a certificate.
 */
@SpringBootTest(properties = "spring.flyway.locations=classpath:db/migration,classpath:db/demo,classpath:db/demo-planning")
@AutoConfigureMockMvc
@ActiveProfiles("test")
@ContextConfiguration(initializers = TestDatabase.class)
class DemoPlanningDataTest {

  @Autowired MockMvc mvc;

  static RequestPostProcessor browser(String username, String role, String school) {
    Map<String, Object> claims = new HashMap<>(Map.of("sub", username, "preferred_username", username, "name", username,
        "roles", List.of(role), "district_code", "LC"));
    if (school != null) {
      claims.put("school_code", school);
    }
    return oidcLogin().idToken(t -> t.claims(c -> c.putAll(claims)))
        .authorities(new SimpleGrantedAuthority("ROLE_" + role.toUpperCase().replace('-', '_')));
  }

  static final RequestPostProcessor OFFICE = browser("office.chen", "teaching-office", null);
  static final RequestPostProcessor WANG = browser("principal.wang", "principal", "LC-U01");

  @Test
  void theTargetsAndTheDueLists() throws Exception {
    mvc.perform(get("/planning").with(OFFICE))
        .andExpect(status().isOk())
        .andExpect(content().string(allOf(containsString("2027学年城乡教师交流第一批"), containsString("target-LC-U01"),
            containsString("target-LC-U02"), containsString("target-LC-U03"))));
    // 张伟 came back from three years at a rural school in July 2026: not yet due again
    mvc.perform(get("/planning/due").param("all", "true").with(WANG))
        .andExpect(status().isOk())
        .andExpect(content().string(allOf(containsString("id=\"due-LC-D061\""), containsString("未到年限"),
            containsString("免交流"), containsString("临近退休"), containsString("入校时间不详"))));
    mvc.perform(get("/planning/exemptions").with(OFFICE))
        .andExpect(status().isOk()).andExpect(content().string(containsString("借调区教研室一年")));
  }

  @Test
  void theNationalExportAndTheSubsidyRoster() throws Exception {
    mvc.perform(get("/reports/subsidies").param("month", "2026-12").with(OFFICE))
        .andExpect(status().isOk())
        .andExpect(content().string(allOf(containsString("周晓燕"), containsString("吴磊"), containsString("钱进"),
            containsString("孙海涛"), containsString("曹阳"))));
    mvc.perform(get("/reports/rotations").param("year", "2026-2027").with(OFFICE))
        .andExpect(status().isOk())
        .andExpect(content().string(allOf(containsString("郭小红"), containsString("挂职"))));
    mvc.perform(get("/reports/rotations/export").param("year", "2026-2027").with(OFFICE)).andExpect(status().isOk());
  }

  @Test
  void theHonourListAndACertificateThatVerifies() throws Exception {
    mvc.perform(get("/rural-service/honour").with(OFFICE))
        .andExpect(status().isOk())
        .andExpect(content().string(allOf(containsString("李娜"), containsString("马德胜"), containsString("林长青"),
            containsString("高秀英"))));
    String body = mvc.perform(post("/api/certificates").with(jwt().jwt(j -> j.claim("preferred_username", "office.chen")
                .claim("roles", List.of("teaching-office")).claim("district_code", "LC")))
            .contentType(MediaType.APPLICATION_JSON).content("{\"teacherUsername\":\"teacher.zhang\"}"))
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.years").value(3))
        .andReturn().getResponse().getContentAsString();
    String code = body.replaceAll(".*\"code\"\\s*:\\s*\"([^\"]+)\".*", "$1");
    mvc.perform(get("/api/verify/" + code)).andExpect(status().isOk()).andExpect(jsonPath("$.genuine").value(true));
    mvc.perform(get("/verify").param("code", code)).andExpect(status().isOk());
    mvc.perform(post("/certificates").param("teacherUsername", "teacher.zhang").with(OFFICE).with(csrf()))
        .andExpect(status().is3xxRedirection());
  }
}
