package cn.jiaoliu.bench;

import cn.jiaoliu.testsupport.AppProcess;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The database of the inbox benchmarks B2 and B6: the app's own schema (its own {@link AppProcess},
 * started with the task workers and background jobs off, so no real open task of B3 is counted and
 * no reconciler closes the generated ones, which have no jobs in the engine), filled with
 * {@link BenchData.Cases}: the province of B2 ({@code PD01}…{@code PD50}) and B6's district
 * {@code PB01}, whose office has exactly the open approvals B6 asks for.
 *
 * <p>A large load runs as a bulk load would: per session {@code synchronous_commit off} and a
 * larger {@code maintenance_work_mem}; the tables' secondary indexes (not those of a primary key or
 * unique constraint) dropped before and built again after from their own definitions; then
 * {@code VACUUM (ANALYZE)} (the visibility map filled and the statistics current, so no autovacuum
 * starts while B2 measures) and a {@code CHECKPOINT} (the load's WAL is not flushed meanwhile). The
 * server itself keeps its default settings.
 *
 * <p>With {@code -Dbench.b2-schema=NAME} the loaded schema is kept under that name after the run and
 * used again by the next run when it was generated with the same sizes, the same generator and the
 * same migrations (the app's start then takes it as it is); otherwise it is dropped and loaded again.
 */
final class InboxData {

  private static final Logger LOG = LoggerFactory.getLogger(InboxData.class);
  /** Raise it when {@link BenchData.Cases} writes other rows: a kept schema is then loaded again. */
  static final int GENERATOR = 1;
  static final String B6_DISTRICT = "PB01";
  static final String B2_OFFICE_DISTRICT = "PD01";

  private final AppProcess app;
  private final AppFlows.AppDatabase db;
  private final BenchResults results;
  private final String keep;
  private final List<BenchData.Cases> cases = new ArrayList<>();
  private final boolean bulk;

  /**
   * @param b2Open B2's open tasks, 0 without B2
   * @param b2Completed B2's completed tasks (about: approved applications bring three each, open
   *     ones the steps before theirs)
   * @param b6Open B6's open approvals, 0 without B6
   * @param keep the schema name to keep the data under, blank for none
   */
  InboxData(AppProcess app, BenchResults results, long b2Open, long b2Completed, int b6Open, String keep) {
    this.app = app;
    this.db = new AppFlows.AppDatabase(app.database());
    this.results = results;
    this.keep = keep == null ? "" : keep.strip();
    if (!this.keep.isEmpty() && !this.keep.matches("[a-z_][a-z0-9_]{0,62}")) {
      throw new IllegalArgumentException("bench.b2-schema: a lower-case PostgreSQL name, not " + keep);
    }
    if (b2Open > 0) {
      cases.add(new BenchData.Cases("PD", 50, 20, b2Open, Math.max(0, (b2Completed - b2Open + 2) / 3), false,
          10_000_000_000L));
    }
    if (b6Open > 0) {
      // the office's history: ten approved applications for every open one
      cases.add(new BenchData.Cases("PB", 1, 20, b6Open, 10L * b6Open, true, 20_000_000_000L));
    }
    this.bulk = b2Open > 0;
  }

  /** Starts the app on the data: the kept schema when it fits, else a fresh one loaded now. */
  void start() throws SQLException {
    String key = key();
    if (!keep.isEmpty() && keptKey().equals(key)) {
      LOG.info("Using the kept schema {} ({})", keep, key);
      execute("alter schema " + keep + " rename to " + app.database().schema());
      app.start();
      results.note("B2/B6 data: the kept schema `" + keep + "` used again (" + key + ")");
      return;
    }
    if (!keep.isEmpty()) {
      execute("drop schema if exists " + keep + " cascade");
    }
    app.start(); // Flyway builds the schema
    app.stop(); // nothing of the app runs while the data is written
    load(key);
    app.start();
  }

  /** Stops the app; a kept schema goes back under its name (closing the app then finds no schema of its own to drop). */
  void finish() {
    app.stop();
    if (!keep.isEmpty()) {
      try {
        execute("alter schema " + app.database().schema() + " rename to " + keep);
        LOG.info("B2/B6 data kept in schema {}", keep);
      } catch (SQLException e) {
        LOG.warn("could not keep the schema {}", keep, e);
      }
    }
  }

  private void load(String key) throws SQLException {
    long started = System.nanoTime();
    List<String> timings = new ArrayList<>();
    try (Connection c = app.database().connect(); Statement st = c.createStatement()) {
      st.execute("set synchronous_commit = off");
      st.execute("set maintenance_work_mem = '1GB'");
      List<Index> indexes = bulk ? secondaryIndexes(c) : List.of();
      for (Index index : indexes) {
        st.execute("drop index " + index.name());
      }
      for (BenchData.Cases data : cases) {
        String[] statements = data.statements();
        String[] names = {"districts", "schools", "batches", "applications", "tasks", "candidates", "escalations"};
        for (int i = 0; i < statements.length; i++) {
          timings.add(data.prefix() + " " + names[i] + " " + timed(st, statements[i]));
        }
      }
      long indexStart = System.nanoTime();
      for (Index index : indexes) {
        st.execute(index.definition());
      }
      if (bulk) {
        timings.add(indexes.size() + " indexes built again " + seconds(indexStart));
      }
      timings.add("VACUUM (ANALYZE) " + timed(st, "vacuum (analyze) " + String.join(", ", BenchData.CASE_TABLES)));
      timings.add("CHECKPOINT " + timed(st, "checkpoint"));
      if (!keep.isEmpty()) {
        st.execute("create table bench_data (key varchar(1000) not null)");
        try (PreparedStatement insert = c.prepareStatement("insert into bench_data (key) values (?)")) {
          insert.setString(1, key);
          insert.executeUpdate();
        }
      }
    }
    results.note("B2/B6 data written in %s: %s".formatted(seconds(started), String.join(", ", timings)));
  }

  private record Index(String name, String definition) {}

  /** The tables' indexes that back no constraint, with the statements that create them. */
  private static List<Index> secondaryIndexes(Connection c) throws SQLException {
    List<Index> indexes = new ArrayList<>();
    try (PreparedStatement query = c.prepareStatement("""
        select quote_ident(x.relname), pg_get_indexdef(i.indexrelid) from pg_index i
          join pg_class x on x.oid = i.indexrelid
          join pg_class t on t.oid = i.indrelid join pg_namespace n on n.oid = t.relnamespace
        where n.nspname = current_schema() and t.relname = any (?)
          and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid)
        order by 1""")) {
      query.setArray(1, c.createArrayOf("varchar", BenchData.REINDEXED_TABLES.toArray()));
      try (ResultSet rs = query.executeQuery()) {
        while (rs.next()) {
          indexes.add(new Index(rs.getString(1), rs.getString(2)));
        }
      }
    }
    return indexes;
  }

  private static String timed(Statement st, String sql) throws SQLException {
    long started = System.nanoTime();
    st.execute(sql);
    String took = seconds(started);
    LOG.info("{} ({})", sql.lines().findFirst().orElse(sql).strip(), took);
    return took;
  }

  private static String seconds(long startedNanos) {
    return String.format(Locale.ROOT, "%.0f s", (System.nanoTime() - startedNanos) / 1e9);
  }

  /** What the data was generated from: sizes, generator, migrations. */
  private String key() {
    StringBuilder key = new StringBuilder("generator " + GENERATOR);
    cases.forEach(c -> key.append("; ").append(c.prefix()).append(' ').append(c.open()).append(" open, ")
        .append(c.completedApplications()).append(" approved"));
    return key.append("; migrations ").append(migrations()).toString();
  }

  private String keptKey() throws SQLException {
    try (Connection c = app.database().connect();
        PreparedStatement exists = c.prepareStatement(
            "select 1 from information_schema.tables where table_schema = ? and table_name = 'bench_data'")) {
      exists.setString(1, keep);
      try (ResultSet rs = exists.executeQuery()) {
        if (!rs.next()) {
          return "";
        }
      }
      try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("select key from " + keep + ".bench_data")) {
        return rs.next() ? rs.getString(1) : "";
      }
    }
  }

  /** A fingerprint of the migrations the app runs (its own and the demo's). */
  private static String migrations() {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      List<Resource> files = new ArrayList<>();
      var resolver = new PathMatchingResourcePatternResolver();
      files.addAll(Arrays.asList(resolver.getResources("classpath*:db/migration/*.sql")));
      files.addAll(Arrays.asList(resolver.getResources("classpath*:db/demo/*.sql")));
      files.sort(Comparator.comparing(Resource::getFilename));
      for (Resource file : files) {
        sha.update(file.getFilename().getBytes(StandardCharsets.UTF_8));
        try (InputStream in = file.getInputStream()) {
          sha.update(in.readAllBytes());
        }
      }
      return files.size() + " files " + HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    } catch (IOException | NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private void execute(String sql) throws SQLException {
    try (Connection c = app.database().connect(); Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }

  AppFlows.AppDatabase db() {
    return db;
  }
}
