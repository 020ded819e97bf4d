package cn.jiaoliu.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

class VerifiedTokensTest {

  private static final Instant ISSUED = Instant.parse("2026-11-23T08:00:00Z");

  /** Stands for the real decoder: accepts tokens named "good…" until five minutes after issue. */
  private final List<String> checked = new ArrayList<>();
  private Instant now = ISSUED.plusSeconds(10);
  private final JwtDecoder real = token -> {
    checked.add(token);
    if (!token.startsWith("good") || !now.isBefore(ISSUED.plus(Duration.ofMinutes(5)))) {
      throw new BadJwtException("not valid: " + token);
    }
    return new Jwt(token, ISSUED, ISSUED.plus(Duration.ofMinutes(5)), Map.of("alg", "RS256"),
        Map.of("preferred_username", token));
  };

  private VerifiedTokens tokens(int capacity) {
    Clock clock = new Clock() {
      @Override
      public Instant instant() {
        return now;
      }

      @Override
      public java.time.ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(java.time.ZoneId zone) {
        return this;
      }
    };
    return new VerifiedTokens(real, clock, capacity);
  }

  @Test
  void aTokenIsCheckedOnceWhileItIsValid() {
    VerifiedTokens tokens = tokens(100);

    Jwt first = tokens.decode("good-1");
    Jwt again = tokens.decode("good-1");

    assertThat(again).isSameAs(first);
    assertThat(checked).containsExactly("good-1");
  }

  @Test
  void anExpiredTokenIsCheckedAgainAndRefused() {
    VerifiedTokens tokens = tokens(100);
    tokens.decode("good-1");

    now = ISSUED.plus(Duration.ofMinutes(5));

    assertThatThrownBy(() -> tokens.decode("good-1")).isInstanceOf(BadJwtException.class);
    assertThat(checked).containsExactly("good-1", "good-1");
  }

  @Test
  void aRefusedTokenIsNeverRemembered() {
    VerifiedTokens tokens = tokens(100);

    assertThatThrownBy(() -> tokens.decode("forged")).isInstanceOf(BadJwtException.class);
    assertThatThrownBy(() -> tokens.decode("forged")).isInstanceOf(BadJwtException.class);

    assertThat(checked).containsExactly("forged", "forged");
  }

  @Test
  void whenFullItForgetsRatherThanGrows() {
    VerifiedTokens tokens = tokens(3);
    for (int i = 0; i < 10; i++) {
      assertThat(tokens.decode("good-" + i).getClaimAsString("preferred_username")).isEqualTo("good-" + i);
    }

    tokens.decode("good-9");
    tokens.decode("good-0");

    assertThat(checked).hasSize(11).endsWith("good-0"); // good-9 remembered, good-0 forgotten
  }
}
