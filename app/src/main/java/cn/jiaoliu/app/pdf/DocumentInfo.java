package cn.jiaoliu.app.pdf;

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
 * same bytes.
 */
public record DocumentInfo(String title, String subject, String keywords, String producer, OffsetDateTime at,
    String identity) {

  public void applyTo(PDDocument document, ZoneId zone) {
    PDDocumentInformation info = document.getDocumentInformation();
    info.setTitle(title);
    info.setSubject(subject);
    info.setAuthor("Jiaoliu 交流");
    info.setCreator("Jiaoliu 交流");
    info.setProducer(producer);
    info.setKeywords(keywords);
    Calendar calendar = calendar(at, zone);
    info.setCreationDate(calendar);
    info.setModificationDate(calendar);

    document.getDocumentCatalog().setLanguage("zh-CN");
    PDViewerPreferences preferences = new PDViewerPreferences(new COSDictionary());
    preferences.setDisplayDocTitle(true);
    document.getDocumentCatalog().setViewerPreferences(preferences);

    byte[] id = Arrays.copyOf(sha256(identity.getBytes(StandardCharsets.UTF_8)), 16);
    COSArray ids = new COSArray();
    ids.add(new COSString(id));
    ids.add(new COSString(id));
    document.getDocument().getTrailer().setItem(COSName.ID, ids);
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
