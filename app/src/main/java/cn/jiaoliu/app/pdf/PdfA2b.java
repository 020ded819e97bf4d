package cn.jiaoliu.app.pdf;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentCatalog;
import org.apache.pdfbox.pdmodel.common.PDMetadata;
import org.apache.pdfbox.pdmodel.graphics.color.PDOutputIntent;

/**
 * What makes a Jiaoliu PDF an archival one, PDF/A-2b (ISO 19005-2, level B): header PDF 1.7, XMP
 * metadata that says so and repeats the document information (title, author, subject, keywords,
 * creator tool, producer, dates) with the same values, and an sRGB output intent so that the
 * forms' DeviceRGB/DeviceGray colours and the signatures' and seals' soft masks have a defined
 * meaning. The fonts are embedded already ({@link CjkFonts}), and nothing is encrypted.
 *
 * <p>The XMP is written here rather than by a library so that it is byte for byte the same for the
 * same document: no clock, no generated ids, no tool version.
 */
final class PdfA2b {

  /** The sRGB profile the JDK ships (ICC v2, monitor class, 6.9 KB), read once per JVM. */
  private static final byte[] SRGB = ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();

  private static final DateTimeFormatter XMP_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

  private PdfA2b() {}

  /** The metadata's values, as the document information has them (null: absent from both). */
  record Values(String title, String author, String subject, String keywords, String creatorTool, String producer,
      OffsetDateTime created, String language, byte[] documentId) {}

  static void applyTo(PDDocument document, Values values) throws IOException {
    document.getDocument().setVersion(1.7f);
    PDDocumentCatalog catalog = document.getDocumentCatalog();
    PDMetadata metadata = new PDMetadata(document, new ByteArrayInputStream(xmp(values)));
    catalog.setMetadata(metadata);
    PDOutputIntent intent = new PDOutputIntent(document, new ByteArrayInputStream(SRGB));
    intent.setOutputConditionIdentifier("sRGB IEC61966-2.1");
    intent.setInfo("sRGB IEC61966-2.1");
    intent.setRegistryName("http://www.color.org");
    if (!catalog.getOutputIntents().isEmpty()) {
      throw new IllegalStateException("the document has an output intent already");
    }
    catalog.addOutputIntent(intent);
  }

  /** The XMP packet (UTF-8, without the bytes and encoding attributes PDF/A forbids). */
  static byte[] xmp(Values v) {
    String uuid = uuid(v.documentId());
    String date = v.created().format(XMP_DATE);
    StringBuilder x = new StringBuilder(2048)
        .append("<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n")
        .append("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n")
        .append(" <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n")
        .append("  <rdf:Description rdf:about=\"\"\n")
        .append("    xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\"\n")
        .append("    xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n")
        .append("    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n")
        .append("    xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n")
        .append("    xmlns:xmpMM=\"http://ns.adobe.com/xap/1.0/mm/\">\n")
        .append("   <pdfaid:part>2</pdfaid:part>\n")
        .append("   <pdfaid:conformance>B</pdfaid:conformance>\n")
        .append("   <dc:format>application/pdf</dc:format>\n");
    alternative(x, "dc:title", v.title());
    if (v.author() != null) {
      x.append("   <dc:creator><rdf:Seq><rdf:li>").append(escape(v.author())).append("</rdf:li></rdf:Seq></dc:creator>\n");
    }
    alternative(x, "dc:description", v.subject());
    if (v.language() != null) {
      x.append("   <dc:language><rdf:Bag><rdf:li>").append(escape(v.language()))
          .append("</rdf:li></rdf:Bag></dc:language>\n");
    }
    for (List<String> simple : List.of(List.of("pdf:Keywords", text(v.keywords())),
        List.of("pdf:Producer", text(v.producer())), List.of("xmp:CreatorTool", text(v.creatorTool())),
        List.of("xmp:CreateDate", date), List.of("xmp:ModifyDate", date), List.of("xmp:MetadataDate", date),
        List.of("xmpMM:DocumentID", uuid), List.of("xmpMM:InstanceID", uuid))) {
      if (!simple.get(1).isEmpty()) {
        String name = simple.get(0);
        x.append("   <").append(name).append('>').append(escape(simple.get(1))).append("</").append(name).append(">\n");
      }
    }
    x.append("  </rdf:Description>\n")
        .append(" </rdf:RDF>\n")
        .append("</x:xmpmeta>\n");
    x.append("<?xpacket end=\"w\"?>");
    return x.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** What the metadata and the document information both say for {@code value}: control characters dropped. */
  static String clean(String value) {
    if (value == null) {
      return null;
    }
    StringBuilder out = new StringBuilder(value.length());
    value.codePoints().filter(cp -> !Character.isISOControl(cp) && cp != 0xFEFF && cp != 0xFFFE && cp != 0xFFFF)
        .forEach(out::appendCodePoint);
    String cleaned = out.toString().strip();
    return cleaned.isEmpty() ? null : cleaned;
  }

  private static void alternative(StringBuilder x, String name, String value) {
    if (value != null) {
      x.append("   <").append(name).append("><rdf:Alt><rdf:li xml:lang=\"x-default\">").append(escape(value))
          .append("</rdf:li></rdf:Alt></").append(name).append(">\n");
    }
  }

  private static String text(String value) {
    return value == null ? "" : value;
  }

  private static String escape(String value) {
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  /** The 16 bytes of the trailer's /ID as a UUID URN, so the XMP names the same document. */
  private static String uuid(byte[] id) {
    String hex = HexFormat.of().formatHex(id, 0, 16);
    return "uuid:" + hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
        + hex.substring(16, 20) + "-" + hex.substring(20, 32);
  }
}
