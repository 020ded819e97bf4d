package cn.jiaoliu.app.assessment.pdf;

import static cn.jiaoliu.app.pdf.RuledForm.text;

import cn.jiaoliu.app.pdf.CjkFonts;
import cn.jiaoliu.app.pdf.DocumentInfo;
import cn.jiaoliu.app.pdf.RuledForm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.util.Objects;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Renders the proof of rural service for professional-title evaluation (农村任教经历证明) as an A4
 * PDF with the subsets of the CJK fonts it uses embedded: the teacher, each credited school year
 * with the school taught at and the grade, the statement, the issuing office with the issuer, the
 * time and the place for its seal, and the verification code with the address where it is checked.
 *
 * <p>The same proof gives the same bytes: the document's dates are the issuing time and its
 * {@code /ID} is derived from the proof.
 */
@Component
public final class ProofPdf {

  static final String TITLE = "农村任教经历证明";
  private static final float[] YEAR_COLUMNS = {0.1f, 0.2f, 0.5f, 0.2f};

  private final CjkFonts fonts;
  private final ZoneId zone;

  /** With the fonts the app ships; times in the bureau's zone ({@code jiaoliu.time-zone}). */
  @Autowired
  public ProofPdf(ZoneId displayZone) {
    this(CjkFonts.bundled(), displayZone);
  }

  ProofPdf(CjkFonts fonts, ZoneId zone) {
    this.fonts = Objects.requireNonNull(fonts, "fonts");
    this.zone = Objects.requireNonNull(zone, "zone");
  }

  /** How the proof names the district's teaching office that issues it: 莱城区教育局教学办. */
  public static String officeName(String districtName) {
    return text(districtName) + "教育局教学办";
  }

  public byte[] render(RuralServiceProof proof) {
    Objects.requireNonNull(proof, "proof");
    try (PDDocument document = new PDDocument()) {
      CjkFonts.Loaded loaded = fonts.load(document);
      write(new RuledForm(document, loaded, zone, TITLE + "（续）", "姓名：" + text(proof.teacherName()),
          "核验码：" + text(proof.code()) + "　　核验网址：" + text(proof.verifyUrl())), proof);
      new DocumentInfo(TITLE + " — " + text(proof.teacherName()) + " — " + text(proof.code()),
          TITLE + "（职称评审用）", text(proof.code()), "Jiaoliu ProofPdf (Apache PDFBox)", proof.issuedAt(),
          proof.toString()).applyTo(document, zone);
      return loaded.save(document);
    } catch (IOException e) {
      throw new UncheckedIOException("could not render the proof of rural service", e);
    }
  }

  private void write(RuledForm form, RuralServiceProof proof) throws IOException {
    form.start();
    form.title(TITLE, "（职称评审用）", "核验码：" + text(proof.code()));
    form.gridRow("姓　　名", proof.teacherName(), "用 户 名", proof.teacherUsername());
    form.gridRow("所在学校", proof.school(), "认定年限", proof.years().size() + " 年");
    form.tableRow(YEAR_COLUMNS, true, "序号", "学年度", "任教学校", "考核等次");
    int n = 0;
    for (RuralServiceProof.Year year : proof.years()) {
      form.tableRow(YEAR_COLUMNS, false, String.valueOf(++n), year.schoolYear(), year.school(), year.grade());
    }
    String statement = "兹证明 " + text(proof.teacherName()) + " 同志在城乡教师交流轮岗中赴农村学校任教，经年度考核（考核等次合格及以上）"
        + "并由" + text(proof.officeName()) + "审核认定，农村任教经历共计 " + proof.years().size()
        + " 年，各学年度的任教学校及考核等次见上表。\n特此证明。";
    form.textBlock("证明事项", statement, true, null, null, 3);
    form.opinion("出具单位", "", proof.officeName(), proof.issuerName(), proof.issuedAt(), proof.issuerSignature(), null);
    form.wideRow("核 验 码", proof.code());
    form.wideRow("核验方式", "访问 " + text(proof.verifyUrl()) + " 输入核验码，可查验本证明是否真实、是否仍然有效；"
        + "在该页上传本 PDF 文件，可核对是否与出具的原件一致。出具时间：" + RuledForm.dateTime(proof.issuedAt(), zone)
        + "（" + RuledForm.zoneLabel(zone) + "）。");
    form.finish();
  }
}
