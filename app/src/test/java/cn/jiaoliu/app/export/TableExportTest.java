package cn.jiaoliu.app.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.jiaoliu.app.web.UserFacingException;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

class TableExportTest {

  private final TableExport export = new TableExport(ZoneId.of("Asia/Shanghai"), new Headings(bundles()),
      Clock.fixed(Instant.parse("2026-12-04T17:30:00Z"), ZoneOffset.UTC));

  /** The app's own message bundles (是/否 come from them). */
  static ResourceBundleMessageSource bundles() {
    ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
    messages.setBasename("messages");
    messages.setDefaultEncoding("UTF-8");
    messages.setFallbackToSystemLocale(false);
    return messages;
  }
  private final Table table = new Table("农村任教经历", List.of("姓名", "认定年数", "职称评审优先", "归档时间"), List.of(
      List.of("赵老师", 3, true, OffsetDateTime.of(2027, 7, 1, 0, 30, 0, 0, ZoneOffset.UTC)),
      List.of("=HYPERLINK(\"http://x\")", 0, false, "\"引号\"")));

  @Test
  void xlsxReadsBackWithChineseHeadersNumbersAndTexts() throws Exception {
    byte[] bytes = export.xlsx(table);

    try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(bytes))) {
      assertThat(workbook.getFirstSheet().getName()).isEqualTo("农村任教经历");
      List<Row> rows = workbook.getFirstSheet().read();
      assertThat(rows).hasSize(3);
      assertThat(rows.get(0).stream().map(Cell::getText).toList()).containsExactly("姓名", "认定年数", "职称评审优先", "归档时间");
      assertThat(rows.get(1).getCell(0).getText()).isEqualTo("赵老师");
      assertThat(rows.get(1).getCell(1).getType()).isEqualTo(CellType.NUMBER);
      assertThat(rows.get(1).getCell(1).asNumber()).isEqualByComparingTo(BigDecimal.valueOf(3));
      assertThat(rows.get(1).getCell(2).getText()).isEqualTo("是");
      assertThat(rows.get(1).getCell(3).getText()).as("in the bureau's zone").isEqualTo("2027-07-01 08:30");
      assertThat(rows.get(2).getCell(0).getType()).as("never a formula").isEqualTo(CellType.STRING);
      assertThat(rows.get(2).getCell(2).getText()).isEqualTo("否");
    }
  }

  @Test
  void csvHasABomQuotesEveryTextAndDefusesFormulas() {
    String csv = export.csv(table);

    assertThat(csv).startsWith("\uFEFF\"姓名\",\"认定年数\"");
    assertThat(csv.split("\r\n")).hasSize(3);
    assertThat(csv).contains("\"赵老师\",3,\"是\",\"2027-07-01 08:30\"\r\n");
    assertThat(csv).contains("\"'=HYPERLINK(\"\"http://x\"\")\",0,\"否\",\"\"\"引号\"\"\"");
  }

  @Test
  void theDownloadNamesItsTypeAndAChineseSafeFileName() {
    var response = export.download(table, "农村任教经历-LC", "XLSX");

    assertThat(response.getHeaders().getContentType()).isEqualTo(TableExport.XLSX);
    assertThat(response.getHeaders().getContentDisposition().getFilename()).isEqualTo("农村任教经历-LC.xlsx");
    assertThat(new String(export.download(table, "x", "csv").getBody(), StandardCharsets.UTF_8)).startsWith("\uFEFF");
  }

  @Test
  void anUnknownFormatIsAFieldErrorNotAFile() {
    assertThatThrownBy(() -> export.download(table, "x", "pdf"))
        .isInstanceOfSatisfying(UserFacingException.class,
            e -> assertThat(e.fieldErrors()).containsEntry("format", "error.exportFormat"));
  }

  @Test
  void aRowThatDoesNotFitTheHeadersIsAProgrammingError() {
    assertThatThrownBy(() -> new Table("x", List.of("a", "b"), List.of(List.of("only one"))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aDownloadIsNamedInChineseWithTheDayAndPrintsOnA4() throws Exception {
    var response = export.download(table, "rural-service", "xlsx");
    assertThat(response.getHeaders().getFirst("Content-Disposition"))
        .as("the bureau's day, not UTC's")
        .isEqualTo("attachment; filename=\"rural-service.xlsx\"; filename*=UTF-8''"
            + java.net.URLEncoder.encode("农村任教经历-20261205.xlsx", java.nio.charset.StandardCharsets.UTF_8));
    java.nio.file.Path file = java.nio.file.Files.createTempFile("export", ".xlsx");
    String sheet;
    try {
      java.nio.file.Files.write(file, response.getBody());
      try (var zip = new java.util.zip.ZipFile(file.toFile())) {
        sheet = new String(zip.getInputStream(zip.getEntry("xl/worksheets/sheet1.xml")).readAllBytes(),
            java.nio.charset.StandardCharsets.UTF_8);
      }
    } finally {
      java.nio.file.Files.deleteIfExists(file);
    }
    assertThat(sheet).contains("paperSize=\"9\"", "fitToWidth=\"1\"");
  }

  @Test
  void theChineseNameKeepsTheFiltersOfTheAsciiName() {
    assertThat(export.disposition("教师名册", "teachers-LC", "xlsx")).contains("filename=\"teachers-LC.xlsx\"")
        .endsWith(java.net.URLEncoder.encode("教师名册-LC-20261205.xlsx", StandardCharsets.UTF_8));
    assertThat(export.disposition("人次", "statistics-person-times-by-year-LC-2024-2025", "csv"))
        .endsWith(java.net.URLEncoder.encode("人次-LC-2024-2025-20261205.csv", StandardCharsets.UTF_8));
    assertThat(export.disposition("待办任务", "tasks-open", "csv"))
        .endsWith(java.net.URLEncoder.encode("待办任务-20261205.csv", StandardCharsets.UTF_8));
  }

  @Test
  void severalTablesAreTheSheetsOfOneWorkbookInOrder() throws Exception {
    Table second = new Table("工作经历", List.of("姓名", "任职开始年月", "是否农村"),
        List.of(Arrays.asList("赵老师", null, true)));
    var response = export.downloadSheets("交流轮岗上报", List.of(table, second), "rotations-LC-2026-2027");

    assertThat(response.getHeaders().getContentType()).isEqualTo(TableExport.XLSX);
    assertThat(response.getHeaders().getFirst("Content-Disposition")).contains("filename=\"rotations-LC-2026-2027.xlsx\"")
        .endsWith(java.net.URLEncoder.encode("交流轮岗上报-LC-2026-2027-20261205.xlsx", StandardCharsets.UTF_8));
    try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(response.getBody()))) {
      var sheets = workbook.getSheets().toList();
      assertThat(sheets.stream().map(Sheet::getName)).containsExactly("农村任教经历", "工作经历");
      assertThat(sheets.get(0).read()).hasSize(3);
      List<Row> rows = sheets.get(1).read();
      assertThat(rows.get(0).stream().map(Cell::getText).toList()).containsExactly("姓名", "任职开始年月", "是否农村");
      assertThat(rows.get(1).getCell(0).getText()).isEqualTo("赵老师");
      assertThat(rows.get(1).getCell(1)).as("a missing value is an empty cell").matches(c -> c == null || c.getText().isEmpty());
      assertThat(rows.get(1).getCell(2).getText()).isEqualTo("是");
    }
  }
}
