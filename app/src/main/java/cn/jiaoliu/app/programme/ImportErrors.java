package cn.jiaoliu.app.programme;

import java.util.ArrayList;
import java.util.List;

/** What is wrong with an import file, by row (as the spreadsheet numbers them) and column. */
final class ImportErrors {

  /** A file with this many errors or more is reported in part: the first ones show what to fix. */
  static final int LIMIT = 200;

  private final List<ImportError> errors = new ArrayList<>();

  void add(int row, String column, String messageKey, Object... args) {
    if (errors.size() < LIMIT) {
      errors.add(new ImportError(row, column, messageKey, args));
    }
  }

  boolean isEmpty() {
    return errors.isEmpty();
  }

  int size() {
    return errors.size();
  }

  List<ImportError> list() {
    return List.copyOf(errors);
  }

  /** One error: the row number (1 = header), the column's header text (empty for the whole row), and the message. */
  record ImportError(int row, String column, String messageKey, Object[] args) {}
}
