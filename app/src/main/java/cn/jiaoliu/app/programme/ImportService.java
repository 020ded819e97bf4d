package cn.jiaoliu.app.programme;

import cn.jiaoliu.app.audit.AuditTrail;
import cn.jiaoliu.app.security.JiaoliuUser;
import cn.jiaoliu.app.web.UserFacingException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports schools or teachers from an XLSX or CSV file: every row is checked first, and the file
 * goes in whole or not at all. Rows equal to what is stored change nothing, so importing the same
 * file twice changes nothing the second time.
 */
@Service
class ImportService {

  /** More rows than a district has schools or teachers; a larger file is refused before it is read row by row. */
  static final int MAX_ROWS = 20_000;

  private final Map<String, ImportKind<?>> kinds = new HashMap<>();
  private final JdbcClient jdbc;
  private final TransactionTemplate transaction;
  private final AuditTrail audit;
  private final Clock clock;

  ImportService(List<ImportKind<?>> kinds, JdbcClient jdbc, TransactionTemplate transaction, AuditTrail audit,
      Clock clock) {
    kinds.forEach(k -> this.kinds.put(k.name(), k));
    this.jdbc = jdbc;
    this.transaction = transaction;
    this.audit = audit;
    this.clock = clock;
  }

  ImportResult importFile(JiaoliuUser user, String kindName, String fileName, byte[] bytes) {
    AdminScope scope = AdminScope.of(user);
    ImportKind<?> kind = kinds.get(kindName);
    if (kind == null) {
      throw UserFacingException.invalid(Map.of("kind", "import.error.kind"));
    }
    if (bytes == null || bytes.length == 0) {
      throw UserFacingException.invalid(Map.of("file", "import.error.emptyFile"));
    }
    List<List<String>> rows;
    try {
      rows = Spreadsheet.read(bytes);
    } catch (Spreadsheet.UnreadableFile e) {
      throw UserFacingException.invalid(Map.of("file", e.messageKey()));
    }
    if (rows.size() > MAX_ROWS + 1) {
      throw UserFacingException.invalid(Map.of("file", "import.error.tooManyRows"));
    }
    return run(scope, kind, fileName == null ? "" : fileName, bytes, rows);
  }

  private <R> ImportResult run(AdminScope scope, ImportKind<R> kind, String fileName, byte[] bytes,
      List<List<String>> rows) {
    ImportErrors errors = new ImportErrors();
    Map<String, Integer> columns = header(kind, rows.isEmpty() ? List.of() : rows.getFirst(), errors);
    if (!errors.isEmpty()) {
      return ImportResult.rejected(errors.list());
    }
    List<ImportKind.Parsed<R>> parsed = new ArrayList<>();
    for (int i = 1; i < rows.size(); i++) {
      List<String> cells = rows.get(i);
      if (cells.stream().allMatch(c -> c == null || c.isBlank())) {
        continue; // an empty line is not a row
      }
      ImportRow row = new ImportRow(i + 1, cells, columns, errors);
      R value = kind.parse(row, scope);
      if (value != null) {
        parsed.add(new ImportKind.Parsed<>(i + 1, value));
      }
    }
    if (parsed.isEmpty() && errors.isEmpty()) {
      errors.add(2, "", "import.error.noRows");
    }
    kind.checkTogether(parsed, errors, scope);
    if (!errors.isEmpty()) {
      return ImportResult.rejected(errors.list());
    }
    long[] runId = new long[1];
    Map<ImportKind.Change, Integer> counts = transaction.execute(status -> {
      Map<ImportKind.Change, Integer> changes = new EnumMap<>(ImportKind.Change.class);
      for (ImportKind.Change c : ImportKind.Change.values()) {
        changes.put(c, 0);
      }
      parsed.forEach(p -> changes.merge(kind.write(p.value()), 1, Integer::sum));
      var key = new GeneratedKeyHolder();
      jdbc.sql("""
              insert into import_run (kind, file_name, sha256, row_count, added, updated, unchanged, imported_by, imported_at)
              values (:kind, :file, :sha, :rows, :added, :updated, :unchanged, :by, :now)""")
          .param("kind", kind.name()).param("file", fileName.length() > 200 ? fileName.substring(0, 200) : fileName)
          .param("sha", sha256(bytes)).param("rows", parsed.size())
          .param("added", changes.get(ImportKind.Change.ADDED)).param("updated", changes.get(ImportKind.Change.UPDATED))
          .param("unchanged", changes.get(ImportKind.Change.UNCHANGED)).param("by", scope.username())
          .param("now", OffsetDateTime.now(clock)).update(key, "id");
      runId[0] = key.getKeyAs(Number.class).longValue();
      return changes;
    });
    ImportResult result = ImportResult.imported(parsed.size(), counts.get(ImportKind.Change.ADDED),
        counts.get(ImportKind.Change.UPDATED), counts.get(ImportKind.Change.UNCHANGED));
    audit.record("IMPORT", runId[0], scope.username(), scope.actorRole(), "IMPORTED",
        kind.name() + " " + fileName + " +" + result.added() + " ~" + result.updated() + " =" + result.unchanged());
    return result;
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Maps each expected header to its column; a missing or repeated header is an error in row 1. */
  private static Map<String, Integer> header(ImportKind<?> kind, List<String> header, ImportErrors errors) {
    Map<String, Integer> columns = new HashMap<>();
    for (int c = 0; c < header.size(); c++) {
      String name = header.get(c) == null ? "" : header.get(c).strip().replace("*", "");
      if (kind.columns().contains(name) && columns.putIfAbsent(name, c) != null) {
        errors.add(1, name, "import.error.repeatedColumn");
      }
    }
    for (String column : kind.columns()) {
      if (!columns.containsKey(column) && !kind.optional().contains(column)) {
        errors.add(1, column, "import.error.missingColumn");
      }
    }
    return columns;
  }

  /** Template headers for a kind (for the blank template download). */
  List<String> columns(String kindName) {
    ImportKind<?> kind = kinds.get(kindName);
    if (kind == null) {
      throw UserFacingException.notFound();
    }
    return kind.columns();
  }

  record ImportResult(boolean imported, int rows, int added, int updated, int unchanged,
      List<ImportErrors.ImportError> errors) {

    static ImportResult rejected(List<ImportErrors.ImportError> errors) {
      return new ImportResult(false, 0, 0, 0, 0, errors);
    }

    static ImportResult imported(int rows, int added, int updated, int unchanged) {
      return new ImportResult(true, rows, added, updated, unchanged, List.of());
    }
  }
}
