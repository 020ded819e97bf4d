package cn.jiaoliu.app.programme;

import java.util.List;

/** One kind of import (schools, teachers): its columns, how a row is checked, and how it is written. */
interface ImportKind<R> {

  /** {@code schools} or {@code teachers}: the name in URLs and in the import log. */
  String name();

  /** The header texts the file must have (Chinese, in any order; further columns are ignored). */
  List<String> columns();

  /** The columns that may be left empty. */
  List<String> optional();

  /** Checks one row; adds errors to {@code row} and returns null when it has any. */
  R parse(ImportRow row, AdminScope scope);

  /** Checks the rows together (duplicates within the file, conflicts with stored data). */
  void checkTogether(List<Parsed<R>> rows, ImportErrors errors, AdminScope scope);

  /** Writes a checked row; says whether it added, changed or left the stored data as it was. */
  Change write(R row);

  enum Change { ADDED, UPDATED, UNCHANGED }

  record Parsed<R>(int rowNumber, R value) {}
}
