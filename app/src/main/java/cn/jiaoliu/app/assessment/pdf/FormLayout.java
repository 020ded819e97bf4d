package cn.jiaoliu.app.assessment.pdf;

import static cn.jiaoliu.app.assessment.pdf.ArchivePdf.date;
import static cn.jiaoliu.app.assessment.pdf.ArchivePdf.dateTime;
import static cn.jiaoliu.app.assessment.pdf.ArchivePdf.text;

import cn.jiaoliu.app.assessment.pdf.AssessmentRecord.Entry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.PDPageContentStream.AppendMode;
import org.apache.pdfbox.pdmodel.common.PDRectangle;

/**
 * Lays out one record as a ruled form over as many A4 pages as it needs: the title, a grid of the
 * facts, then one labelled block for the self-evaluation and one per opinion, each split over pages
 * where it must (the label repeated with 续); a running head on every following page and a footer
 * with the archive's version, time and page numbers on every page.
 */
final class FormLayout {

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
  private final TextWrapper body;
  private final TextWrapper bold;
  private final AssessmentRecord record;

  private PDPageContentStream content;
  private float y;
  private float tableTop = Float.NaN;

  FormLayout(PDDocument document, TextWrapper body, TextWrapper bold, AssessmentRecord record) {
    this.document = document;
    this.body = body;
    this.bold = bold;
    this.record = record;
  }

  void write() throws IOException {
    newPage();
    title();
    facts();
    selfEvaluation();
    for (Entry entry : record.entries()) {
      opinion(entry);
    }
    remarks();
    closeTable();
    content.close();
    footers();
  }

  // ---- sections ----

  private void title() throws IOException {
    float spacing = 3f;
    String title = ArchivePdf.TITLE;
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

    // the school year centred under the title, the archive's version on the same line at the right
    float size = 11f;
    String year = text(record.schoolYear()).strip();
    if (!year.isEmpty()) {
      String subtitle = "（" + year + (year.endsWith("学年") || year.endsWith("学年度") ? "" : " 学年度") + "）";
      showText(body, size, subtitle, (A4.getWidth() - body.width(subtitle, size)) / 2, y - size);
    }
    String version = "档案版本：第 " + record.version() + " 版";
    showText(body, 9f, version, MARGIN_X + WIDTH - body.width(version, 9f), y - size);
    y -= size + 10f;
  }

  private void facts() throws IOException {
    String period = date(record.periodStart()) + " 至 " + date(record.periodEnd());
    if (record.periodStart() == null && record.periodEnd() == null) {
      period = "";
    }
    gridRow("姓　　名", record.teacherName(), "用 户 名", record.teacherUsername());
    gridRow("派出学校", record.dispatchingSchool(), "接收学校", record.receivingSchool());
    gridRow("任教学科", record.subject(), "交流岗位", record.post());
    gridRow("学 年 度", record.schoolYear(), "交流期间", period);
    gridRow("示范课（节）", String.valueOf(record.demonstrationClasses()),
        "教研活动（次）", String.valueOf(record.researchActivities()));
    gridRow("任教学生（人）", String.valueOf(record.pupilsTaught()), "考核等次", record.grade());
  }

  private void selfEvaluation() throws IOException {
    float width = contentWidth();
    List<Line> lines = new ArrayList<>();
    List<String> wrapped = body.wrap(record.selfEvaluation(), SIZE, width, true);
    if (wrapped.isEmpty()) {
      lines.add(new Line("（未填写）", Align.LEFT));
    }
    wrapped.forEach(l -> lines.add(new Line(l, Align.LEFT)));
    lines.add(new Line("", Align.LEFT));
    lines.add(new Line("本人签名：" + text(record.teacherName()), Align.RIGHT));
    labelledBlock("个人自我鉴定", lines, 5);
  }

  private void opinion(Entry entry) throws IOException {
    float width = contentWidth();
    List<Line> lines = new ArrayList<>();
    String decision = text(entry.decision()).strip();
    if (!decision.isEmpty()) {
      body.wrap("意见：" + decision, SIZE, width, false).forEach(l -> lines.add(new Line(l, Align.LEFT)));
    }
    body.wrap(entry.comment(), SIZE, width, false).forEach(l -> lines.add(new Line(l, Align.LEFT)));
    if (lines.isEmpty()) {
      lines.add(new Line("（无）", Align.LEFT));
    }
    lines.add(new Line("", Align.LEFT));
    String at = dateTime(entry.at());
    lines.add(new Line("签名：" + text(entry.signerName()) + (at.isEmpty() ? "" : "　　时间：" + at), Align.RIGHT));
    String step = text(entry.step()).strip();
    labelledBlock(step.isEmpty() ? "意见" : step, lines, 4);
  }

  private void remarks() throws IOException {
    String at = dateTime(record.archivedAt());
    String text = "本表为第 " + record.version() + " 版存档件" + (at.isEmpty() ? "" : "，归档于 " + at + "（北京时间）")
        + "。各栏意见、签名及时间取自审批记录，以电子存档的 SHA-256 摘要核验。";
    List<Line> lines = new ArrayList<>();
    body.wrap(text, SIZE, contentWidth(), false).forEach(l -> lines.add(new Line(l, Align.LEFT)));
    labelledBlock("备　　注", lines, 1);
  }

  // ---- table rows ----

  private void gridRow(String label1, String value1, String label2, String value2) throws IOException {
    row(List.of(new Cell(label1, true, LABEL_WIDTH), new Cell(value1, false, VALUE_WIDTH),
        new Cell(label2, true, LABEL_WIDTH), new Cell(value2, false, VALUE_WIDTH)));
  }

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
        // the signature line sits at the bottom of the block
        int slot = line.align() == Align.RIGHT && next + k == lines.size() - 1 ? slots - 1 : k;
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
      String left = ArchivePdf.TITLE + "（续）";
      String right = "姓名：" + text(record.teacherName()) + "　　学年度：" + text(record.schoolYear());
      grey();
      showText(body, SMALL, left, MARGIN_X, y - SMALL);
      showText(body, SMALL, right, MARGIN_X + WIDTH - body.width(right, SMALL), y - SMALL);
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
    String left = "档案版本：第 " + record.version() + " 版　　归档时间：" + dateTime(record.archivedAt());
    for (int i = 0; i < pages; i++) {
      try (PDPageContentStream foot = new PDPageContentStream(document, document.getPage(i), AppendMode.APPEND,
          true, true)) {
        content = foot;
        grey();
        rule(BOTTOM - 14f);
        float base = BOTTOM - 14f - SMALL - 6f;
        showText(body, SMALL, left, MARGIN_X, base);
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
}
