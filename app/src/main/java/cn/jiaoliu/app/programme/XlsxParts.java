package cn.jiaoliu.app.programme;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The zip side of a workbook: the few parts {@link XlsxRows} reads, within limits that refuse a
 * compression bomb or a zip of thousands of entries before they cost memory.
 */
final class XlsxParts {

  static final int MAX_ENTRIES = 200;
  /** Inflated bytes of all the parts read together. */
  static final long MAX_INFLATED = 64L * 1024 * 1024;
  /** Inflated ÷ compressed beyond which a part is a compression bomb, once it is past {@link #RATIO_GRACE}. */
  static final int MAX_RATIO = 100;
  static final long RATIO_GRACE = 1024 * 1024;

  private XlsxParts() {}

  /**
   * The parts the reader needs, each inflated through a counter; everything else is skipped unread.
   * Read through the zip's central directory (as Excel does; some writers leave the sizes in the
   * local headers at zero), from a temporary file that is gone when this returns.
   */
  static Map<String, byte[]> read(byte[] bytes) {
    Map<String, byte[]> parts = new HashMap<>();
    long[] inflated = {0};
    Path file = null;
    try {
      file = Files.createTempFile("jiaoliu-upload-", ".xlsx");
      Files.write(file, bytes);
      try (ZipFile zip = new ZipFile(file.toFile())) {
        if (zip.size() > MAX_ENTRIES) {
          throw XlsxRows.unreadable("import.error.tooLarge");
        }
        for (var entries = zip.entries(); entries.hasMoreElements(); ) {
          ZipEntry entry = entries.nextElement();
          String name = entry.getName();
          boolean wanted = name.equals("xl/workbook.xml") || name.equals("xl/_rels/workbook.xml.rels")
              || name.equals("xl/sharedStrings.xml") || name.startsWith("xl/worksheets/") && name.endsWith(".xml");
          if (!wanted) {
            continue;
          }
          if (parts.containsKey(name)) {
            throw XlsxRows.unreadable("import.error.unreadable"); // the same part twice: which one would Excel show?
          }
          try (InputStream in = zip.getInputStream(entry)) {
            parts.put(name, inflate(in, bytes.length, inflated));
          }
        }
      }
    } catch (IOException | IllegalArgumentException e) {
      throw new Spreadsheet.UnreadableFile(e);
    } finally {
      if (file != null) {
        try {
          Files.deleteIfExists(file);
        } catch (IOException e) {
          file.toFile().deleteOnExit();
        }
      }
    }
    return parts;
  }

  private static byte[] inflate(InputStream zip, long compressedTotal, long[] inflated) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    for (int n; (n = zip.read(buffer)) > 0; ) {
      inflated[0] += n;
      out.write(buffer, 0, n);
      if (inflated[0] > MAX_INFLATED
          || inflated[0] > RATIO_GRACE && inflated[0] > (long) MAX_RATIO * Math.max(1, compressedTotal)) {
        throw XlsxRows.unreadable("import.error.tooLarge");
      }
    }
    return out.toByteArray();
  }

  /** The first sheet's part, as the workbook and its relations name it (else sheet1.xml). */
  static String firstSheet(Map<String, byte[]> parts) {
    byte[] workbook = parts.get("xl/workbook.xml");
    byte[] rels = parts.get("xl/_rels/workbook.xml.rels");
    if (workbook == null || rels == null) {
      return "xl/worksheets/sheet1.xml";
    }
    try {
      String relationId = null;
      XMLStreamReader xml = XlsxRows.XML.createXMLStreamReader(new ByteArrayInputStream(workbook));
      while (xml.hasNext() && relationId == null) {
        if (xml.next() == XMLStreamConstants.START_ELEMENT && xml.getLocalName().equals("sheet")) {
          for (int i = 0; i < xml.getAttributeCount(); i++) {
            if (xml.getAttributeLocalName(i).equals("id")) {
              relationId = xml.getAttributeValue(i);
            }
          }
        }
      }
      xml = XlsxRows.XML.createXMLStreamReader(new ByteArrayInputStream(rels));
      while (relationId != null && xml.hasNext()) {
        if (xml.next() == XMLStreamConstants.START_ELEMENT && xml.getLocalName().equals("Relationship")
            && relationId.equals(xml.getAttributeValue(null, "Id"))) {
          String target = xml.getAttributeValue(null, "Target");
          if (target == null) {
            break;
          }
          return target.startsWith("/") ? target.substring(1) : "xl/" + target;
        }
      }
      return "xl/worksheets/sheet1.xml";
    } catch (XMLStreamException e) {
      throw new Spreadsheet.UnreadableFile(e);
    }
  }
}
