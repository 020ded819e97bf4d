package cn.jiaoliu.app.assessment.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jiaoliu.app.pdf.VeraPdf;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Plain unit tests of the archived record's PDF: no Spring context. */
class ArchivePdfTest {

  static final String SENTENCE = "在牛泉镇中心小学交流的一年里，我坚持每周深入课堂听课评课，与乡村教师结对备课。";
  static final String COMMENT = "该同志师德高尚，教学扎实，示范课效果显著，同意评为优秀。";

  static ArchivePdf pdf;
  static byte[] rendered;
  static VeraPdf pdfA;

  @BeforeAll
  static void renderOnce() {
    pdf = new ArchivePdf(ZoneId.of("Asia/Shanghai"));
    rendered = pdf.render(record(longSelfEvaluation()));
    pdfA = VeraPdf.pdfA2b();
  }

  /** An archival record: PDF/A-2b, over several pages and with signatures and seals (PNG with alpha). */
  @Test
  void theRecordIsPdfA2b() throws Exception {
    assertThat(pdfA.violations(rendered)).isEmpty();
    assertThat(pdfA.violations(pdf.render(signed(record("一年来，本人认真履行交流教师职责。"))))).isEmpty();
  }

  @Test
  void theTextOfEveryFieldCanBeExtractedInChinese() throws IOException {
    String text = squeeze(extract(rendered));

    assertThat(text).contains(
        "城乡交流教师年度考核登记表", "2024-2025学年度", "张伟", "teacher.zhang", "莱城区实验小学", "牛泉镇中心小学", "语文",
        "语文教师兼班主任", "2024-09-01至2025-07-15", "示范课（节）12", "教研活动（次）8", "任教学生（人）45", "考核等次优秀",
        "个人自我鉴定", squeeze(SENTENCE), "本人签名：张伟",
        "接收学校考核", COMMENT, "王芳", "派出学校意见", "刘洋", "教学办审核", "陈静", "意见：同意",
        "档案版本：第2版");
    // times in Asia/Shanghai: 02:30Z is 10:30 in Beijing
    assertThat(text).contains("签名：王芳时间：2025-07-0110:30", "签名：陈静时间：2025-07-2016:00",
        "归档时间：2025-07-2016:05");
    assertThat(text).doesNotContain("□");
    // the ideographs, not the Kangxi radicals that share their glyphs (小 not ⼩, 见 not ⻅)
    assertThat(text.codePoints().filter(cp -> cp >= 0x2E80 && cp <= 0x2FDF)).isEmpty();
  }

  @Test
  void everyFontIsEmbeddedAsASubset() throws IOException {
    try (PDDocument document = Loader.loadPDF(rendered)) {
      List<String> fonts = new ArrayList<>();
      for (PDPage page : document.getPages()) {
        for (COSName name : page.getResources().getFontNames()) {
          PDFont font = page.getResources().getFont(name);
          assertThat(font.isEmbedded()).as(font.getName()).isTrue();
          assertThat(font.getName()).as("subset tag").matches("[A-Z]{6}\\+.+");
          fonts.add(font.getName());
        }
      }
      assertThat(fonts).isNotEmpty();
      assertThat(fonts).anyMatch(f -> f.endsWith("NotoSansHans-Regular"));
    }
    // two full TrueType files are ~19 MB: only the used glyphs are in
    assertThat(rendered.length).isLessThan(1_000_000);
  }

  @Test
  void aLongSelfEvaluationRunsOverMorePages() throws IOException {
    byte[] brief = pdf.render(record("一年来，本人认真履行交流教师职责。"));
    int briefPages = pages(brief);
    int longPages = pages(rendered);

    assertThat(longSelfEvaluation().length()).isGreaterThan(2900);
    assertThat(briefPages).isEqualTo(1);
    assertThat(longPages).isGreaterThan(briefPages).isGreaterThanOrEqualTo(3);
    String last = squeeze(extract(rendered, longPages, longPages));
    assertThat(last).contains("第" + longPages + "页／共" + longPages + "页");
  }

  @Test
  void theSameRecordGivesTheSameBytes() {
    byte[] again = pdf.render(record(longSelfEvaluation()));

    assertThat(again).isEqualTo(rendered);
    assertThat(ArchivePdf.sha256(again)).isEqualTo(ArchivePdf.sha256(rendered));
  }

