package cn.jiaoliu.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jiaoliu.testsupport.DemoTotp;
import cn.jiaoliu.testsupport.Infrastructure;
import cn.jiaoliu.testsupport.KeycloakAdmin;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * The shipped realm's defences, on the real Keycloak with the realm as the tests import it (the
 * same file, with only the password grant and code reuse switched on): the password policy, the
 * brute-force lockout and the one-time code for the teaching office and administrators.
 */
class KeycloakHardeningIT extends BrowserTest {

  @Test
  void weakPasswordsAreRefusedAndAStrongOneIsTaken() {
    KeycloakAdmin.ensureUser("it.hardening.policy", "teacher", "LC-U01", "LC");

    for (String weak : new String[] {"demo", "password1", "Short1!", "alllowercase1!", "NoDigitsHere!", "NoSpecial123"}) {
      HttpResponse<String> refused = KeycloakAdmin.resetPassword("it.hardening.policy", weak);
      assertThat(refused.statusCode()).as("password %s", weak).isEqualTo(400);
      assertThat(refused.body()).as("password %s", weak).contains("invalidPassword");
    }
    assertThat(KeycloakAdmin.resetPassword("it.hardening.policy", "Lc-Rotation-2026").statusCode()).isEqualTo(204);
    // history: the same password again is refused
    assertThat(KeycloakAdmin.resetPassword("it.hardening.policy", "Lc-Rotation-2026").body())
        .contains("invalidPasswordHistoryMessage");
  }

  @Test
  void anAccountIsLockedAfterFiveFailuresEvenForTheRightPassword() {
    String user = "it.hardening.locked";
    KeycloakAdmin.ensureUser(user, "teacher", "LC-U01", "LC");
    Infrastructure infra = Infrastructure.get();
    assertThat(KeycloakAdmin.bruteForceStatus(user).path("disabled").asBoolean()).isFalse();

    // a person mistyping, not a script: failures further apart than the quick-login check (1 s),
    // which on its own locks an account for a minute whatever the other settings
    for (int attempt = 1; attempt <= 5; attempt++) {
      pauseLongerThanTheQuickLoginCheck();
      assertThat(infra.passwordGrant(user, "Wrong-Guess-" + attempt).statusCode()).isNotEqualTo(200);
      assertThat(KeycloakAdmin.bruteForceStatus(user).path("disabled").asBoolean())
          .as("locked after %d failures", attempt).isEqualTo(attempt == 5);
    }

    HttpResponse<String> rightPassword = infra.passwordGrant(user, "demo");
    assertThat(rightPassword.statusCode()).isNotEqualTo(200);
    assertThat(rightPassword.body()).doesNotContain("access_token");
  }

  @Test
  void theTeachingOfficeAndAdministratorsAreAskedForAOneTimeCodeTeachersAreNot() {
    for (String user : new String[] {"office.chen", "admin"}) {
      try (BrowserContext context = context()) {
        Page page = passwordStep(context, user);
        assertThat(page.locator("#otp").count()).as(user).isEqualTo(1);
        assertThat(page.url()).as(user).doesNotStartWith(Infrastructure.get().appBaseUrl());

        page.fill("#otp", "000000".equals(DemoTotp.now()) ? "111111" : "000000");
        page.click("#kc-login");
        page.waitForLoadState();
        assertThat(page.locator("#otp").count()).as("%s with a wrong code", user).isEqualTo(1);

        page.fill("#otp", DemoTotp.now());
        page.click("#kc-login");
        page.waitForURL(url -> url.startsWith(Infrastructure.get().appBaseUrl()));
      }
    }
    try (BrowserContext context = context()) {
      Page page = passwordStep(context, "teacher.zhang");
      page.waitForURL(url -> url.startsWith(Infrastructure.get().appBaseUrl()));
      assertThat(page.locator("#otp").count()).isZero();
    }
  }

  private static void pauseLongerThanTheQuickLoginCheck() {
    try {
      Thread.sleep(1_500);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static Page passwordStep(BrowserContext context, String username) {
    Page page = context.newPage();
    page.navigate(Infrastructure.get().appBaseUrl() + "/");
    page.waitForURL(url -> url.contains("/realms/jiaoliu/"));
    page.fill("#username", username);
    page.fill("#password", "demo");
    page.click("#kc-login");
    page.waitForURL(url -> url.startsWith(Infrastructure.get().appBaseUrl()) || url.contains("/login-actions/"));
    page.waitForLoadState();
    return page;
  }
}
