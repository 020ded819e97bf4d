package cn.jiaoliu.app.planning;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Head counts from shares, rounded as a district decides, computed without floating point. */
class RoundingTest {

  @Test
  void upMeansAtLeastTheShare() {
    assertThat(Rounding.UP.of(10, 11)).isEqualTo(2);
    assertThat(Rounding.UP.of(10, 10)).isEqualTo(1);
    assertThat(Rounding.UP.of(10, 0)).isZero();
    assertThat(Rounding.UP.of(20, 1)).isEqualTo(1);
  }

  @Test
  void halfUpAndDown() {
    assertThat(Rounding.HALF_UP.of(10, 15)).isEqualTo(2);
    assertThat(Rounding.HALF_UP.of(10, 14)).isEqualTo(1);
    assertThat(Rounding.HALF_UP.of(10, 4)).isZero();
    assertThat(Rounding.DOWN.of(10, 19)).isEqualTo(1);
    assertThat(Rounding.DOWN.of(20, 4)).isZero();
    assertThat(Rounding.DOWN.of(100, 7)).isEqualTo(7);
  }

  @Test
  void theRulesUseTheirRounding() {
    RotationRules rules = new RotationRules("X", 6, 6, 60, 3, 10, 20, Rounding.HALF_UP, 2);
    assertThat(rules.target(25)).isEqualTo(3);
    assertThat(rules.backboneTarget(3)).isEqualTo(1);
    assertThat(RotationRules.defaults("X").target(25)).isEqualTo(3);
    assertThat(RotationRules.defaults("X").backboneTarget(3)).isEqualTo(1);
    assertThat(RotationRules.defaults("X").target(31)).isEqualTo(4);
  }
}
