package cn.jiaoliu.app.assessment.pdf;

import static cn.jiaoliu.app.assessment.pdf.ArchivePdfTest.extract;
import static cn.jiaoliu.app.assessment.pdf.ArchivePdfTest.squeeze;
import static org.assertj.core.api.Assertions.assertThat;

import cn.jiaoliu.app.pdf.VeraPdf;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The proof of rural service as a PDF: no Spring context. */
class ProofPdfTest {

  static final ProofPdf PDF = new ProofPdf(ZoneId.of("Asia/Shanghai"));
  static VeraPdf pdfA;

  @BeforeAll
  static void validator() {
    pdfA = VeraPdf.pdfA2b();
  }

  static RuralServiceProof proof(String code) {
    return new RuralServiceProof(code, "张伟", "teacher.zhang", "莱城区实验小学", ProofPdf.officeName("莱城区"), "陈静",
        OffsetDateTime.parse("2026-09-15T02:30:00Z"),
        List.of(new RuralServiceProof.Year("2023-2024", "合格", "牛泉镇中心小学"),
            new RuralServiceProof.Year("2024-2025", "优秀", "苗山镇中心小学"),
            new RuralServiceProof.Year("2025-2026", "合格", "牛泉镇中心小学")),
        "https://jiaoliu.example.cn/verify", null);
  }

  @Test
  void theProofShowsEveryYearWithItsSchoolAndGradeTheOfficeAndTheCode() throws IOException {
    String text = squeeze(extract(PDF.render(proof("K7QM-2XPA-ABCD-EFGH-2345"))));
    assertThat(text).contains("农村任教经历证明", "（职称评审用）", "张伟", "teacher.zhang", "莱城区实验小学", "认定年限3年",
        "12023-2024牛泉镇中心小学合格", "22024-2025苗山镇中心小学优秀", "32025-2026牛泉镇中心小学合格",
        "莱城区教育局教学办", "签名：陈静时间：2026-09-1510:30", "（盖章）", "K7QM-2XPA-ABCD-EFGH-2345",
        "https://jiaoliu.example.cn/verify");
    // the ideographs, not the Kangxi radicals that share their glyphs
    assertThat(text.codePoints().filter(cp -> cp >= 0x2E80 && cp <= 0x2FDF)).isEmpty();
  }

  /** A proof for the archive of a title evaluation: PDF/A-2b, also with the issuer's handwritten signature. */
  @Test
  void theProofIsPdfA2b() throws Exception {
    assertThat(pdfA.violations(PDF.render(proof("K7QM-2XPA-ABCD-EFGH-2345")))).isEmpty();
    RuralServiceProof p = proof("K7QM-2XPA-ABCD-EFGH-2345");
    RuralServiceProof signed = new RuralServiceProof(p.code(), p.teacherName(), p.teacherUsername(), p.school(),
        p.officeName(), p.issuerName(), p.issuedAt(), p.years(), p.verifyUrl(), ArchivePdfTest.ink());
    assertThat(pdfA.violations(PDF.render(signed))).isEmpty();
  }

  @Test
  void theSameProofGivesTheSameBytesAndAnotherCodeOthers() {
    byte[] first = PDF.render(proof("K7QM-2XPA-ABCD-EFGH-2345"));
    assertThat(PDF.render(proof("K7QM-2XPA-ABCD-EFGH-2345"))).isEqualTo(first);
    assertThat(PDF.render(proof("K7QM-2XPA-ABCD-EFGH-2346"))).isNotEqualTo(first);
  }

  /** Writes the first page as PNG (110 dpi) to target/ to look at. */
  @Test
  void aPreviewToLookAt() throws IOException {
    Path target = Path.of("target");
    Files.createDirectories(target);
    try (PDDocument document = Loader.loadPDF(PDF.render(proof("K7QM-2XPA-ABCD-EFGH-2345")))) {
      assertThat(document.getNumberOfPages()).isEqualTo(1);
      BufferedImage image = new PDFRenderer(document).renderImageWithDPI(0, 110);
      ImageIO.write(image, "png", target.resolve("rural-service-proof-preview.png").toFile());
    }
    assertThat(target.resolve("rural-service-proof-preview.png")).exists();
  }
}
