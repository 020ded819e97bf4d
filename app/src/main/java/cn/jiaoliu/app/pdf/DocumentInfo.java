package cn.jiaoliu.app.pdf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.HexFormat;
import java.util.TimeZone;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.interactive.viewerpreferences.PDViewerPreferences;

/**
 * What a Jiaoliu PDF says about itself: title, subject, keywords, language zh-CN, and dates and a
 * {@code /ID} that come from its content rather than the clock, so that the same content gives the
 * same bytes; the same again as PDF/A-2b XMP metadata, with an sRGB output intent ({@link PdfA2b}).
 */
public record DocumentInfo(String title, String subject, String keywords, String producer, OffsetDateTime at,
    String identity) {

  private static final String LANGUAGE = "zh-CN";

  /**
   * Sets the document information, the language and the {@code /ID}, and makes the document
   * PDF/A-2b ({@link PdfA2b}): XMP metadata with the same values and an sRGB output intent.
   */
  public void applyTo(PDDocument document, ZoneId zone) throws IOException {
    String author = "Jiaoliu 交流";
    String cleanTitle = PdfA2b.clean(title);
    String cleanSubject = PdfA2b.clean(subject);
    String cleanKeywords = PdfA2b.clean(keywords);
    String cleanProducer = PdfA2b.clean(producer);
    PDDocumentInformation info = document.getDocumentInformation();
    info.setTitle(cleanTitle);
    info.setSubject(cleanSubject);
    info.setAuthor(author);
    info.setCreator(author);
    info.setProducer(cleanProducer);
    info.setKeywords(cleanKeywords);
    Calendar calendar = calendar(at, zone);
    info.setCreationDate(calendar);
    info.setModificationDate(calendar);

    document.getDocumentCatalog().setLanguage(LANGUAGE);
    PDViewerPreferences preferences = new PDViewerPreferences(new COSDictionary());
    preferences.setDisplayDocTitle(true);
    document.getDocumentCatalog().setViewerPreferences(preferences);

    byte[] id = Arrays.copyOf(sha256(identity.getBytes(StandardCharsets.UTF_8)), 16);
    COSArray ids = new COSArray();
    ids.add(new COSString(id));
    ids.add(new COSString(id));
    document.getDocument().getTrailer().setItem(COSName.ID, ids);

    OffsetDateTime created = OffsetDateTime.ofInstant(calendar.toInstant(), zone);
    PdfA2b.applyTo(document, new PdfA2b.Values(cleanTitle, author, cleanSubject, cleanKeywords, author, cleanProducer,
        created, LANGUAGE, id));
  }

  private static Calendar calendar(OffsetDateTime at, ZoneId zone) {
    GregorianCalendar calendar = new GregorianCalendar(TimeZone.getTimeZone(zone));
    calendar.clear();
    calendar.setTimeInMillis(at == null ? 0 : at.toInstant().toEpochMilli() / 1000 * 1000);
    return calendar;
  }

  /** An image in a record's identity: its SHA-256 in hex, or "none". */
  public static String digestOf(byte[] image) {
    return image == null ? "none" : HexFormat.of().formatHex(sha256(image));
  }

  /** SHA-256 of the bytes. */
  public static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
