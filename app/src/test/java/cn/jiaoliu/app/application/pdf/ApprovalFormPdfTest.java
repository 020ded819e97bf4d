package cn.jiaoliu.app.application.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jiaoliu.app.pdf.VeraPdf;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Plain unit tests of the approval form's PDF: no Spring context. */
class ApprovalFormPdfTest {

  static final ApprovalFormPdf PDF = new ApprovalFormPdf(ZoneId.of("Asia/Shanghai"));
  static VeraPdf pdfA;

  @BeforeAll
  static void validator() {
    pdfA = VeraPdf.pdfA2b();
  }

  static ApprovalForm form(int opinions) {
    OffsetDateTime at = OffsetDateTime.of(2027, 3, 1, 2, 30, 0, 0, ZoneOffset.UTC);
    List<ApprovalForm.Opinion> list = new ArrayList<>();
    list.add(new ApprovalForm.Opinion("派出学校签署意见", "同意", "该同志业务扎实，同意派出。", "王芳", at));
    list.add(new ApprovalForm.Opinion("接收学校接收", "同意接收", "欢迎到我校支教。", "刘洋", at.plusDays(1)));
    for (int i = 2; i < opinions; i++) {
      list.add(new ApprovalForm.Opinion("教学办审批", "同意", "第 " + i + " 条意见：审批通过，请按期到岗。", "陈静", at.plusDays(i)));
    }
    return new ApprovalForm(42, "张伟", "LC2019031", "莱城区实验小学", "牛泉镇中心小学", "2027学年城乡教师交流第一批",
        "城区到农村支教", "教师", "数学", "2027-09-01 至 2028-07-31", 8, "自愿到牛泉镇中心小学支教一年，承担数学教学和教研任务。",
        "已批准", "每月 400 元", "", at.minusDays(3), list, List.of(), at.plusDays(5));
  }

  static String text(byte[] pdf) throws IOException {
    try (PDDocument document = Loader.loadPDF(pdf)) {
      return new PDFTextStripper().getText(document).replaceAll("[\\s\u3000]+", "");
    }
  }

  @Test
  void everyFactAndEveryOpinionCanBeExtractedInChinese() throws IOException {
    String text = text(PDF.render(form(3)));
    assertThat(text).contains("城乡教师交流轮岗审批表", "申请编号：42", "张伟", "莱城区实验小学", "牛泉镇中心小学",
        "2027学年城乡教师交流第一批", "城区到农村支教", "数学", "2027-09-01至2028-07-31", "已批准", "每月400元",
        "自愿到牛泉镇中心小学支教一年", "派出学校签署意见", "意见：同意", "该同志业务扎实，同意派出。",
        "签名：王芳时间：2027-03-0110:30", "接收学校接收", "意见：同意接收", "签名：刘洋", "教学办审批", "签名：陈静");
    assertThat(text).doesNotContain("□");
    assertThat(text.codePoints().filter(cp -> cp >= 0x2E80 && cp <= 0x2FDF)).isEmpty();
  }

  @Test
  void manyOpinionsRunOverPagesWithPageNumbers() throws IOException {
    byte[] pdf = PDF.render(form(30));
    try (PDDocument document = Loader.loadPDF(pdf)) {
      int pages = document.getNumberOfPages();
      assertThat(pages).isGreaterThan(1);
      PDFTextStripper last = new PDFTextStripper();
      last.setStartPage(pages);
      assertThat(last.getText(document).replaceAll("[\\s\u3000]+", ""))
          .contains("第" + pages + "页／共" + pages + "页", "城乡教师交流轮岗审批表（续）", "第29条意见");
    }
  }

  @Test
  void theSameFormGivesTheSameBytesAndAnotherStateOthers() {
    assertThat(PDF.render(form(3))).isEqualTo(PDF.render(form(3)));
    assertThat(PDF.render(form(4))).isNotEqualTo(PDF.render(form(3)));
  }

  @Test
  void anApplicationWithoutOpinionsStillGivesAForm() throws IOException {
    ApprovalForm f = form(0);
    ApprovalForm empty = new ApprovalForm(f.applicationId(), f.teacherName(), "", f.homeSchool(),
        f.targetSchool(), f.batch(), f.direction(), f.post(), f.subject(), f.period(), f.yearsOfService(), null,
        "不符合条件", "", "已有交流安排与该期间重叠", f.submittedAt(), List.of(), List.of(), f.asOf());
    assertThat(text(PDF.render(empty))).contains("（尚无意见）", "（未填写）", "不符合条件", "已有交流安排与该期间重叠", "生活补贴—", "姓名张伟");
  }

