package cn.jiaoliu.processes;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

class UserTaskHeadersTest {

  @Test
  void readsTheEnginesZonedFormat() {
    assertThat(UserTaskHeaders.parseDateTime("2026-11-29T19:46:00.487Z[Etc/UTC]"))
        .contains(OffsetDateTime.parse("2026-11-29T19:46:00.487Z"));
  }

  @Test
  void readsADateTimeWithoutSeconds() {
    assertThat(UserTaskHeaders.parseDateTime("2026-11-29T08:00+08:00"))
        .contains(OffsetDateTime.parse("2026-11-29T08:00:00+08:00"));
  }

  @Test
  void absentOrGarbageIsEmpty() {
    assertThat(UserTaskHeaders.parseDateTime(null)).isEmpty();
    assertThat(UserTaskHeaders.parseDateTime("next tuesday")).isEmpty();
  }
}
