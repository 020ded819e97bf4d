package cn.jiaoliu.app.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/** The layout's unread count is read for pages only, never for API calls (which render none). */
class UnreadBadgeTest {

  private static final Map<String, Object> CLAIMS = Map.of("preferred_username", "teacher.zhang", "sub", "1",
      "roles", List.of("teacher"), "school_code", "LC-U01", "district_code", "LC");

  @Test
  void aPageCountsTheUnreadNotifications() {
    NotificationService notifications = mock(NotificationService.class);
    when(notifications.unreadCount("teacher.zhang")).thenReturn(3L);
    var oidc = new DefaultOidcUser(List.of(), new OidcIdToken("t", Instant.now(), Instant.now().plusSeconds(60), CLAIMS));

    long unread = new UnreadBadge(notifications)
        .unread(new OAuth2AuthenticationToken(oidc, List.of(), "keycloak"));

    assertThat(unread).isEqualTo(3);
  }

  @Test
  void anApiCallDoesNotQueryThem() {
    NotificationService notifications = mock(NotificationService.class);
    Jwt jwt = new Jwt("t", Instant.now(), Instant.now().plusSeconds(60), Map.of("alg", "RS256"), CLAIMS);

    long unread = new UnreadBadge(notifications).unread(new JwtAuthenticationToken(jwt));

    assertThat(unread).isZero();
    verifyNoInteractions(notifications);
  }
}
