package cn.jiaoliu.app.assessment.pdf;

import static cn.jiaoliu.app.pdf.RuledForm.text;

import cn.jiaoliu.app.pdf.CjkFonts;
import cn.jiaoliu.app.pdf.DocumentInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.Objects;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Renders the archived annual assessment record (城乡交流教师年度考核登记表) as an A4 PDF that embeds
 * the subset of the CJK font it uses ({@link CjkFonts}), so it prints the same on every machine; and
 * the SHA-256 that the archive stores beside it.
 *
 * <p>The same record gives the same bytes: the document's dates are the archive time and its
 * {@code /ID} is derived from the record.
 */
@Component
public final class ArchivePdf {

  static final String TITLE = "城乡交流教师年度考核登记表";

  private final CjkFonts fonts;
  private final ZoneId zone;

  /** With the fonts the app ships (loaded once per JVM); times in the bureau's zone ({@code jiaoliu.time-zone}). */
  @Autowired
  public ArchivePdf(ZoneId displayZone) {
    this(CjkFonts.bundled(), displayZone);
  }

  ArchivePdf(CjkFonts fonts, ZoneId zone) {
    this.fonts = Objects.requireNonNull(fonts, "fonts");
    this.zone = Objects.requireNonNull(zone, "zone");
  }

  /** The record as a PDF (A4, the fonts' used glyphs embedded as subsets). */
  public byte[] render(AssessmentRecord record) {
    Objects.requireNonNull(record, "record");
    try (PDDocument document = new PDDocument()) {
      CjkFonts.Loaded loaded = fonts.load(document);
      new FormLayout(document, loaded, zone, record).write();
      describe(record).applyTo(document, zone);
      return loaded.save(document);
    } catch (IOException e) {
      throw new UncheckedIOException("could not render the assessment record", e);
    }
  }

  /** Lower-case hex SHA-256 of the PDF, as stored beside it to detect tampering. */
  public static String sha256(byte[] pdf) {
    return HexFormat.of().formatHex(DocumentInfo.sha256(pdf));
  }

  /** Document information, language and a fixed /ID, so that the same record gives the same bytes. */
  private static DocumentInfo describe(AssessmentRecord record) {
    return new DocumentInfo(TITLE + " — " + text(record.teacherName()) + " — " + text(record.schoolYear()),
        "年度考核登记表 第 " + record.version() + " 版", text(record.teacherUsername()),
        "Jiaoliu ArchivePdf (Apache PDFBox)", record.archivedAt(), record.toString());
  }
}
