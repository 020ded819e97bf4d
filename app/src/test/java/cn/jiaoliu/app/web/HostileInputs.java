package cn.jiaoliu.app.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Seeded generators of hostile input, our own: the same seed gives the same inputs, so a failure
 * names its seed and can be replayed. Every text holds at least one character that no code, date,
 * number or enum value may contain (SQL and markup metacharacters, template syntax, control and
 * bidirectional characters, characters outside the BMP), between fillers of letters, digits and
 * Chinese; values are such texts, numbers out of every range, fractions, booleans, objects, huge
 * strings, or lists of them.
 */
final class HostileInputs {

  static final List<String> POISON = List.of("'", "\"", "';--", "' OR '1'='1", "; DROP TABLE school; --", "%", "_",
      "\\", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "${7*7}", "#{7*7}",
      "__${T(java.lang.Runtime)}__", "\u0000", "\r\n", "\u202e", "\u200b", "𠜎", "😀", "../../etc/passwd", "{{7*7}}",
      " ", "\uFEFF", "\u0007", "=cmd|' /C calc'!A0", "+SUM(1)", "\u00a0");
  private static final String FILLER = "abcdefghijklmnopqrstuvwxyz0123456789-年月日中文学校 .:";

  private HostileInputs() {}

  /** A filler, one poison, a filler. */
  static String text(Random random) {
    return filler(random) + POISON.get(random.nextInt(POISON.size())) + filler(random);
  }

  private static String filler(Random random) {
    int length = random.nextInt(5) == 0 ? 0 : random.nextInt(41);
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.append(FILLER.charAt(random.nextInt(FILLER.length())));
    }
    return text.toString();
  }

  /** A scalar of any hostile kind, or (one time in two) a list of up to four. */
  static Object value(Random random) {
    if (random.nextBoolean()) {
      return scalar(random);
    }
    int size = random.nextInt(5);
    List<Object> list = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      list.add(scalar(random));
    }
    return list;
  }

  private static Object scalar(Random random) {
    return switch (random.nextInt(6)) {
      case 0 -> text(random);
      case 1 -> random.nextBoolean()
          ? Integer.MIN_VALUE + random.nextInt(Integer.MAX_VALUE) // negative
          : 100_001 + random.nextInt(Integer.MAX_VALUE - 100_001);
      case 2 -> random.nextInt(2_000_001) - 1_000_000 + 0.5 + random.nextInt(49) / 100.0;
      case 3 -> true;
      case 4 -> Map.of("$ne", 1);
      default -> "长".repeat(100_001 + random.nextInt(50));
    };
  }
}
