package cn.jiaoliu.app.programme;

import java.util.Map;

/** Crafted workbooks for the hostile-input tests of other packages. */
public final class CraftedFiles {

  private CraftedFiles() {}

  /** A minimal workbook whose first sheet holds {@code sheetData} as written. */
  public static byte[] xlsx(String sheetData) {
    return SpreadsheetLimitsTest.xlsx(sheetData);
  }

  /** A zip of these parts, in this order. */
  public static byte[] zip(Map<String, byte[]> parts) {
    return SpreadsheetLimitsTest.zip(parts);
  }
}
