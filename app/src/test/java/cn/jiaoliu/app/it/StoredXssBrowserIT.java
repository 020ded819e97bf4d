package cn.jiaoliu.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jiaoliu.testsupport.Infrastructure;
import cn.jiaoliu.testsupport.KeycloakAdmin;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Stored-XSS payloads typed into free-text fields — an application's subject and reasons, a
 * principal's opinion, a school's and an education group's name — come back in the browser as the
 * very text that was typed: shown literally, never run (no dialog opens on any page that shows them).
 */
class StoredXssBrowserIT extends BrowserTest {

  static final String TEACHER = "it.xss.teacher";
  static final String SUBJECT = "<img src=x onerror=alert('subject')>";
  static final String REASONS = "<script>alert('reasons')</script>我愿意支教 \"'; drop table school; --";
  static final String COMMENT = "<svg onload=alert('comment')>同意</svg>";
  static final String SCHOOL = "<b onmouseover=alert('school')>XSS村小</b>";
  static final String GROUP = "<iframe src=javascript:alert('group')>集团";

  @Test
  void payloadsInFreeTextFieldsAreShownAsTextAndNeverRun() {
    Infrastructure infra = Infrastructure.get();
    KeycloakAdmin.ensureUser(TEACHER, "teacher", "LC-U03", "LC");
    KeycloakAdmin.ensureUser("it.xss.principal", "principal", "LC-U03", "LC");
    ApiClient teacher = new ApiClient(infra.appBaseUrl(), infra.tokenFor(TEACHER, "demo"));
    ApiClient office = new ApiClient(infra.appBaseUrl(), infra.tokenFor("office.chen", "demo"));
    ApiClient principal = new ApiClient(infra.appBaseUrl(), infra.tokenFor("it.xss.principal", "demo"));

    Map<String, Object> form = RotationApplicationIT.application(SUBJECT);
    form.put("targetSchoolCode", "LC-R04");
    form.put("reasons", REASONS);
    ApiClient.Response created = teacher.post("/api/applications", form);
    assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
    long application = created.body().path("id").asLong();
    assertThat(teacher.get("/api/applications/" + application).body().path("application").path("reasons").asText())
        .as("stored exactly as typed").isEqualTo(REASONS);

    String code = "LC-X" + (System.nanoTime() % 10_000);
    assertThat(office.post("/api/admin/schools", Map.of("code", code, "name", SCHOOL, "districtCode", "LC",
        "areaType", "VILLAGE", "remotenessTier", "3")).status()).isEqualTo(200);
    assertThat(office.post("/api/admin/groups", Map.of("name", GROUP + code, "leadSchoolCode", "LC-U03",
        "memberSchoolCodes", List.of(code))).status()).isEqualTo(200);

    List<String> dialogs = new ArrayList<>();
    try (BrowserContext context = context()) {
      Page page = loginAs(context, "office.chen", "/applications/" + application);
      page.onDialog(dialog -> {
        dialogs.add(dialog.message());
        dialog.dismiss();
      });
      page.reload();
      assertThat(page.locator("main").textContent()).contains(REASONS.substring(0, 30), SUBJECT);
      page.navigate(infra.appBaseUrl() + "/admin/schools");
      assertThat(page.locator("#schools").textContent()).contains(SCHOOL);
      page.locator("#schools tr", new Page.LocatorOptions().setHasText(code)).hover();
      page.navigate(infra.appBaseUrl() + "/admin/groups");
      assertThat(page.locator("#groups").textContent()).contains(GROUP + code);
      shoot(page, shots("xss"), "01-office-groups");
    }
    // the dispatching principal signs with a payload; the teacher then reads it on the application page
    long task = RotationApplicationIT.awaitTask(principal, "Task_SignOpinion", application);
    assertThat(principal.post("/api/tasks/" + task + "/complete", Map.of("decision", "APPROVE", "comment", COMMENT))
        .status()).isEqualTo(200);
    try (BrowserContext context = context()) {
      Page page = loginAs(context, TEACHER, "/applications/" + application);
      page.onDialog(dialog -> {
        dialogs.add(dialog.message());
        dialog.dismiss();
      });
      for (int attempt = 0; attempt < 30 && !page.locator("main").textContent().contains(COMMENT); attempt++) {
        page.waitForTimeout(1000);
        page.reload();
      }
      assertThat(page.locator("main").textContent()).contains(COMMENT, SUBJECT);
      page.navigate(infra.appBaseUrl() + "/");
      page.navigate(infra.appBaseUrl() + "/notifications");
      shoot(page, shots("xss"), "02-teacher-application");
    }
    assertThat(dialogs).as("scripts that ran").isEmpty();
  }
}
