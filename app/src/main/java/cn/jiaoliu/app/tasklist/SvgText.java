package cn.jiaoliu.app.tasklist;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The texts of a process drawing: names wrapped and shortened to fit, numbers written alike everywhere, all escaped. */
final class SvgText {

  private SvgText() {}

  /** An event's name as written under it: at most eight characters. */
  static String eventLabel(String name) {
    return name.length() > 8 ? name.substring(0, 7) + "…" : name;
  }

  /** About how wide a text is: a CJK character a font size, others a little over half. */
  static double textWidth(String text, int size) {
    double width = 0;
    for (int i = 0; i < text.length(); i++) {
      width += charWidth(text.charAt(i), size);
    }
    return width;
  }

  private static double charWidth(char c, int size) {
    return c < 0x2E80 ? size * 0.58 : size;
  }

  /** The name in lines of the box's width (CJK: one character a font size wide, Latin about half), centred. */
  static void wrapped(StringBuilder svg, String text, double cx, double cy, double width, double height,
      int size) {
    int maxLines = Math.max(1, (int) (height / (size + 3)));
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    double used = 0;
    int i = 0;
    for (; i < text.length() && lines.size() < maxLines; i++) {
      char c = text.charAt(i);
      double w = charWidth(c, size);
      if (used + w > width && line.length() > 0) {
        lines.add(line.toString());
        line.setLength(0);
        used = 0;
        if (lines.size() == maxLines) {
          break;
        }
      }
      line.append(c);
      used += w;
    }
    if (lines.size() < maxLines && line.length() > 0) {
      lines.add(line.toString());
    }
    if (i < text.length()) {
      String last = lines.get(lines.size() - 1);
      lines.set(lines.size() - 1, last.substring(0, Math.max(0, last.length() - 1)) + "…");
    }
    double top = cy - (lines.size() - 1) * (size + 3) / 2.0;
    svg.append(format("<text class=\"name\" fill=\"#323f4b\" text-anchor=\"middle\" font-size=\"%d\">", size));
    for (int n = 0; n < lines.size(); n++) {
      svg.append(format("<tspan x=\"%.0f\" y=\"%.0f\">%s</tspan>", cx, top + n * (size + 3) + size / 3.0,
          escape(lines.get(n))));
    }
    svg.append("</text>");
  }

  static String format(String pattern, Object... args) {
    return String.format(Locale.ROOT, pattern, args);
  }

  /** Text for XML content and attributes: markup characters escaped, control characters dropped. */
  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c < 0x20 || c == 0xFFFE || c == 0xFFFF ? ' ' : c);
      }
    }
    return out.toString();
  }
}
