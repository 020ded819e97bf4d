package cn.jiaoliu.app.export;

import cn.jiaoliu.app.web.UserFacingException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dhatim.fastexcel.PaperSize;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * Writes a {@link Table} as XLSX (one sheet, bold header row, numbers as numbers) or as CSV (UTF-8
 * with a byte-order mark so that Excel reads the Chinese, CRLF, every cell quoted, cells that a
 * spreadsheet would run as a formula defused with a leading apostrophe).
 */
@Component
public class TableExport {

  public static final MediaType XLSX =
      MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  public static final MediaType CSV = MediaType.parseMediaType("text/csv; charset=UTF-8");
  private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  private final ZoneId zone;
  private final Headings headings;

  private final Clock clock;

  TableExport(ZoneId displayZone, Headings headings, Clock clock) {
    this.clock = clock;
    this.zone = displayZone;
    this.headings = headings;
  }

  /** The table as a download in {@code format} ({@code xlsx} or {@code csv}); any other format is a 400. */
  public ResponseEntity<byte[]> download(Table table, String fileName, String format) {
    String f = format == null ? "" : format.strip().toLowerCase(Locale.ROOT);
    byte[] body = switch (f) {
      case "xlsx" -> xlsx(table);
      case "csv" -> csv(table).getBytes(StandardCharsets.UTF_8);
      default -> throw UserFacingException.invalid(Map.of("format", "error.exportFormat"));
    };
    return ResponseEntity.ok()
        .contentType(f.equals("xlsx") ? XLSX : CSV)
        .header(HttpHeaders.CONTENT_DISPOSITION, disposition(table.name(), fileName, f))
        .body(body);
  }

  /**
   * An attachment named in Chinese, as the bureau files it (RFC 6266 {@code filename*}): the caller's
   * Chinese name, or else the table's name, the filters the ASCII name carries after its words and
   * the day ({@code 教师名册-LC-20261205.xlsx} for {@code teachers-LC}); with the ASCII name for
   * clients that read only {@code filename}.
   */
  String disposition(String name, String fileName, String extension) {
    boolean named = !fileName.chars().allMatch(c -> c < 128);
    String date = LocalDate.now(clock.withZone(zone)).format(DateTimeFormatter.BASIC_ISO_DATE);
    String filters = fileName.replaceFirst("^([a-z]+-)*[a-z]+(-|$)", "");
    String chinese = (named ? fileName : name.replaceAll("\\s+", "") + (filters.isEmpty() ? "" : "-" + filters) + "-"
        + date).replaceAll("[\\\\/:*?\"<>|\\s]+", "_") + "." + extension;
    String ascii = (named ? "export-" + date : fileName).replaceAll("[^A-Za-z0-9._-]", "_") + "." + extension;
    return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''"
        + URLEncoder.encode(chinese, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /**
   * Several tables as the sheets of one XLSX workbook (a report whose parts a clerk files together),
   * the file named after {@code name} as {@link #disposition} names a table's.
   */
  public ResponseEntity<byte[]> downloadSheets(String name, List<Table> sheets, String fileName) {
    return ResponseEntity.ok()
        .contentType(XLSX)
        .header(HttpHeaders.CONTENT_DISPOSITION, disposition(name, fileName, "xlsx"))
        .body(xlsx(sheets));
  }

  public byte[] xlsx(Table table) {
    return xlsx(List.of(table));
  }

  /** One sheet per table, in order; the tables' names must differ in their first 31 characters. */
  public byte[] xlsx(List<Table> tables) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      Workbook workbook = new Workbook(out, "Jiaoliu", "1.0");
      for (Table table : tables) {
        sheet(workbook.newWorksheet(sheetName(table.name())), table);
      }
      workbook.finish();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private void sheet(Worksheet sheet, Table table) {
    for (int c = 0; c < table.headers().size(); c++) {
      sheet.value(0, c, table.headers().get(c));
      sheet.style(0, c).bold().set();
      sheet.width(c, Math.max(10, table.headers().get(c).length() * 2.5 + 2));
    }
    for (int r = 0; r < table.rows().size(); r++) {
      List<Object> row = table.rows().get(r);
      for (int c = 0; c < row.size(); c++) {
        Object v = row.get(c);
        if (v instanceof Number n) {
          sheet.value(r + 1, c, n);
        } else if (v != null) {
          sheet.value(r + 1, c, text(v));
        }
      }
    }
    sheet.freezePane(0, 1);
    // printed on A4, as wide as the page, the header row on every page; wide tables lie landscape
    sheet.paperSize(PaperSize.A4_PAPER);
    sheet.pageOrientation(table.headers().size() > 6 ? "landscape" : "portrait");
    sheet.setFitToPage(true);
    sheet.fitToWidth((short) 1);
    sheet.fitToHeight((short) 0);
    sheet.repeatRows(0);
  }

  public String csv(Table table) {
    StringBuilder csv = new StringBuilder("\uFEFF");
    line(csv, table.headers().stream().map(h -> (Object) h).toList());
    table.rows().forEach(row -> line(csv, row));
    return csv.toString();
  }

  private void line(StringBuilder csv, List<Object> cells) {
    for (int c = 0; c < cells.size(); c++) {
      if (c > 0) {
        csv.append(',');
      }
      Object v = cells.get(c);
      csv.append(v instanceof Number n ? n.toString() : cell(v == null ? "" : text(v)));
    }
    csv.append("\r\n");
  }

  private String text(Object v) {
    return switch (v) {
      case Boolean b -> headings.text(b ? "export.yes" : "export.no");
      case OffsetDateTime t -> DATE_TIME.format(t.atZoneSameInstant(zone));
      case LocalDate d -> d.toString();
      default -> v.toString();
    };
  }

  /** Quotes a CSV cell and defuses spreadsheet formulas. */
  static String cell(String value) {
    String v = value;
    if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
      v = "'" + v;
    }
    return "\"" + v.replace("\"", "\"\"") + "\"";
  }

  /** Excel allows 31 characters and none of {@code []:*?/\} in a sheet name. */
  private static String sheetName(String name) {
    String clean = name.replaceAll("[\\[\\]:*?/\\\\]", " ").strip();
    return clean.isEmpty() ? "Sheet1" : clean.length() > 31 ? clean.substring(0, 31) : clean;
  }
}