  /**
   * A normal case, three opinions and two revisions, fits one A4 page; it names the teacher by name
   * and staff number, never the login name; each revision says what it changed; each opinion leaves
   * room for the seal and the handwritten date. The page is drawn to target/pdf for a person to look at.
   */
  @Test
  void aNormalCaseFitsOneA4PageWithStaffNumberRevisionsAndSealAreas() throws IOException {
    ApprovalForm f = form(3);
    OffsetDateTime at = f.submittedAt();
    ApprovalForm revised = new ApprovalForm(f.applicationId(), f.teacherName(), f.staffNumber(), f.homeSchool(),
        f.targetSchool(), f.batch(), f.direction(), f.post(), f.subject(), f.period(), f.yearsOfService(), f.reasons(),
        f.status(), f.subsidy(), "", at, f.opinions(), List.of(
            new ApprovalForm.Revision(at.plusHours(5), "接收学校：下水河小学 → 牛泉镇中心小学；任教学科：语文 → 数学"),
            new ApprovalForm.Revision(at.plusDays(1), "申请理由已修改")), f.asOf());
    byte[] pdf = PDF.render(revised);
    try (PDDocument document = Loader.loadPDF(pdf)) {
      assertThat(document.getNumberOfPages()).isEqualTo(1);
      assertThat(document.getPage(0).getMediaBox().getWidth()).isEqualTo(PDRectangle.A4.getWidth());
      java.nio.file.Path dir = java.nio.file.Files.createDirectories(java.nio.file.Path.of("target", "pdf"));
      javax.imageio.ImageIO.write(new org.apache.pdfbox.rendering.PDFRenderer(document).renderImageWithDPI(0, 110),
          "png", dir.resolve("approval-form-normal-case.png").toFile());
    }
    String text = text(pdf);
    assertThat(text).contains("工号LC2019031", "修改记录", "第1次修改（", "接收学校：下水河小学→牛泉镇中心小学；任教学科：语文→数学",
        "第2次修改", "申请理由已修改", "（盖章）年月日").doesNotContain("teacher.zhang", "用户名");
  }

  /** The signer's handwriting beside the signature line and the school's seal over its place, on one page. */
  @Test
  void signaturesAndSealsArePrintedBesideTheOpinions() throws IOException {
    ApprovalForm withImages = signedAndSealed(form(3));
    try (PDDocument document = Loader.loadPDF(PDF.render(withImages))) {
      assertThat(document.getNumberOfPages()).isEqualTo(1);
      int images = 0;
      for (var name : document.getPage(0).getResources().getXObjectNames()) {
        images += document.getPage(0).getResources().isImageXObject(name) ? 1 : 0;
      }
      assertThat(images).as("three signatures and two seals").isEqualTo(5);
      java.nio.file.Path dir = java.nio.file.Files.createDirectories(java.nio.file.Path.of("target", "pdf"));
      javax.imageio.ImageIO.write(new org.apache.pdfbox.rendering.PDFRenderer(document).renderImageWithDPI(0, 110),
          "png", dir.resolve("approval-form-signed.png").toFile());
    }
    assertThat(text(PDF.render(withImages))).contains("附件：获奖证书.pdf");
  }

  /**
   * A form that goes to the files: PDF/A-2b with the signers' handwriting and the schools' seals
   * (PNG with alpha), also when the opinions run over several pages.
   */
  @Test
  void theSignedAndSealedFormIsPdfA2b() throws Exception {
    assertThat(pdfA.violations(PDF.render(signedAndSealed(form(3))))).isEmpty();
    assertThat(pdfA.violations(PDF.render(signedAndSealed(form(30))))).isEmpty();
  }

  /** Every opinion signed by hand, the schools' ones sealed; an attachment named in the remark. */
  static ApprovalForm signedAndSealed(ApprovalForm f) throws IOException {
    byte[] signature = image(300, 100, java.awt.Color.BLACK);
    byte[] seal = image(200, 200, java.awt.Color.RED);
    List<ApprovalForm.Opinion> signed = f.opinions().stream().map(o -> new ApprovalForm.Opinion(o.step(), o.decision(),
        o.comment(), o.signerName(), o.at(), signature, o.step().startsWith("教学办") ? null : seal)).toList();
    return new ApprovalForm(f.applicationId(), f.teacherName(), f.staffNumber(), f.homeSchool(),
        f.targetSchool(), f.batch(), f.direction(), f.post(), f.subject(), f.period(), f.yearsOfService(), f.reasons(),
        f.status(), f.subsidy(), "", f.submittedAt(), signed, List.of(), f.asOf(), "附件：获奖证书.pdf（120 KB）");
  }

  private static byte[] image(int width, int height, java.awt.Color color) throws IOException {
    java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(width, height,
        java.awt.image.BufferedImage.TYPE_INT_ARGB);
    java.awt.Graphics2D g = image.createGraphics();
    g.setColor(color);
    g.setStroke(new java.awt.BasicStroke(6));
    g.drawOval(8, 8, width - 16, height - 16);
    g.drawLine(10, height - 10, width - 10, 10);
    g.dispose();
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    javax.imageio.ImageIO.write(image, "png", out);
    return out.toByteArray();
  }
}
