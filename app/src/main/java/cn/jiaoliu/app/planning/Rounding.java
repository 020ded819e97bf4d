package cn.jiaoliu.app.planning;

/** How a district rounds a share of a head count: 向上取整 (at least the share), 四舍五入, 向下取整. */
enum Rounding {
  UP,
  HALF_UP,
  DOWN;

  /** {@code percent} per cent of {@code count} people, in whole people, computed exactly. */
  int of(int percent, int count) {
    int hundredths = percent * count;
    return switch (this) {
      case UP -> (hundredths + 99) / 100;
      case HALF_UP -> (hundredths + 50) / 100;
      case DOWN -> hundredths / 100;
    };
  }
}
