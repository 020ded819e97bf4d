package cn.jiaoliu.testsupport;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The one-time codes of the demo realm's authenticator (office.chen, admin): TOTP of RFC 6238 with
 * HMAC-SHA1, 6 digits, 30 s steps, keyed with the UTF-8 bytes of {@link #SECRET} as Keycloak keys it.
 */
public final class DemoTotp {

  /** The demo users' TOTP secret as the realm file holds it (Base32 for apps: see keycloak-config/README.md). */
  public static final String SECRET = "JIAOLIU-DEMO-OTP-KEY";
  /** Roles whose login asks for a one-time code (they include the realm role two-factor). */
  public static final Set<String> TWO_FACTOR_ROLES = Set.of("admin", "teaching-office", "security-admin", "auditor");

  private DemoTotp() {}

  /** The code valid now. */
  public static String now() {
    return at(Instant.now());
  }

  /** The code of the 30-second step that holds the instant (RFC 6238, dynamic truncation of RFC 4226). */
  public static String at(Instant instant) {
    return code(SECRET.getBytes(StandardCharsets.UTF_8), instant);
  }

  static String code(byte[] key, Instant instant) {
    long step = instant.getEpochSecond() / 30;
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(key, "HmacSHA1"));
      byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
      int offset = hash[hash.length - 1] & 0x0f;
      int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
          | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
      return String.format("%06d", binary % 1_000_000);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 is part of every JDK", e);
    }
  }
}
