package cn.jiaoliu.app.assessment.pdf;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.TimeZone;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdfwriter.COSWriter;
import org.apache.pdfbox.pdfwriter.compress.CompressParameters;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.common.PDStream;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.interactive.viewerpreferences.PDViewerPreferences;
import org.springframework.stereotype.Component;

/**
 * Renders the archived annual assessment record (城乡交流教师年度考核登记表) as an A4 PDF that embeds
 * the subset of the CJK font it uses, so it prints the same on every machine; and the SHA-256 that
 * the archive stores beside it.
 *
 * <p>The font is Noto Sans S Chinese 1.000 (思源黑体, Adobe/Google, Apache License 2.0) as TrueType,
 * regular and medium, taken from the Maven Central artifact {@code
 * com.github.xingfudeshi:jasperreports-fonts}. The bytes are read once; each render parses them
 * anew, so concurrent renders share nothing mutable.
 *
 * <p>The same record gives the same bytes: the document's dates are the archive time and its
 * {@code /ID} is derived from the record.
 */
@Component
public final class ArchivePdf {

  /** Where the regular and the medium weight sit in the font artifact. */
  static final String REGULAR_FONT = "com/github/xingfudeshi/fonts/思源黑体正常_0.ttf";
  static final String MEDIUM_FONT = "com/github/xingfudeshi/fonts/思源黑体中粗.ttf";

  static final String TITLE = "城乡交流教师年度考核登记表";
  static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
  static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd");

  private final byte[] regular;
  private final byte[] medium;

  /** Loads both weights from the classpath, once. */
  public ArchivePdf() {
    this(resource(REGULAR_FONT), resource(MEDIUM_FONT));
  }

  /** For other TrueType fonts (tests); both must be glyf-based TrueType with the CJK glyphs. */
  ArchivePdf(byte[] regularTtf, byte[] mediumTtf) {
    this.regular = Objects.requireNonNull(regularTtf, "regular font");
    this.medium = Objects.requireNonNull(mediumTtf, "medium font");
  }

  /** The record as a PDF (A4, the fonts' used glyphs embedded as subsets). */
  public byte[] render(AssessmentRecord record) {
    Objects.requireNonNull(record, "record");
    try (PDDocument document = new PDDocument()) {
      TextWrapper body = new TextWrapper(PDType0Font.load(document, new ByteArrayInputStream(regular), true));
      TextWrapper bold = new TextWrapper(PDType0Font.load(document, new ByteArrayInputStream(medium), true));
      new FormLayout(document, body, bold, record).write();
      describe(document, record);
      return save(document, body, bold);
    } catch (IOException e) {
      throw new UncheckedIOException("could not render the assessment record", e);
    }
  }

  /**
   * What {@link PDDocument#save(java.io.OutputStream)} does (subset the fonts, then write with
   * object streams), with the fonts' ToUnicode maps replaced in between: see {@link
   * TextWrapper#toUnicodeCMap()}.
   */
  private static byte[] save(PDDocument document, TextWrapper... fonts) throws IOException {
    for (TextWrapper font : fonts) {
      byte[] toUnicode = font.toUnicodeCMap();
      font.font().subset();
      font.font().getCOSObject().setItem(COSName.TO_UNICODE,
          new PDStream(document, new ByteArrayInputStream(toUnicode), COSName.FLATE_DECODE));
    }
    document.getDocument().setIsXRefStream(true);
    ByteArrayOutputStream out = new ByteArrayOutputStream(128 * 1024);
    new COSWriter(out, CompressParameters.DEFAULT_COMPRESSION).write(document);
    return out.toByteArray();
  }

  /** Lower-case hex SHA-256 of the PDF, as stored beside it to detect tampering. */
  public static String sha256(byte[] pdf) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(pdf));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** Document information, language and a fixed /ID, so that the same record gives the same bytes. */
  private static void describe(PDDocument document, AssessmentRecord record) {
    PDDocumentInformation info = document.getDocumentInformation();
    info.setTitle(TITLE + " — " + text(record.teacherName()) + " — " + text(record.schoolYear()));
    info.setSubject("年度考核登记表 第 " + record.version() + " 版");
    info.setAuthor("Jiaoliu 交流");
    info.setCreator("Jiaoliu 交流");
    info.setProducer("Jiaoliu ArchivePdf (Apache PDFBox)");
    info.setKeywords(text(record.teacherUsername()));
    Calendar at = calendar(record.archivedAt());
    info.setCreationDate(at);
    info.setModificationDate(at);

    document.getDocumentCatalog().setLanguage("zh-CN");
    PDViewerPreferences preferences = new PDViewerPreferences(new org.apache.pdfbox.cos.COSDictionary());
    preferences.setDisplayDocTitle(true);
    document.getDocumentCatalog().setViewerPreferences(preferences);

    byte[] id = Arrays.copyOf(digest(record.toString().getBytes(StandardCharsets.UTF_8)), 16);
    COSArray ids = new COSArray();
    ids.add(new COSString(id));
    ids.add(new COSString(id));
    document.getDocument().getTrailer().setItem(COSName.ID, ids);
  }

  private static Calendar calendar(OffsetDateTime at) {
    GregorianCalendar calendar = new GregorianCalendar(TimeZone.getTimeZone(ZONE));
    calendar.clear();
    calendar.setTimeInMillis(at == null ? 0 : at.toInstant().toEpochMilli() / 1000 * 1000);
    return calendar;
  }

  private static byte[] digest(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String text(String value) {
    return value == null ? "" : value;
  }

  static String dateTime(OffsetDateTime at) {
    return at == null ? "" : at.atZoneSameInstant(ZONE).format(DATE_TIME);
  }

  static String date(LocalDate day) {
    return day == null ? "" : day.format(DATE);
  }

  private static byte[] resource(String path) {
    ClassLoader loader = ArchivePdf.class.getClassLoader();
    try (InputStream in = loader.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("font " + path + " is missing from the classpath "
            + "(dependency com.github.xingfudeshi:jasperreports-fonts)");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("could not read font " + path, e);
    }
  }
}
