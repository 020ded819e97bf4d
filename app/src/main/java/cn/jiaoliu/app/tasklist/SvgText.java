package cn.jiaoliu.app.tasklist;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The texts of a drawn process: labels under events, names wrapped in their boxes, all escaped. */
final class SvgText {

  private SvgText() {}

  static void label(StringBuilder svg, String text, double x, double y, int maxChars) {
    if (maxChars == 0 || text.isBlank()) {
      return;
    }
    String shown = text.length() > maxChars ? text.substring(0, maxChars - 1) + "…" : text;
    svg.append(String.format(Locale.ROOT, "<text class=\"event-label\" x=\"%.0f\" y=\"%.0f\">%s</text>", x, y,
        escape(shown)));
  }

  /** The name in lines of the box's width (CJK: one character a font size wide), centred. */
  static void wrapped(StringBuilder svg, String text, double cx, double cy, double width, double height,
      int size) {
    int perLine = Math.max(1, (int) (width / size));
    int maxLines = Math.max(1, (int) (height / (size + 3)));
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < text.length() && lines.size() < maxLines; i += perLine) {
      lines.add(text.substring(i, Math.min(text.length(), i + perLine)));
    }
    if (lines.size() == maxLines && maxLines * perLine < text.length()) {
      String last = lines.get(maxLines - 1);
      lines.set(maxLines - 1, last.substring(0, Math.max(0, last.length() - 1)) + "…");
    }
    double top = cy - (lines.size() - 1) * (size + 3) / 2.0;
    svg.append(String.format(Locale.ROOT, "<text class=\"name\" font-size=\"%d\">", size));
    for (int i = 0; i < lines.size(); i++) {
      svg.append(String.format(Locale.ROOT, "<tspan x=\"%.0f\" y=\"%.0f\">%s</tspan>", cx,
          top + i * (size + 3) + size / 3.0, escape(lines.get(i))));
    }
    svg.append("</text>");
  }

  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c < 0x20 ? ' ' : c);
      }
    }
    return out.toString();
  }
}
