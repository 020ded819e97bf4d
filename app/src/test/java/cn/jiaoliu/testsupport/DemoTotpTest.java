package cn.jiaoliu.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The browser and token tests' one-time codes are RFC 6238's: its SHA-1 test vectors, cut to 6 digits. */
class DemoTotpTest {

  private static final byte[] RFC_KEY = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

  @Test
  void codesMatchTheTestVectorsOfRfc6238() {
    assertThat(DemoTotp.code(RFC_KEY, Instant.ofEpochSecond(59))).isEqualTo("287082");
    assertThat(DemoTotp.code(RFC_KEY, Instant.ofEpochSecond(1111111109))).isEqualTo("081804");
    assertThat(DemoTotp.code(RFC_KEY, Instant.ofEpochSecond(1234567890))).isEqualTo("005924");
    assertThat(DemoTotp.code(RFC_KEY, Instant.ofEpochSecond(20000000000L))).isEqualTo("353130");
  }
}
