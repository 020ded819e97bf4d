package cn.jiaoliu.app.pdf;

import java.io.IOException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.PDPageContentStream.AppendMode;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * A Chinese paper form (登记表, 审批表) as a ruled table over as many A4 pages as it needs: a spaced
 * title, grid rows of facts (label, value, label, value), and labelled blocks of text or signed
 * opinions, each split over pages where it must (the label repeated with 续); a running head on
 * every following page and a footer with a note and page numbers on every page.
 *
 * <p>Use: {@link #start()}, then the title and rows in order, then {@link #finish()}.
 */
public final class RuledForm {

  private static final Set<String> CHINA = Set.of("Asia/Shanghai", "Asia/Chongqing", "Asia/Harbin", "Asia/Urumqi",
      "PRC", "Etc/GMT-8");

  private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd");

  private static final PDRectangle A4 = PDRectangle.A4;
  private static final float MARGIN_X = 56.7f; // 20 mm
  private static final float TOP = A4.getHeight() - 50f;
  private static final float BOTTOM = 66f; // the table stays above this; the footer sits below
  private static final float WIDTH = A4.getWidth() - 2 * MARGIN_X;
  private static final float LABEL_WIDTH = 88f;
  private static final float VALUE_WIDTH = WIDTH / 2 - LABEL_WIDTH;

  private static final float SIZE = 10.5f; // 五号
  private static final float LEADING = 18f;
  private static final float PAD_X = 7f;
  private static final float PAD_Y = 6f;
  /** A handwritten signature's box: as high as its line and a little into the padding of those beside it. */
  private static final float SIGNATURE_WIDTH = 90f;
  private static final float SIGNATURE_HEIGHT = 24f;
  private static final float SEAL_SIDE = 58f;
  private static final float MIN_ROW = 27f;
  private static final float TITLE_SIZE = 20f;
  private static final float SMALL = 8.5f;

  private static final float THIN = 0.5f;
  private static final float THICK = 1.2f;
  private static final float LABEL_GREY = 0.94f;
  private static final float FOOT_GREY = 0.35f;

  private enum Align { LEFT, RIGHT }

  private record Line(String text, Align align) {}

  private record Cell(String text, boolean label, float width) {}

  private final PDDocument document;
  private final ZoneId zone;
  private final TextWrapper body;
  private final TextWrapper bold;
  private final String headLeft;
  private final String headRight;
  private final String footLeft;

  private PDPageContentStream content;
  private float y;
  private float tableTop = Float.NaN;

  /**
   * @param headLeft running head at the left of every following page (e.g. the title with 续)
   * @param headRight running head at the right (e.g. the name the form is about)
   * @param footLeft the footer's note at the left of every page; page numbers go at the right
   */
  /**
   * A form in this document; times are shown in {@code zone} (the bureau's, {@code jiaoliu.time-zone}).
   */
  public RuledForm(PDDocument document, CjkFonts.Loaded fonts, ZoneId zone, String headLeft, String headRight,
      String footLeft) {
    this.document = document;
    this.zone = zone;
    this.body = fonts.body();
    this.bold = fonts.bold();
    this.headLeft = text(headLeft);
    this.headRight = text(headRight);
    this.footLeft = text(footLeft);
  }

  /** Opens the first page. */
  public void start() throws IOException {
    newPage();
  }

  /** Closes the table and the last page, then writes every page's footer. */
  public void finish() throws IOException {
    closeTable();
    content.close();
    footers();
  }

  // ---- sections ----

  /** The spaced title, centred; under it a centred subtitle and a small note at the right (both may be empty). */
  public void title(String title, String subtitle, String rightNote) throws IOException {
    float spacing = 3f;
    float width = bold.width(title, TITLE_SIZE) + spacing * (title.codePointCount(0, title.length()) - 1);
    content.beginText();
    content.setFont(bold.font(), TITLE_SIZE);
    content.setCharacterSpacing(spacing);
    content.newLineAtOffset((A4.getWidth() - width) / 2, y - TITLE_SIZE);
    String shown = bold.safe(title);
    bold.shown(shown);
    content.showText(shown);
    content.setCharacterSpacing(0);
    content.endText();
    y -= TITLE_SIZE + 14f;

    float size = 11f;
    String sub = text(subtitle);
    if (!sub.isEmpty()) {
      showText(body, size, sub, (A4.getWidth() - body.width(sub, size)) / 2, y - size);
    }
    String note = text(rightNote);
    if (!note.isEmpty()) {
      showText(body, 9f, note, MARGIN_X + WIDTH - body.width(note, 9f), y - size);
    }
    y -= size + 10f;
  }

  /** One row of two facts: label, value, label, value. */
  public void gridRow(String label1, String value1, String label2, String value2) throws IOException {
    row(List.of(new Cell(label1, true, LABEL_WIDTH), new Cell(text(value1), false, VALUE_WIDTH),
        new Cell(label2, true, LABEL_WIDTH), new Cell(text(value2), false, VALUE_WIDTH)));
  }

  /** One fact over the whole width: label, value. */
  public void wideRow(String label, String value) throws IOException {
    row(List.of(new Cell(label, true, LABEL_WIDTH), new Cell(text(value), false, WIDTH - LABEL_WIDTH)));
  }

  /**
   * One row of a table of columns over the whole width ({@code fractions} of it, one per text, adding
   * up to 1); a header row is shaded and bold like the labels, its texts centred.
   */
  public void tableRow(float[] fractions, boolean header, String... texts) throws IOException {
    if (fractions.length != texts.length) {
      throw new IllegalArgumentException("one width per column");
    }
    List<Cell> cells = new ArrayList<>();
    for (int i = 0; i < texts.length; i++) {
      cells.add(new Cell(text(texts[i]), header, WIDTH * fractions[i]));
    }
    row(cells);
  }

  /**
   * A block of running text (paragraphs kept, indented the Chinese way when {@code indent}), at
   * least {@code minLines} high; {@code empty} stands in for no text, and a signature line (if any)
   * sits at the bottom right.
   */
  public void textBlock(String label, String value, boolean indent, String empty, String signature, int minLines)
      throws IOException {
    List<Line> lines = new ArrayList<>();
    List<String> wrapped = body.wrap(value, SIZE, contentWidth(), indent);
    if (wrapped.isEmpty() && empty != null) {
      lines.add(new Line(empty, Align.LEFT));
    }
    wrapped.forEach(l -> lines.add(new Line(l, Align.LEFT)));
    if (signature != null) {
      lines.add(new Line("", Align.LEFT));
      lines.add(new Line(signature, Align.RIGHT));
    }
    labelledBlock(label, lines, minLines);
  }

  /**
   * A signed opinion: the step as label, 意见：decision, the comment, then 签名 and 时间 and a line
   * left for the seal and the handwritten date (（盖章） 年 月 日) at the bottom right.
   */
  public void opinion(String step, String decision, String comment, String signerName, OffsetDateTime at)
      throws IOException {
    opinion(step, decision, comment, signerName, at, null, null);
  }

  /**
   * An opinion as {@link #opinion(String, String, String, String, OffsetDateTime)}, with the
   * signer's handwritten signature (PNG) beside the signature line and the school's seal over the
   * place left for it, as a paper form carries them; either may be null.
   */
  public void opinion(String step, String decision, String comment, String signerName, OffsetDateTime at,
      byte[] signature, byte[] seal) throws IOException {
    float width = contentWidth();
    List<Line> lines = new ArrayList<>();
    String d = text(decision).strip();
    if (!d.isEmpty()) {
      body.wrap("意见：" + d, SIZE, width, false).forEach(l -> lines.add(new Line(l, Align.LEFT)));
    }
    body.wrap(comment, SIZE, width, false).forEach(l -> lines.add(new Line(l, Align.LEFT)));
    if (lines.isEmpty()) {
      lines.add(new Line("（无）", Align.LEFT));
    }
    String time = dateTime(at, zone);
    PDImageXObject handwriting = signature == null ? null
        : PDImageXObject.createFromByteArray(document, signature, "signature");
    // the handwriting goes in a gap after the printed name, on the signature line, as wide as the line leaves
    String named = "签名：" + text(signerName);
    String when = time.isEmpty() ? "" : "　　时间：" + time;
    float space = body.width("　", SIZE);
    float room = width - body.width(named + when, SIZE) - 2 * space;
    float[] box = handwriting == null || room < 20 ? null
        : fit(handwriting, Math.min(SIGNATURE_WIDTH, room), SIGNATURE_HEIGHT);
    String gap = box == null ? "" : "　".repeat((int) Math.ceil((box[0] + 6) / space));
    String signed = named + gap + when;
    lines.add(new Line(signed, Align.RIGHT));
    // room for the paper's seal and handwritten date, as the printed forms leave it
    String sealLine = "（盖章）　　　　　　年　　　月　　　日";
    lines.add(new Line(sealLine, Align.RIGHT));
    String label = text(step).strip();
    labelledBlock(label.isEmpty() ? "意见" : label, lines, 4);
    // the block's bottom is y now: its last two slots hold the signature line and the seal's place
    float right = MARGIN_X + WIDTH - PAD_X;
    if (box != null) {
      float gapLeft = right - body.width(signed, SIZE) + body.width(named, SIZE);
      float centre = y + PAD_Y + 1.5f * LEADING;
      content.drawImage(handwriting, gapLeft + (body.width(gap, SIZE) - box[0]) / 2, centre - box[1] / 2, box[0],
          box[1]);
    }
    if (seal != null) {
      PDImageXObject image = PDImageXObject.createFromByteArray(document, seal, "seal");
      float[] sealBox = fit(image, SEAL_SIDE, SEAL_SIDE);
      float centreX = right - body.width(sealLine, SIZE) + body.width("（盖章）", SIZE) / 2;
      float centreY = y + 1 + SEAL_SIDE / 2;
      content.drawImage(image, centreX - sealBox[0] / 2, centreY - sealBox[1] / 2, sealBox[0], sealBox[1]);
    }
  }

  /** The size an image is drawn at: as large as fits the box, its proportions kept. */
  private static float[] fit(PDImageXObject image, float maxWidth, float maxHeight) {
    float w = Math.max(1, image.getWidth());
    float h = Math.max(1, image.getHeight());
    float scale = Math.min(maxWidth / w, maxHeight / h);
    return new float[] {w * scale, h * scale};
  }

  // ---- table rows ----

  private void row(List<Cell> cells) throws IOException {
    List<List<String>> texts = new ArrayList<>();
    int most = 1;
    for (Cell cell : cells) {
      TextWrapper font = cell.label() ? bold : body;
      List<String> lines = font.wrap(cell.text(), SIZE, cell.width() - 2 * PAD_X, false);
      texts.add(lines);
      most = Math.max(most, lines.size());
    }
    float height = Math.max(MIN_ROW, most * LEADING + 2 * PAD_Y);
    if (y - height < BOTTOM) {
      newPage();
    }
    startTable();
    float x = MARGIN_X;
    for (int i = 0; i < cells.size(); i++) {
      Cell cell = cells.get(i);
      cellBox(x, y, cell.width(), height, cell.label());
      List<String> lines = texts.get(i);
      float blockTop = y - (height - lines.size() * LEADING) / 2;
      for (int k = 0; k < lines.size(); k++) {
        TextWrapper font = cell.label() ? bold : body;
        float textX = cell.label() ? x + (cell.width() - font.width(lines.get(k), SIZE)) / 2 : x + PAD_X;
        showText(font, SIZE, lines.get(k), textX, baseline(blockTop, k));
      }
      x += cell.width();
    }
    y -= height;
  }

  /**
   * A label on the left, lines on the right (at least {@code minLines} high, the signature line at
   * the bottom), split over pages where it must without carrying a lone line over.
   */
  private void labelledBlock(String label, List<Line> lines, int minLines) throws IOException {
    int trailingRight = 0;
    while (trailingRight < lines.size() && lines.get(lines.size() - 1 - trailingRight).align() == Align.RIGHT) {
      trailingRight++;
    }
    int next = 0;
    boolean continued = false;
    while (next < lines.size()) {
      int remaining = lines.size() - next;
      String shownLabel = continued ? label + "（续）" : label;
      List<String> labelLines = bold.wrap(shownLabel, SIZE, LABEL_WIDTH - 2 * PAD_X, false);
      int need = Math.max(labelLines.size(), continued ? remaining : Math.max(remaining, minLines));
      int room = (int) Math.floor((y - BOTTOM - 2 * PAD_Y) / LEADING);
      int take;
      int slots;
      if (need <= room) {
        take = remaining;
        slots = need;
      } else if (room < Math.max(3, labelLines.size()) && !Float.isNaN(tableTop)) {
        newPage();
        continue;
      } else {
        take = Math.min(remaining, room);
        if (remaining - take < 2 && take > 3) {
          take = remaining - 2; // no lone line (or lone signature) on the next page
        } else if (remaining - take < 2 && take < remaining && !Float.isNaN(tableTop)) {
          newPage(); // too little room to leave two lines over: the whole block on the next page
          continue;
        }
        slots = Math.max(take, labelLines.size());
      }
      float height = slots * LEADING + 2 * PAD_Y;
      startTable();

      cellBox(MARGIN_X, y, LABEL_WIDTH, height, true);
      cellBox(MARGIN_X + LABEL_WIDTH, y, WIDTH - LABEL_WIDTH, height, false);
      float labelTop = y - (height - labelLines.size() * LEADING) / 2;
      for (int k = 0; k < labelLines.size(); k++) {
        String l = labelLines.get(k);
        showText(bold, SIZE, l, MARGIN_X + (LABEL_WIDTH - bold.width(l, SIZE)) / 2, baseline(labelTop, k));
      }
      float top = y - PAD_Y;
      float left = MARGIN_X + LABEL_WIDTH + PAD_X;
      float right = MARGIN_X + WIDTH - PAD_X;
      for (int k = 0; k < take; k++) {
        Line line = lines.get(next + k);
        // the signature lines (the right-aligned ones at the end) sit at the bottom of the block
        int fromEnd = lines.size() - (next + k);
        int slot = fromEnd <= trailingRight && next + take == lines.size() ? slots - fromEnd : k;
        float x = line.align() == Align.RIGHT ? right - body.width(line.text(), SIZE) : left;
        showText(body, SIZE, line.text(), x, baseline(top, slot));
      }
      y -= height;
      next += take;
      if (next < lines.size()) {
        newPage();
        continued = true;
      }
    }
  }

  // ---- pages ----

  private void newPage() throws IOException {
    if (content != null) {
      closeTable();
      content.close();
    }
    PDPage page = new PDPage(A4);
    document.addPage(page);
    content = new PDPageContentStream(document, page, AppendMode.OVERWRITE, true, true);
    y = TOP;
    if (document.getNumberOfPages() > 1) {
      grey();
      showText(body, SMALL, headLeft, MARGIN_X, y - SMALL);
      showText(body, SMALL, headRight, MARGIN_X + WIDTH - body.width(headRight, SMALL), y - SMALL);
      rule(y - SMALL - 5f);
      black();
      y -= SMALL + 18f;
    }
  }

  private void startTable() {
    if (Float.isNaN(tableTop)) {
      tableTop = y;
    }
  }

  /** The thick outer frame around this page's part of the table. */
  private void closeTable() throws IOException {
    if (Float.isNaN(tableTop)) {
      return;
    }
    content.setLineWidth(THICK);
    content.addRect(MARGIN_X, y, WIDTH, tableTop - y);
    content.stroke();
    tableTop = Float.NaN;
  }

  private void footers() throws IOException {
    int pages = document.getNumberOfPages();
    for (int i = 0; i < pages; i++) {
      try (PDPageContentStream foot = new PDPageContentStream(document, document.getPage(i), AppendMode.APPEND,
          true, true)) {
        content = foot;
        grey();
        rule(BOTTOM - 14f);
        float base = BOTTOM - 14f - SMALL - 6f;
        showText(body, SMALL, footLeft, MARGIN_X, base);
        String right = "第 " + (i + 1) + " 页／共 " + pages + " 页";
        showText(body, SMALL, right, MARGIN_X + WIDTH - body.width(right, SMALL), base);
      }
    }
    content = null;
  }

  // ---- drawing ----

  private void cellBox(float x, float top, float width, float height, boolean label) throws IOException {
    if (label) {
      content.setNonStrokingColor(LABEL_GREY, LABEL_GREY, LABEL_GREY);
      content.addRect(x, top - height, width, height);
      content.fill();
      black();
    }
    content.setLineWidth(THIN);
    content.addRect(x, top - height, width, height);
    content.stroke();
  }

  private void rule(float at) throws IOException {
    content.setLineWidth(THIN);
    content.moveTo(MARGIN_X, at);
    content.lineTo(MARGIN_X + WIDTH, at);
    content.stroke();
  }

  private void showText(TextWrapper font, float size, String text, float x, float baseline) throws IOException {
    String safe = font.safe(text);
    if (safe.isEmpty()) {
      return;
    }
    font.shown(safe);
    content.beginText();
    content.setFont(font.font(), size);
    content.newLineAtOffset(x, baseline);
    content.showText(safe);
    content.endText();
  }

  /** Baseline of line {@code k} of a block whose first line box starts at {@code top}. */
  private static float baseline(float top, int k) {
    // CJK glyphs fill the em box from -0.12 to 0.88 of the size: centre that box in the line
    return top - k * LEADING - (LEADING - SIZE) / 2 - 0.88f * SIZE;
  }

  private static float contentWidth() {
    return WIDTH - LABEL_WIDTH - 2 * PAD_X;
  }

  private void grey() throws IOException {
    content.setNonStrokingColor(FOOT_GREY, FOOT_GREY, FOOT_GREY);
    content.setStrokingColor(FOOT_GREY, FOOT_GREY, FOOT_GREY);
  }

  private void black() throws IOException {
    content.setNonStrokingColor(0f, 0f, 0f);
    content.setStrokingColor(0f, 0f, 0f);
  }

  // ---- text of values ----

  public static String text(String value) {
    return value == null ? "" : value;
  }

  /** {@code yyyy-MM-dd HH:mm} in Beijing time; empty for none. */
  public static String dateTime(OffsetDateTime at, ZoneId zone) {
    return at == null ? "" : at.atZoneSameInstant(zone).format(DATE_TIME);
  }

  /** How the forms name the time zone their times are in: 北京时间 for China's, else the zone's id. */
  public static String zoneLabel(ZoneId zone) {
    return CHINA.contains(zone.getId()) ? "北京时间" : zone.getId();
  }

  public static String date(LocalDate day) {
    return day == null ? "" : day.format(DATE);
  }
}
