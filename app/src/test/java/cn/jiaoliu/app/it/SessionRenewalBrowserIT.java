package cn.jiaoliu.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jiaoliu.testsupport.Infrastructure;
import cn.jiaoliu.testsupport.KeycloakAdmin;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A browser session follows what Keycloak says about its user (finding 7 of the hardening issue):
 * a principal relinked as teacher loses the principal's pages once the access token is renewed, a
 * disabled user is sent to log in again, and an administrator's sign-out in Keycloak ends the app
 * session at once through back-channel logout. Each test has its own principal of LC-U01.
 */
class SessionRenewalBrowserIT extends BrowserTest {

  private static final String CLIENT = "jiaoliu-app";
  /**
   * The app renews a token 30 s before it expires: tokens living no longer than that are renewed on
   * every request, so the tests need not wait out a lifetime.
   */
  private static final int RENEWED_ON_EVERY_REQUEST = 30;

  @AfterEach
  void realmLifespanAgain() {
    KeycloakAdmin.setAccessTokenLifespan(CLIENT, null);
  }

  @Test
  void principalRelinkedAsTeacherLosesThePrincipalsPagesAtTheNextRenewal() {
    KeycloakAdmin.ensureUser("it.session.relinked", "principal", "LC-U01", "LC");
    KeycloakAdmin.setAccessTokenLifespan(CLIENT, RENEWED_ON_EVERY_REQUEST);
    try (BrowserContext context = context()) {
      Page page = loginAs(context, "it.session.relinked", "/statistics");
      assertThat(page.navigate(url("/statistics")).status()).isEqualTo(200);

      KeycloakAdmin.relink("it.session.relinked", "principal", "teacher");

      assertThat(page.navigate(url("/statistics")).status()).isEqualTo(403);
    }
  }

  @Test
  void userDisabledInKeycloakIsSentToLogInAgain() {
    KeycloakAdmin.ensureUser("it.session.disabled", "principal", "LC-U01", "LC");
    KeycloakAdmin.setAccessTokenLifespan(CLIENT, RENEWED_ON_EVERY_REQUEST);
    try (BrowserContext context = context()) {
      Page page = loginAs(context, "it.session.disabled", "/statistics");
      assertThat(page.navigate(url("/statistics")).status()).isEqualTo(200);

      KeycloakAdmin.setEnabled("it.session.disabled", false);
      try {
        page.navigate(url("/statistics"));
        assertThat(page.url()).contains("/realms/jiaoliu/");
        assertThat(page.locator("#username").count()).isEqualTo(1);
      } finally {
        KeycloakAdmin.setEnabled("it.session.disabled", true);
      }
    }
  }

  /** With the realm's token lifetime (5 minutes): only the back-channel can end the session now. */
  @Test
  void signOutInKeycloakEndsTheAppSessionThroughTheBackChannel() {
    KeycloakAdmin.ensureUser("it.session.signedout", "principal", "LC-U01", "LC");
    try (BrowserContext context = context()) {
      Page page = loginAs(context, "it.session.signedout", "/statistics");
      assertThat(page.navigate(url("/statistics")).status()).isEqualTo(200);

      KeycloakAdmin.logout("it.session.signedout");

      page.navigate(url("/statistics"));
      assertThat(page.url()).contains("/realms/jiaoliu/");
      assertThat(page.locator("#username").count()).isEqualTo(1);
    }
  }

  private static String url(String path) {
    return Infrastructure.get().appBaseUrl() + path;
  }
}
