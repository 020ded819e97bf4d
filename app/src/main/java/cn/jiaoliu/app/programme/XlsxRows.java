package cn.jiaoliu.app.programme;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The first sheet of an XLSX workbook as rows of texts, read with limits that hold before anything
 * is allocated for what the file claims: a row numbered two billion or a column ZZZZZZ is refused
 * when its reference is read, not after making room for it; the zip's parts are inflated through
 * counters (entries, bytes, compression ratio) instead of trusting the sizes its headers claim; XML is read without DTDs or
 * external entities. Each refusal names its reason as a message key of {@link Spreadsheet.UnreadableFile}.
 */
final class XlsxRows {

  /** The highest row number a sheet may use: the import's row limit and its header. */
  static final int MAX_ROW = ImportService.MAX_ROWS + 1;
  /** The widest sheet: the templates have under ten columns; AZ leaves room for notes beside them. */
  static final int MAX_COLUMNS = 52;
  static final int MAX_CELL_CHARS = 32_767; // Excel's own limit
  static final int MAX_SHARED_STRINGS = 1_000_000;

  /** Reads XML without DTDs or external entities (an uploaded file is hostile until read). */
  static final XMLInputFactory XML = XMLInputFactory.newFactory();

  static {
    XML.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    XML.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    XML.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
  }

  private XlsxRows() {}

  static List<List<String>> read(byte[] bytes) {
    Map<String, byte[]> parts = XlsxParts.read(bytes);
    String sheet = XlsxParts.firstSheet(parts);
    byte[] sheetXml = parts.get(sheet);
    if (sheetXml == null) {
      throw unreadable("import.error.unreadable");
    }
    byte[] sharedXml = parts.get("xl/sharedStrings.xml");
    List<String> shared = sharedXml == null ? List.of() : sharedStrings(sharedXml);
    return rows(sheetXml, shared);
  }



  private static List<String> sharedStrings(byte[] part) {
    List<String> strings = new ArrayList<>();
    try {
      XMLStreamReader xml = XML.createXMLStreamReader(new ByteArrayInputStream(part));
      StringBuilder text = null;
      boolean inText = false;
      while (xml.hasNext()) {
        int event = xml.next();
        if (event == XMLStreamConstants.START_ELEMENT) {
          switch (xml.getLocalName()) {
            case "si" -> text = new StringBuilder();
            case "t" -> inText = text != null;
            case "rPh" -> inText = false; // phonetic hints are not the cell's text
            default -> { }
          }
        } else if (event == XMLStreamConstants.CHARACTERS && inText) {
          append(text, xml.getText());
        } else if (event == XMLStreamConstants.END_ELEMENT) {
          if (xml.getLocalName().equals("t")) {
            inText = false;
          } else if (xml.getLocalName().equals("si") && text != null) {
            if (strings.size() >= MAX_SHARED_STRINGS) {
              throw unreadable("import.error.tooLarge");
            }
            strings.add(text.toString());
            text = null;
          }
        }
      }
    } catch (XMLStreamException e) {
      throw new Spreadsheet.UnreadableFile(e);
    }
    return strings;
  }

