package cn.jiaoliu.app.pdf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * Breaks text into lines of a given width in one font, the Chinese way: between any two
 * characters, Latin words kept whole where they fit, closing punctuation never starting a line
 * (it hangs past the edge instead) and opening punctuation never ending one. Characters the font
 * has no glyph for become □. One instance per font and render: it caches widths.
 */
public final class TextWrapper {

  /** May not start a line: hangs at the end of the previous one. */
  private static final String NO_START = "，。、；：？！）》」』”’】〉〕…%,.;:?!)]}";
  /** May not end a line: moves to the next one. */
  private static final String NO_END = "（《「『“‘【〈〔([{";
  private static final String IDEOGRAPHIC_INDENT = "\u3000\u3000";

  private final PDType0Font font;
  private final Map<Integer, Float> widths = new HashMap<>();
  private final Map<Integer, Boolean> glyphs = new HashMap<>();
  private final TreeSet<Integer> shown = new TreeSet<>();
  private final int replacement;

  public TextWrapper(PDType0Font font) {
    this.font = font;
    this.replacement = has('□') ? '□' : '?';
  }

  public PDType0Font font() {
    return font;
  }

  /** Width of the text at the given size, in points (after replacing missing glyphs). */
  public float width(String text, float size) {
    float units = 0;
    String safe = safe(text);
    for (int i = 0; i < safe.length(); ) {
      int cp = safe.codePointAt(i);
      units += units(cp);
      i += Character.charCount(cp);
    }
    return units * size / 1000f;
  }

  /** Notes the code points of text about to be shown (already {@link #safe}), for {@link #toUnicodeCMap}. */
  public void shown(String text) {
    text.codePoints().forEach(shown::add);
  }

  /**
   * A ToUnicode CMap from the font's codes (CIDs: the original glyph ids) to the characters that
   * were shown with them. PDFBox derives its own from the font's cmap and, where several characters
   * share a glyph, takes the lowest: for CJK fonts that is a Kangxi radical (U+2F29 ⼩) instead of
   * the ideograph (U+5C0F 小), so copied, searched and extracted text would be wrong. Call before
   * subsetting (the font's cmap is gone after).
   */
  public byte[] toUnicodeCMap() throws IOException {
    TreeMap<Integer, Integer> cidToUnicode = new TreeMap<>();
    for (int cp : shown) {
      byte[] code = font.encode(new String(Character.toChars(cp)));
      int cid = ((code[0] & 0xff) << 8) | (code[1] & 0xff);
      cidToUnicode.merge(cid, cp, (kept, other) -> canonical(other) && !canonical(kept) ? other : kept);
    }
    StringBuilder cmap = new StringBuilder()
        .append("/CIDInit /ProcSet findresource begin\n")
        .append("12 dict begin\n")
        .append("begincmap\n")
        .append("/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n")
        .append("/CMapName /Adobe-Identity-UCS def\n")
        .append("/CMapType 2 def\n")
        .append("1 begincodespacerange\n")
        .append("<0000> <FFFF>\n")
        .append("endcodespacerange\n");
    List<Map.Entry<Integer, Integer>> entries = new ArrayList<>(cidToUnicode.entrySet());
    for (int from = 0; from < entries.size(); from += 100) {
      List<Map.Entry<Integer, Integer>> block = entries.subList(from, Math.min(entries.size(), from + 100));
      cmap.append(block.size()).append(" beginbfchar\n");
      for (Map.Entry<Integer, Integer> e : block) {
        cmap.append(String.format("<%04X> <", e.getKey()));
        for (char c : Character.toChars(e.getValue())) {
          cmap.append(String.format("%04X", (int) c));
        }
        cmap.append(">\n");
      }
      cmap.append("endbfchar\n");
    }
    cmap.append("endcmap\n")
        .append("CMapName currentdict /CMap defineresource pop\n")
        .append("end\n")
        .append("end\n");
    return cmap.toString().getBytes(StandardCharsets.US_ASCII);
  }

  /** Not a radical or compatibility form that stands for another character. */
  private static boolean canonical(int cp) {
    String s = new String(Character.toChars(cp));
    return Normalizer.normalize(s, Normalizer.Form.NFKC).equals(s);
  }

  /** The text with tabs as spaces, other control characters dropped and missing glyphs as □. */
  public String safe(String text) {
    if (text == null || text.isEmpty()) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints().forEach(cp -> {
      if (cp == '\t') {
        out.append("  ");
      } else if (Character.isISOControl(cp) || cp == 0xFEFF) {
        // dropped: nothing to show
      } else if (has(cp)) {
        out.appendCodePoint(cp);
      } else {
        out.appendCodePoint(replacement);
      }
    });
    return out.toString();
  }