  @Test
  void theDigestIsLowerCaseHexAndChangesWithOneByte() {
    String digest = ArchivePdf.sha256(rendered);
    byte[] tampered = rendered.clone();
    tampered[tampered.length / 2] ^= 0x01;

    assertThat(digest).matches("[0-9a-f]{64}");
    assertThat(ArchivePdf.sha256(tampered)).matches("[0-9a-f]{64}").isNotEqualTo(digest);
    assertThat(ArchivePdf.sha256("abc".getBytes()))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void aCharacterTheFontLacksDoesNotBreakTheRecord() throws IOException {
    byte[] document = pdf.render(record("本人积极参加教研活动😀，表现良好。\t\u0007"));

    assertThat(squeeze(extract(document))).contains("本人积极参加教研活动□，表现良好。");
  }

  @Test
  void emptyFieldsStillGiveAForm() throws IOException {
    AssessmentRecord empty = new AssessmentRecord(null, null, null, null, null, null, null, null, null, null,
        0, 0, 0, null, null, 1, null);

    String text = squeeze(extract(pdf.render(empty)));

    assertThat(text).contains("城乡交流教师年度考核登记表", "个人自我鉴定", "（未填写）", "档案版本：第1版");
  }

  /** Writes the pages as PNG (100 dpi) to target/ to look at: archive-preview.png is the first. */
  @Test
  void previewRendersToPng() throws IOException {
    Path target = Path.of("target");
    Files.createDirectories(target);
    writePreview(rendered, target, "archive-preview");
    writePreview(pdf.render(record("一年来，本人认真履行交流教师职责，圆满完成了各项教育教学任务。")), target,
        "archive-preview-brief");
    assertThat(target.resolve("archive-preview.png")).exists();
  }

  static void writePreview(byte[] document, Path target, String name) throws IOException {
    Files.write(target.resolve(name + ".pdf"), document);
    try (PDDocument d = Loader.loadPDF(document)) {
      PDFRenderer renderer = new PDFRenderer(d);
      for (int i = 0; i < d.getNumberOfPages(); i++) {
        BufferedImage image = renderer.renderImageWithDPI(i, 100, ImageType.RGB);
        String file = i == 0 ? name + ".png" : name + "-" + (i + 1) + ".png";
        ImageIO.write(image, "png", target.resolve(file).toFile());
        assertThat(image.getWidth()).isBetween(820, 830); // A4 at 100 dpi: 827 × 1169
        assertThat(darkPixels(image)).isGreaterThan(5_000);
      }
    }
  }

  /** Signatures and seals are printed beside the opinions; the same record still gives the same bytes. */
  @Test
  void signaturesAndSealsArePrintedAndTheBytesStayTheSame() throws Exception {
    AssessmentRecord withImages = signed(record("一年来，本人认真履行交流教师职责。"));
    byte[] first = pdf.render(withImages);
    assertThat(pdf.render(withImages)).isEqualTo(first);
    try (var document = org.apache.pdfbox.Loader.loadPDF(first)) {
      int images = 0;
      for (int i = 0; i < document.getNumberOfPages(); i++) {
        for (var name : document.getPage(i).getResources().getXObjectNames()) {
          images += document.getPage(i).getResources().isImageXObject(name) ? 1 : 0;
        }
      }
      assertThat(images).isEqualTo(6);
      // drawn to target/pdf for a person to look at
      java.nio.file.Path dir = java.nio.file.Files.createDirectories(java.nio.file.Path.of("target", "pdf"));
      for (int i = 0; i < document.getNumberOfPages(); i++) {
        javax.imageio.ImageIO.write(new org.apache.pdfbox.rendering.PDFRenderer(document).renderImageWithDPI(i, 110),
            "png", dir.resolve("assessment-record-signed-" + (i + 1) + ".png").toFile());
      }
    }
  }

  // ---- fixtures ----

  /** The record with every signer's handwriting and the schools' seals. */
  static AssessmentRecord signed(AssessmentRecord plain) throws IOException {
    byte[] ink = ink();
    List<AssessmentRecord.Entry> signed = plain.entries().stream().map(e -> new AssessmentRecord.Entry(e.step(),
        e.decision(), e.comment(), e.signerName(), e.at(), ink.clone(), e.step().contains("学校") ? ink.clone() : null))
        .toList();
    return new AssessmentRecord(plain.schoolYear(), plain.teacherName(), plain.teacherUsername(),
        plain.dispatchingSchool(), plain.receivingSchool(), plain.subject(), plain.post(), plain.periodStart(),
        plain.periodEnd(), plain.selfEvaluation(), plain.demonstrationClasses(), plain.researchActivities(),
        plain.pupilsTaught(), plain.grade(), signed, plain.version(), plain.archivedAt());
  }

  static byte[] ink() throws java.io.IOException {
    java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(240, 80,
        java.awt.image.BufferedImage.TYPE_INT_ARGB);
    java.awt.Graphics2D g = image.createGraphics();
    g.setColor(java.awt.Color.BLACK);
    g.drawLine(10, 70, 230, 10);
    g.dispose();
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    javax.imageio.ImageIO.write(image, "png", out);
    return out.toByteArray();
  }

  static AssessmentRecord record(String selfEvaluation) {
    List<AssessmentRecord.Entry> entries = List.of(
        new AssessmentRecord.Entry("自我鉴定", "", "已提交自我鉴定。", "张伟",
            OffsetDateTime.of(2025, 6, 20, 1, 15, 0, 0, ZoneOffset.UTC)),
        new AssessmentRecord.Entry("接收学校考核", "优秀", COMMENT, "王芳",
            OffsetDateTime.of(2025, 7, 1, 2, 30, 0, 0, ZoneOffset.UTC)),
        new AssessmentRecord.Entry("派出学校意见", "同意", "同意接收学校的考核意见，该同志交流期间表现突出，为我校争得荣誉。", "刘洋",
            OffsetDateTime.of(2025, 7, 5, 9, 0, 0, 0, ZoneOffset.ofHours(8))),
        new AssessmentRecord.Entry("教学办审核", "同意", "经审核，材料齐全，程序规范，同意归档。", "陈静",
            OffsetDateTime.of(2025, 7, 20, 8, 0, 0, 0, ZoneOffset.UTC)));
    return new AssessmentRecord("2024-2025", "张伟", "teacher.zhang", "莱城区实验小学", "牛泉镇中心小学", "语文", "语文教师兼班主任",
        LocalDate.of(2024, 9, 1), LocalDate.of(2025, 7, 15), selfEvaluation, 12, 8, 45, "优秀", entries, 2,
        OffsetDateTime.of(2025, 7, 20, 8, 5, 0, 0, ZoneOffset.UTC));
  }

  static String longSelfEvaluation() {
    String[] paragraphs = {
        "本人于2024年9月起由莱城区实验小学派往牛泉镇中心小学交流任教，担任四年级语文教学兼班主任工作。"
            + "一年来，我严格遵守学校各项规章制度，服从工作安排，认真履行交流教师职责，现将本学年工作总结如下。",
        SENTENCE + "全年共上示范课12节，组织和参加教研活动8次，围绕“大单元教学”“整本书阅读”等主题开展专题研讨，"
            + "帮助青年教师改进教学设计，提高课堂效率。",
        "在班级管理方面，我坚持以学生为本，关注每一名学生的成长。班级共有学生45人，其中留守儿童17人。"
            + "我建立了家校联系档案，利用周末进行家访，与家长共同制定帮扶计划，使学生的学习习惯和行为习惯明显好转。",
        "在教学研究方面，我积极参与镇教研室组织的课题研究，撰写的教学案例《乡村小学习作教学的实践与思考》获区级二等奖。"
            + "同时注重信息技术与学科教学的融合，利用国家中小学智慧教育平台资源丰富课堂内容。",
        "当然，工作中也存在一些不足：对乡村学生的学情研究还不够深入，个别学困生的转化效果不够理想。"
            + "今后我将继续加强学习，改进方法，努力把城区学校的先进理念和经验带到乡村，为促进城乡教育均衡发展贡献力量。"};
    StringBuilder text = new StringBuilder();
    int round = 0;
    while (text.length() < 3000) {
      for (String p : paragraphs) {
        text.append(round == 0 ? p : "（续" + round + "）" + p).append('\n');
      }
      round++;
    }
    return text.toString();
  }

  // ---- helpers ----

  static String extract(byte[] document) throws IOException {
    try (PDDocument d = Loader.loadPDF(document)) {
      return new PDFTextStripper().getText(d);
    }
  }

  static String extract(byte[] document, int from, int to) throws IOException {
    try (PDDocument d = Loader.loadPDF(document)) {
      PDFTextStripper stripper = new PDFTextStripper();
      stripper.setStartPage(from);
      stripper.setEndPage(to);
      return stripper.getText(d);
    }
  }

  /** Without any white space, so that wrapped lines and spacing do not matter. */
  static String squeeze(String text) {
    return text.replaceAll("[\\s\\u3000]+", "");
  }

  static int pages(byte[] document) throws IOException {
    try (PDDocument d = Loader.loadPDF(document)) {
      return d.getNumberOfPages();
    }
  }

  static int darkPixels(BufferedImage image) {
    int dark = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int rgb = image.getRGB(x, y);
        if (((rgb >> 16) & 0xff) < 128) {
          dark++;
        }
      }
    }
    return dark;
  }
}
