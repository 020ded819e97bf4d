package cn.jiaoliu.app.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.jiaoliu.testsupport.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Headers and edges (issue 12, item 12): every page carries a Content-Security-Policy that runs no
 * inline script and a Referrer-Policy, the API its own; metrics are for administrators; a JSON body
 * beyond the cap is refused before it is read.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
@ContextConfiguration(initializers = TestDatabase.class)
class SecurityHeadersTest {

  @Autowired MockMvc mvc;

  @Test
  void pagesAndTheApiCarryAContentSecurityPolicyAndAReferrerPolicy() throws Exception {
    mvc.perform(get("/").with(SecuredPagesTest.browser("teacher.zhang", "张伟", "teacher", "LC-U01")))
        .andExpect(header().string("Content-Security-Policy", containsString("script-src 'self';")))
        .andExpect(header().string("Content-Security-Policy", containsString("frame-ancestors 'none'")))
        .andExpect(header().string("Content-Security-Policy", not(containsString("unsafe-eval"))))
        .andExpect(header().string("Referrer-Policy", "strict-origin-when-cross-origin"))
        .andExpect(header().string("X-Content-Type-Options", "nosniff"));
    mvc.perform(get("/api/tasks").with(SecuredPagesTest.bearer("teacher.zhang", "teacher", "LC-U01")))
        .andExpect(status().isOk())
        .andExpect(header().string("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'"))
        .andExpect(header().string("Referrer-Policy", "no-referrer"));
  }

  @Test
  void noPageRunsAnInlineScriptOrHandler() throws Exception {
    for (String page : java.util.List.of("/", "/applications/new", "/tasks")) {
      String html = mvc.perform(get(page).with(SecuredPagesTest.browser("teacher.zhang", "张伟", "teacher", "LC-U01")))
          .andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
      assertThat(html).as(page).doesNotContainPattern("<script(?![^>]*\\ssrc=)[^>]*>")
          .doesNotContainPattern("\\son(click|change|submit|load|input)=");
    }
  }

  /**
   * Styles and scripts are named by their content or version and kept by the browser for a year;
   * the pages themselves are never kept (they show a user's own data).
   */
  @Test
  void stylesAndScriptsAreNamedByTheirContentAndKeptForAYear() throws Exception {
    var home = mvc.perform(get("/").with(SecuredPagesTest.browser("teacher.zhang", "张伟", "teacher", "LC-U01")))
        .andExpect(header().string("Cache-Control", containsString("no-store"))).andReturn().getResponse();
    String html = home.getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
    List<String> assets = new ArrayList<>();
    Matcher m = Pattern.compile("(?:href|src)=\"(/(?:css|js|webjars)/[^\"]+)\"").matcher(html);
    while (m.find()) {
      assets.add(m.group(1));
    }
    assertThat(assets).anyMatch(a -> a.matches("/css/jiaoliu-[0-9a-f]{32}\\.css"))
        .anyMatch(a -> a.matches("/js/forms-[0-9a-f]{32}\\.js"))
        .anyMatch(a -> a.matches("/webjars/htmx\\.org/[0-9.]+/dist/htmx\\.min\\.js"));
    for (String asset : assets) {
      mvc.perform(get(asset)).andExpect(status().isOk())
          .andExpect(header().string("Cache-Control", containsString("max-age=31536000")))
          .andExpect(header().string("Cache-Control", not(containsString("no-store"))))
          .andExpect(header().string("X-Content-Type-Options", "nosniff"));
    }
  }

  @Test
  void metricsAreForAdministratorsOnly() throws Exception {
    mvc.perform(get("/actuator/metrics").with(SecuredPagesTest.browser("principal.wang", "王芳", "principal", "LC-U01")))
        .andExpect(status().isForbidden());
    // health stays open for the probes (503 here: no engine in this test)
    mvc.perform(get("/actuator/health")).andExpect(result ->
        assertThat(result.getResponse().getStatus()).isNotIn(401, 403));
  }

  /** On the app's own port the metrics for Prometheus are refused, even to an administrator (management port only). */
  @Test
  void prometheusIsNotServedOnTheAppsPort() throws Exception {
    mvc.perform(get("/actuator/prometheus").with(SecuredPagesTest.browser("admin", "系统管理员", "admin", null)))
        .andExpect(status().isForbidden());
  }

  @Test
  void aJsonBodyBeyondTheCapIsRefusedWithATranslatedProblem() throws Exception {
    byte[] body = ("{\"reasons\":\"" + "长".repeat(400_000) + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    mvc.perform(post("/api/applications").with(SecuredPagesTest.bearer("teacher.zhang", "teacher", "LC-U01"))
            .contentType(MediaType.APPLICATION_JSON).content(body).header("Accept-Language", "zh-CN"))
        .andExpect(status().isPayloadTooLarge())
        .andExpect(jsonPath("$.code").value("error.tooLarge"))
        .andExpect(jsonPath("$.detail").value("请求内容过大（最多 1024 KB）。"));
  }
}