  /**
   * The text as lines no wider than {@code maxWidth} (a hanging punctuation mark excepted). Line
   * breaks in the text start new paragraphs; with {@code indent}, each paragraph's first line is
   * indented by two ideographic spaces (首行缩进两字).
   */
  public List<String> wrap(String text, float size, float maxWidth, boolean indent) {
    List<String> lines = new ArrayList<>();
    String normalized = text == null ? "" : text.replace("\r\n", "\n").replace('\r', '\n');
    for (String paragraph : normalized.split("\n", -1)) {
      String p = safe(paragraph).stripTrailing();
      if (p.isBlank()) {
        lines.add("");
        continue;
      }
      if (indent) {
        p = IDEOGRAPHIC_INDENT + p.strip();
      }
      wrapParagraph(p, size, maxWidth, lines);
    }
    // no blank lines at either end
    while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
      lines.remove(lines.size() - 1);
    }
    while (!lines.isEmpty() && lines.get(0).isEmpty()) {
      lines.remove(0);
    }
    return lines;
  }

  private void wrapParagraph(String paragraph, float size, float maxWidth, List<String> lines) {
    float max = maxWidth * 1000f / size; // in font units
    StringBuilder line = new StringBuilder();
    float used = 0;
    int hanging = 0;
    boolean wrapped = false;
    for (String token : tokens(paragraph, max)) {
      float w = units(token);
      boolean fits = used + w <= max + 0.01f;
      if (hanging > 0) {
        if (hanging < 2 && isNoStart(token)) {
          line.append(token);
          hanging++;
          continue;
        }
        flush(line, lines);
        used = 0;
        hanging = 0;
        wrapped = true;
        fits = w <= max;
      }
      if (fits) {
        if (line.isEmpty() && token.equals(" ") && wrapped) {
          continue; // no space at the start of a wrapped line
        }
        line.append(token);
        used += w;
      } else if (isNoStart(token) && !line.isEmpty()) {
        line.append(token);
        hanging = 1;
      } else {
        String carry = "";
        int last = line.isEmpty() ? -1 : line.codePointBefore(line.length());
        if (last >= 0 && NO_END.indexOf(last) >= 0 && line.length() > Character.charCount(last)) {
          carry = new String(Character.toChars(last));
          line.setLength(line.length() - carry.length());
        }
        flush(line, lines);
        wrapped = true;
        if (!token.equals(" ")) {
          line.append(carry).append(token);
        } else {
          line.append(carry);
        }
        used = units(line.toString());
      }
    }
    flush(line, lines);
  }

  private static void flush(StringBuilder line, List<String> lines) {
    String done = line.toString().stripTrailing();
    if (!done.isEmpty()) {
      lines.add(done);
    }
    line.setLength(0);
  }

  /** Latin words and numbers as one token (split if wider than a line), everything else per code point. */
  private List<String> tokens(String text, float max) {
    List<String> tokens = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      int cp = text.codePointAt(i);
      int end = i + Character.charCount(cp);
      if (isWordChar(cp)) {
        while (end < text.length() && isWordChar(text.codePointAt(end))) {
          end += Character.charCount(text.codePointAt(end));
        }
      }
      String token = text.substring(i, end);
      if (token.codePointCount(0, token.length()) > 1 && units(token) > max) {
        token.codePoints().forEach(c -> tokens.add(new String(Character.toChars(c))));
      } else {
        tokens.add(token);
      }
      i = end;
    }
    return tokens;
  }

  private static boolean isWordChar(int cp) {
    return cp < 0x2E80 && (Character.isLetterOrDigit(cp) || cp == '-' || cp == '_' || cp == '@' || cp == '.'
        || cp == '/' || cp == '\'');
  }

  private static boolean isNoStart(String token) {
    return token.codePointCount(0, token.length()) == 1 && NO_START.indexOf(token.codePointAt(0)) >= 0;
  }

  private float units(String text) {
    float units = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      units += units(cp);
      i += Character.charCount(cp);
    }
    return units;
  }

  private float units(int cp) {
    return widths.computeIfAbsent(cp, c -> {
      try {
        return font.getStringWidth(new String(Character.toChars(c)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (IllegalArgumentException e) {
        return 1000f;
      }
    });
  }

  private boolean has(int cp) {
    return glyphs.computeIfAbsent(cp, c -> {
      try {
        font.encode(new String(Character.toChars(c)));
        return true;
      } catch (IllegalArgumentException e) {
        return false;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }
}
