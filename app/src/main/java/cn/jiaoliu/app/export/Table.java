package cn.jiaoliu.app.export;

import java.util.List;

/**
 * A list or report as users download it: a name (sheet and file name), Chinese column headers and
 * rows of plain values (text, numbers, booleans as 是/否, dates).
 */
public record Table(String name, List<String> headers, List<List<Object>> rows) {

  public Table {
    headers = List.copyOf(headers);
    rows = List.copyOf(rows);
    for (List<Object> row : rows) {
      if (row.size() != headers.size()) {
        throw new IllegalArgumentException("a row of " + row.size() + " cells under " + headers.size() + " headers");
      }
    }
  }
}
