package cn.jiaoliu.app.tasklist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Settings that would let holds run out between checks stop the app at start, naming the setting. */
class TasklistPropertiesTest {

  static TasklistProperties with(Duration recheckAfter, Duration quietRecheck, Duration quietHold) {
    return new TasklistProperties(Duration.ofMinutes(10), Duration.ofSeconds(2), 500, Duration.ofSeconds(10),
        recheckAfter, quietRecheck, quietHold);
  }

  @Test
  void aQuietTasksHoldMustOutlastItsRecheck() {
    assertThatThrownBy(() -> with(Duration.ofMinutes(1), Duration.ofHours(2), Duration.ofHours(2)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jiaoliu.tasklist.quiet-recheck");
    assertThatThrownBy(() -> with(Duration.ofMinutes(10), Duration.ofHours(1), Duration.ofHours(2)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jiaoliu.tasklist.recheck-after");
  }

  @Test
  void aQuietTaskIsFirstCheckedHalfwayThroughItsFirstHold() {
    TasklistProperties properties = with(Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofHours(2));
    assertThat(properties.firstCheck(true)).isEqualTo(Duration.ofMinutes(5));
    assertThat(properties.firstCheck(false)).isEqualTo(Duration.ofMinutes(1));
    assertThat(properties.nextCheck(true)).isEqualTo(Duration.ofHours(1));
    assertThat(properties.hold(true)).isEqualTo(Duration.ofHours(2));
    assertThat(properties.hold(false)).isEqualTo(Duration.ofMinutes(10));
  }
}
