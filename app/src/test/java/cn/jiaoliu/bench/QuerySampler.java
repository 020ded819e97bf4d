package cn.jiaoliu.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * What PostgreSQL is busy with during a window: every 250 ms the statements running in the app's
 * database ({@code pg_stat_activity}, state active), counted by their text. A statement seen in
 * many samples is where the database's time goes, however short each run of it.
 */
final class QuerySampler implements AutoCloseable {

  private static final long EVERY_MS = 250;

  private final AppFlows.AppDatabase db;
  private final Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();
  private final AtomicInteger samples = new AtomicInteger();
  private final Thread thread;
  private volatile boolean running = true;

  QuerySampler(AppFlows.AppDatabase db) {
    this.db = db;
    this.thread = new Thread(this::sample, "bench-query-sampler");
    this.thread.setDaemon(true);
    this.thread.start();
  }

  private void sample() {
    String sql = """
        select query from pg_stat_activity
        where state = 'active' and pid <> pg_backend_pid() and datname = current_database()""";
    try (Connection c = db.database().connect()) {
      while (running) {
        try (ResultSet rs = c.createStatement().executeQuery(sql)) {
          while (rs.next()) {
            seen.computeIfAbsent(shorten(rs.getString(1)), q -> new AtomicInteger()).incrementAndGet();
          }
        }
        samples.incrementAndGet();
        BenchUser.sleep(EVERY_MS);
      }
    } catch (SQLException e) {
      seen.computeIfAbsent("(sampling failed: " + e.getMessage() + ")", q -> new AtomicInteger()).incrementAndGet();
    }
  }

  static String shorten(String query) {
    String one = query == null ? "" : query.replaceAll("\\s+", " ").strip();
    return one.length() <= 160 ? one : one.substring(0, 157) + "...";
  }

  /** The statements seen most often, each with the share of samples it was running in. */
  String top(int n) {
    int total = Math.max(1, samples.get());
    Map<String, Integer> counts = seen.entrySet().stream()
        .sorted((a, b) -> Integer.compare(b.getValue().get(), a.getValue().get())).limit(n)
        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get(), (a, b) -> a, LinkedHashMap::new));
    if (counts.isEmpty()) {
      return "PostgreSQL: no statement running in any of " + total + " samples";
    }
    return "PostgreSQL, statements running (share of " + total + " samples): " + counts.entrySet().stream()
        .map(e -> String.format(Locale.ROOT, "%.0f %% `%s`", 100.0 * e.getValue() / total, e.getKey()))
        .collect(Collectors.joining("; "));
  }

  @Override
  public void close() {
    running = false;
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
