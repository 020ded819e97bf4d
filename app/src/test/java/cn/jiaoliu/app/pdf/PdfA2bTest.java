package cn.jiaoliu.app.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.HexFormat;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.graphics.color.PDOutputIntent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * What every form gets from {@link DocumentInfo}: PDF/A-2b identification in XMP that says what the
 * document information says, an sRGB output intent, header 1.7; also for values a form could
 * carry from its record (XML specials, control characters, no date at all).
 */
class PdfA2bTest {

  static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  static VeraPdf pdfA;

  @BeforeAll
  static void validator() {
    pdfA = VeraPdf.pdfA2b();
  }

  @Test
  void theMetadataSaysWhatTheDocumentInformationSays() throws Exception {
    byte[] pdf = form(new DocumentInfo("审批表 — 张伟", "交流申请 42 审批表", "张伟", "Jiaoliu PdfA2bTest",
        OffsetDateTime.parse("2027-03-06T02:30:15.900Z"), "application 42"));
    try (PDDocument document = Loader.loadPDF(pdf)) {
      assertThat(new String(pdf, 0, 8, StandardCharsets.US_ASCII)).isEqualTo("%PDF-1.7");
      assertThat(document.isEncrypted()).isFalse();
      PDDocumentInformation info = document.getDocumentInformation();
      Document xmp = xmp(document);
      assertThat(property(xmp, "part")).isEqualTo("2");
      assertThat(property(xmp, "conformance")).isEqualTo("B");
      assertThat(property(xmp, "title")).isEqualTo(info.getTitle()).isEqualTo("审批表 — 张伟");
      assertThat(property(xmp, "creator")).isEqualTo(info.getAuthor());
      assertThat(property(xmp, "description")).isEqualTo(info.getSubject());
      assertThat(property(xmp, "Keywords")).isEqualTo(info.getKeywords());
      assertThat(property(xmp, "Producer")).isEqualTo(info.getProducer());
      assertThat(property(xmp, "CreatorTool")).isEqualTo(info.getCreator());
      // the record's time to the second, in the bureau's zone, in both
      assertThat(property(xmp, "CreateDate")).isEqualTo("2027-03-06T10:30:15+08:00");
      assertThat(OffsetDateTime.parse(property(xmp, "CreateDate")).toInstant())
          .isEqualTo(info.getCreationDate().toInstant());
      assertThat(OffsetDateTime.parse(property(xmp, "ModifyDate")).toInstant())
          .isEqualTo(info.getModificationDate().toInstant());
      byte[] id = ((COSString) ((COSArray) document.getDocument().getTrailer().getDictionaryObject(COSName.ID))
          .get(0)).getBytes();
      assertThat(property(xmp, "DocumentID").replace("-", "")).isEqualTo("uuid:" + HexFormat.of().formatHex(id));

      PDOutputIntent intent = document.getDocumentCatalog().getOutputIntents().get(0);
      assertThat(intent.getOutputConditionIdentifier()).isEqualTo("sRGB IEC61966-2.1");
      assertThat(intent.getDestOutputIntent().getInt(COSName.N)).isEqualTo(3);
    }
    assertThat(pdfA.violations(pdf)).isEmpty();
  }

  @Test
  void awkwardValuesStayWellFormedAndTheSame() throws Exception {
    byte[] pdf = form(new DocumentInfo("<张&伟> \"引号\"\u0007", "\t", null, "Jiaoliu PdfA2bTest", null, "x"));
    try (PDDocument document = Loader.loadPDF(pdf)) {
      Document xmp = xmp(document);
      assertThat(property(xmp, "title")).isEqualTo(document.getDocumentInformation().getTitle())
          .isEqualTo("<张&伟> \"引号\"");
      assertThat(document.getDocumentInformation().getSubject()).isNull();
      assertThat(xmp.getElementsByTagNameNS("*", "description").getLength()).isZero();
      assertThat(OffsetDateTime.parse(property(xmp, "CreateDate")).toInstant())
          .isEqualTo(document.getDocumentInformation().getCreationDate().toInstant());
    }
    assertThat(pdfA.violations(pdf)).isEmpty();
  }

  @Test
  void theSameDocumentGetsTheSameMetadataAndAnotherOneAnotherId() throws Exception {
    OffsetDateTime at = OffsetDateTime.parse("2027-03-06T02:30:00Z");
    byte[] first = form(new DocumentInfo("表", "s", "k", "p", at, "one"));
    assertThat(form(new DocumentInfo("表", "s", "k", "p", at, "one"))).isEqualTo(first);
    try (PDDocument a = Loader.loadPDF(first);
        PDDocument b = Loader.loadPDF(form(new DocumentInfo("表", "s", "k", "p", at, "two")))) {
      assertThat(property(xmp(b), "DocumentID")).isNotEqualTo(property(xmp(a), "DocumentID"));
    }
  }

  private static byte[] form(DocumentInfo info) throws IOException {
    try (PDDocument document = new PDDocument()) {
      CjkFonts.Loaded fonts = CjkFonts.bundled().load(document);
      RuledForm form = new RuledForm(document, fonts, ZONE, "表（续）", "", "");
      form.start();
      form.title("登记表", "", "");
      form.wideRow("姓名", "张伟");
      form.finish();
      info.applyTo(document, ZONE);
      return fonts.save(document);
    }
  }

  private static Document xmp(PDDocument document) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    return factory.newDocumentBuilder()
        .parse(new ByteArrayInputStream(document.getDocumentCatalog().getMetadata().toByteArray()));
  }

  /** The text of the only element with this local name (a simple value or the one item of a list). */
  private static String property(Document xmp, String localName) {
    var nodes = xmp.getElementsByTagNameNS("*", localName);
    assertThat(nodes.getLength()).as(localName).isEqualTo(1);
    return nodes.item(0).getTextContent().strip();
  }
}
