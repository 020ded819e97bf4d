package cn.jiaoliu.app.programme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/**
 * Crafted spreadsheets are refused by the limits, before anything is made for what they claim: a
 * 1.7 KB XLSX with one row numbered two billion (or a column ZZZZZZ) once took the app's heap and
 * answered 500 after four minutes. Each refusal names its reason (a translated message key).
 */
class SpreadsheetLimitsTest {

  private static final String WORKBOOK = """
      <?xml version="1.0" encoding="UTF-8"?>
      <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
        <sheets><sheet name="导入" sheetId="1" r:id="rId1"/></sheets></workbook>""";
  private static final String RELS = """
      <?xml version="1.0" encoding="UTF-8"?>
      <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"
          Target="worksheets/sheet1.xml"/></Relationships>""";

  static byte[] xlsx(String sheetData) {
    return zip(Map.of("xl/workbook.xml", WORKBOOK.getBytes(StandardCharsets.UTF_8),
        "xl/_rels/workbook.xml.rels", RELS.getBytes(StandardCharsets.UTF_8),
        "xl/worksheets/sheet1.xml", sheet(sheetData).getBytes(StandardCharsets.UTF_8)));
  }

  static String sheet(String sheetData) {
    return "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>" + sheetData
        + "</sheetData></worksheet>";
  }

  static byte[] zip(Map<String, byte[]> parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      for (var part : new LinkedHashMap<>(parts).entrySet()) {
        zip.putNextEntry(new ZipEntry(part.getKey()));
        zip.write(part.getValue());
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out.toByteArray();
  }

  private static String refusal(byte[] file) {
    Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> Spreadsheet.read(file));
    assertThat(thrown).isInstanceOf(Spreadsheet.UnreadableFile.class);
    return ((Spreadsheet.UnreadableFile) thrown).messageKey();
  }

  @Test
  void aWellFormedSheetReadsWithItsRowNumbersSharedStringsAndNumbers() {
    byte[] file = zip(Map.of("xl/workbook.xml", WORKBOOK.getBytes(StandardCharsets.UTF_8),
        "xl/_rels/workbook.xml.rels", RELS.getBytes(StandardCharsets.UTF_8),
        "xl/sharedStrings.xml", """
            <sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>学校代码</t></si>
            <si><r><t>牛泉</t></r><r><t>镇</t></r></si></sst>""".getBytes(StandardCharsets.UTF_8),
        "xl/worksheets/sheet1.xml", sheet("""
            <row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="inlineStr"><is><t>偏远等级</t></is></c></row>
            <row r="3"><c r="A3" t="s"><v>1</v></c><c r="C3"><v>2.0</v></c></row>""").getBytes(StandardCharsets.UTF_8)));

    assertThat(Spreadsheet.read(file)).containsExactly(List.of("学校代码", "", "偏远等级"), List.of(),
        List.of("牛泉镇", "", "2"));
  }

  @Test
  void aRowNumberedTwoBillionIsRefusedAtOnce() {
    byte[] file = xlsx("<row r=\"2000000000\"><c r=\"A2000000000\" t=\"inlineStr\"><is><t>x</t></is></c></row>");
    assertThat(file.length).isLessThan(2_000);
    assertThat(refusal(file)).isEqualTo("import.error.rowBeyond");
    assertThat(refusal(xlsx("<row r=\"20003\"><c r=\"A20003\"><v>1</v></c></row>"))).isEqualTo("import.error.rowBeyond");
  }

  @Test
  void aColumnZzzzzzIsRefusedAtOnce() {
    assertThat(refusal(xlsx("<row r=\"1\"><c r=\"ZZZZZZ1\"><v>1</v></c></row>"))).isEqualTo("import.error.columnBeyond");
    assertThat(refusal(xlsx("<row r=\"1\"><c r=\"BA1\"><v>1</v></c></row>"))).isEqualTo("import.error.columnBeyond");
    assertThat(refusal(xlsx("<row r=\"1\"><c r=\"1A\"><v>1</v></c></row>"))).isEqualTo("import.error.unreadable");
  }

  @Test
  void aCompressionBombIsRefusedWhileInflating() {
    String padding = " ".repeat(30 * 1024 * 1024); // 30 MB of blanks compress to about 30 KB
    byte[] file = xlsx("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>" + padding);
    assertThat(file.length).isLessThan(100_000);
    assertThat(refusal(file)).isEqualTo("import.error.tooLarge");
  }

  @Test
  void tooManyPartsAreRefused() {
    Map<String, byte[]> parts = new LinkedHashMap<>();
    for (int i = 0; i < XlsxParts.MAX_ENTRIES + 1; i++) {
      parts.put("xl/media/image" + i + ".png", new byte[] {1});
    }
    assertThat(refusal(zip(parts))).isEqualTo("import.error.tooLarge");
  }

  @Test
  void aDocumentTypeDeclarationIsNeverExpanded() {
    byte[] file = zip(Map.of("xl/worksheets/sheet1.xml", """
        <?xml version="1.0"?><!DOCTYPE lol [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
        <!ENTITY xxe SYSTEM "file:///etc/passwd">]>
        <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
        <row r="1"><c r="A1" t="inlineStr"><is><t>&b;&xxe;</t></is></c></row></sheetData></worksheet>"""
        .getBytes(StandardCharsets.UTF_8)));
    Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> Spreadsheet.read(file));
    if (thrown == null) {
      assertThat(Spreadsheet.read(file).toString()).doesNotContain("aaaaaaaaaa").doesNotContain("root:");
    } else {
      assertThat(thrown).isInstanceOf(Spreadsheet.UnreadableFile.class);
    }
  }

  @Test
  void aCellLongerThanExcelAllowsIsRefused() {
    assertThat(refusal(xlsx("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>" + "长".repeat(40_000)
        + "</t></is></c></row>"))).isEqualTo("import.error.cellTooLong");
    assertThat(refusal(("a," + "长".repeat(40_000)).getBytes(StandardCharsets.UTF_8))).isEqualTo("import.error.cellTooLong");
  }

  @Test
  void csvWithTooManyRowsOrColumnsIsRefusedWhileReading() {
    assertThat(refusal("a\n".repeat(XlsxRows.MAX_ROW + 5).getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("import.error.tooManyRows");
    assertThat(refusal(",".repeat(5_000_000).getBytes(StandardCharsets.UTF_8))).isEqualTo("import.error.columnBeyond");
  }

  @Test
  void aPdfNamedXlsxIsNotASpreadsheet() {
    assertThatThrownBy(() -> Spreadsheet.read("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj\u0000".getBytes(StandardCharsets.ISO_8859_1)))
        .isInstanceOf(Spreadsheet.UnreadableFile.class);
  }
}