  private static List<List<String>> rows(byte[] part, List<String> shared) {
    List<List<String>> rows = new ArrayList<>();
    try {
      XMLStreamReader xml = XML.createXMLStreamReader(new ByteArrayInputStream(part));
      List<String> cells = null;
      int column = 0;
      String type = null;
      StringBuilder value = null;
      boolean inValue = false;
      while (xml.hasNext()) {
        int event = xml.next();
        if (event == XMLStreamConstants.START_ELEMENT) {
          switch (xml.getLocalName()) {
            case "row" -> {
              String r = xml.getAttributeValue(null, "r");
              int number = r == null ? rows.size() + 1 : rowNumber(r);
              if (number <= rows.size()) {
                throw unreadable("import.error.unreadable"); // rows out of order
              }
              while (rows.size() < number - 1) {
                rows.add(List.of()); // keep row numbers: an empty row in the sheet stays a row here
              }
              cells = new ArrayList<>();
              column = 0;
            }
            case "c" -> {
              if (cells == null) {
                throw unreadable("import.error.unreadable");
              }
              String ref = xml.getAttributeValue(null, "r");
              column = ref == null ? column + 1 : columnNumber(ref);
              type = xml.getAttributeValue(null, "t");
              value = new StringBuilder();
            }
            case "v", "t" -> inValue = value != null;
            default -> { }
          }
        } else if ((event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) && inValue) {
          append(value, xml.getText());
        } else if (event == XMLStreamConstants.END_ELEMENT) {
          switch (xml.getLocalName()) {
            case "v", "t" -> inValue = false;
            case "c" -> {
              while (cells.size() < column - 1) {
                cells.add("");
              }
              String text = cellText(type, value.toString(), shared);
              if (cells.size() == column - 1) {
                cells.add(text);
              } else {
                cells.set(column - 1, text);
              }
              value = null;
            }
            case "row" -> {
              rows.add(cells);
              cells = null;
            }
            default -> { }
          }
        }
      }
    } catch (XMLStreamException e) {
      throw new Spreadsheet.UnreadableFile(e);
    }
    return rows;
  }

  private static String cellText(String type, String raw, List<String> shared) {
    if ("s".equals(type)) {
      try {
        int index = Integer.parseInt(raw.strip());
        if (index < 0 || index >= shared.size()) {
          throw unreadable("import.error.unreadable");
        }
        return shared.get(index);
      } catch (NumberFormatException e) {
        throw new Spreadsheet.UnreadableFile(e);
      }
    }
    if ("b".equals(type)) {
      return "1".equals(raw.strip()) ? "TRUE" : "FALSE";
    }
    if (type == null || "n".equals(type)) {
      // numbers without a trailing ".0" (a code or a count typed into Excel is stored as a number)
      return raw.matches("-?\\d+\\.0+") ? raw.substring(0, raw.indexOf('.')) : raw;
    }
    return raw; // inlineStr, str (a formula's text), e (an error such as #N/A)
  }

  /** A row number from "r" (e.g. 12), refused beyond {@link #MAX_ROW} before any room is made for it. */
  static int rowNumber(String r) {
    if (r.isEmpty() || r.length() > 7 || !r.chars().allMatch(Character::isDigit)) {
      throw unreadable(r.chars().allMatch(Character::isDigit) ? "import.error.rowBeyond" : "import.error.unreadable");
    }
    int number = Integer.parseInt(r);
    if (number < 1 || number > MAX_ROW) {
      throw unreadable("import.error.rowBeyond");
    }
    return number;
  }

  /** The column of a cell reference (B7 → 2), refused beyond {@link #MAX_COLUMNS}. */
  static int columnNumber(String ref) {
    int column = 0;
    int i = 0;
    while (i < ref.length() && Character.isLetter(ref.charAt(i))) {
      char ch = Character.toUpperCase(ref.charAt(i));
      if (ch < 'A' || ch > 'Z' || i >= 3) {
        throw unreadable(ch >= 'A' && ch <= 'Z' ? "import.error.columnBeyond" : "import.error.unreadable");
      }
      column = column * 26 + (ch - 'A' + 1);
      i++;
    }
    if (i == 0) {
      throw unreadable("import.error.unreadable");
    }
    if (column > MAX_COLUMNS) {
      throw unreadable("import.error.columnBeyond");
    }
    rowNumber(ref.substring(i));
    return column;
  }

  private static void append(StringBuilder text, String more) {
    if (text.length() + more.length() > MAX_CELL_CHARS) {
      throw unreadable("import.error.cellTooLong");
    }
    text.append(more);
  }

  static Spreadsheet.UnreadableFile unreadable(String messageKey) {
    return new Spreadsheet.UnreadableFile(messageKey);
  }
}
