package cn.jiaoliu.app.programme;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows of an uploaded XLSX (first sheet) or CSV file as texts, the header row first. CSV is read
 * as UTF-8 (with or without a byte-order mark) or, when it is not valid UTF-8, as GB18030 — what
 * Excel writes on a Chinese Windows. Quoted cells may hold commas, quotes and line breaks.
 */
final class Spreadsheet {

  private static final byte[] ZIP = {0x50, 0x4b, 0x03, 0x04};

  private Spreadsheet() {}

  /** @throws UnreadableFile when the bytes are neither an XLSX workbook nor text */
  static List<List<String>> read(byte[] bytes) {
    if (bytes.length >= 4 && bytes[0] == ZIP[0] && bytes[1] == ZIP[1] && bytes[2] == ZIP[2] && bytes[3] == ZIP[3]) {
      return xlsx(bytes);
    }
    return csv(text(bytes));
  }

  private static List<List<String>> xlsx(byte[] bytes) {
    return XlsxRows.read(bytes);
  }

  private static String text(byte[] bytes) {
    int start = bytes.length >= 3 && (bytes[0] & 0xff) == 0xef && (bytes[1] & 0xff) == 0xbb && (bytes[2] & 0xff) == 0xbf ? 3 : 0;
    ByteBuffer buffer = ByteBuffer.wrap(bytes, start, bytes.length - start);
    try {
      return decode(buffer, StandardCharsets.UTF_8);
    } catch (CharacterCodingException notUtf8) {
      try {
        return decode(buffer.rewind().position(start), Charset.forName("GB18030"));
      } catch (CharacterCodingException e) {
        throw new UnreadableFile(e);
      }
    }
  }

  private static String decode(ByteBuffer bytes, Charset charset) throws CharacterCodingException {
    String text = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes.duplicate()).toString();
    if (text.indexOf('\0') >= 0) {
      throw new CharacterCodingException(); // binary, not text
    }
    return text;
  }

  static List<List<String>> csv(String text) {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    boolean any = false;
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (quoted) {
        if (ch == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else if (ch == '"') {
          quoted = false;
        } else if (cell.length() >= XlsxRows.MAX_CELL_CHARS) {
          throw new UnreadableFile("import.error.cellTooLong");
        } else {
          cell.append(ch);
        }
        continue;
      }
      switch (ch) {
        case '"' -> {
          quoted = true;
          any = true;
        }
        case ',' -> {
          if (row.size() >= XlsxRows.MAX_COLUMNS) {
            throw new UnreadableFile("import.error.columnBeyond");
          }
          row.add(cell.toString());
          cell.setLength(0);
          any = true;
        }
        case '\r' -> { }
        case '\n' -> {
          row.add(cell.toString());
          rows.add(any || row.size() > 1 || !row.getFirst().isEmpty() ? row : List.of());
          if (rows.size() > XlsxRows.MAX_ROW) {
            throw new UnreadableFile("import.error.tooManyRows");
          }
          row = new ArrayList<>();
          cell.setLength(0);
          any = false;
        }
        default -> {
          if (cell.length() >= XlsxRows.MAX_CELL_CHARS) {
            throw new UnreadableFile("import.error.cellTooLong");
          }
          cell.append(ch);
          any = true;
        }
      }
    }
    if (any || cell.length() > 0) {
      row.add(cell.toString());
      rows.add(row);
    }
    if (quoted) {
      throw new UnreadableFile(new IllegalArgumentException("a quoted cell is not closed"));
    }
    return rows;
  }

  /** Neither a workbook nor readable text. */
  static final class UnreadableFile extends RuntimeException {
    private final String messageKey;

    UnreadableFile(Throwable cause) {
      super(cause);
      this.messageKey = "import.error.unreadable";
    }

    /** Refused for a reason of its own, told to the user by {@code messageKey}. */
    UnreadableFile(String messageKey) {
      super(messageKey, null, false, false);
      this.messageKey = messageKey;
    }

    String messageKey() {
      return messageKey;
    }
  }
}
