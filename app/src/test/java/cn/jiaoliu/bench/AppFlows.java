package cn.jiaoliu.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * B1 through the app: teachers submit over the REST API, and the principals and the teaching
 * office work through their inboxes as people do: list their open tasks of their step, complete
 * each with its decision, look again. A flow counts when its application is APPROVED in the
 * app's database.
 */
final class AppFlows {

  /** Dispatching school → receiving school of the demo district's pairings. */
  static final Map<String, String> PAIRS = Map.of("LC-U01", "LC-R01", "LC-U02", "LC-R02", "LC-U03", "LC-R04");
  /** Teachers submitting at the same moment. */
  static final int SUBMITTERS = Integer.getInteger("jiaoliu.bench.submitters", 8);
  /**
   * People working each reviewer's inbox at once (a school's principal and vice-principals, a
   * district office's staff), each taking their share of the tasks. More of them (16 teachers, 4
   * sessions each) made B1 slower, not faster: the machine is short of CPU, not of people.
   */
  static final int SESSIONS_PER_REVIEWER = Integer.getInteger("jiaoliu.bench.sessions-per-reviewer", 1);

  private final String baseUrl;
  private final AppDatabase db;
  private final long appPid;

  AppFlows(String baseUrl, AppDatabase db, long appPid) {
    this.baseUrl = baseUrl;
    this.db = db;
    this.appPid = appPid;
  }

  /** Teachers {@code prefix0000…} spread over the three urban schools, plus one principal per school and the office. */
  static List<BenchRealm.User> users(String prefix, int teachers) {
    List<BenchRealm.User> users = new ArrayList<>();
    List<String> schools = List.copyOf(new java.util.TreeSet<>(PAIRS.keySet()));
    for (int i = 0; i < teachers; i++) {
      users.add(new BenchRealm.User(teacher(prefix, i), "teacher", schools.get(i % schools.size()), "LC"));
    }
    return users;
  }

  static List<BenchRealm.User> reviewers() {
    List<BenchRealm.User> users = new ArrayList<>();
    PAIRS.forEach((home, target) -> {
      users.add(new BenchRealm.User("bench.p." + home, "principal", home, "LC"));
      users.add(new BenchRealm.User("bench.p." + target, "principal", target, "LC"));
    });
    users.add(new BenchRealm.User("bench.o.LC", "teaching-office", null, "LC"));
    return users;
  }

  static String teacher(String prefix, int i) {
    return prefix + String.format("%04d", i);
  }

  /** Flows per second, and the machine's busy CPU time meanwhile (logins before the clock not included). */
  record Result(double flowsPerSecond, long machineBusyMillis) {}

  /** Runs {@code n} flows with the teachers {@code prefix…}. */
  Result run(String prefix, int n) throws Exception {
    return run(prefix, n, cpuPerFlow -> {});
  }

  /** Runs {@code n} flows; {@code cpu} is told where the CPU went per flow while the clock ran. */
  Result run(String prefix, int n, Consumer<Map<String, Double>> cpu) throws Exception {
    List<String> schools = List.copyOf(new java.util.TreeSet<>(PAIRS.keySet()));
    // people are logged in before they start work: tokens are fetched before the clock starts
    ExecutorService login = Executors.newFixedThreadPool(4);
    List<Future<BenchUser>> logins = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String name = teacher(prefix, i);
      logins.add(login.submit(() -> new BenchUser(baseUrl, name)));
    }
    ConcurrentLinkedQueue<BenchUser> teachers = new ConcurrentLinkedQueue<>();
    for (Future<BenchUser> f : logins) {
      teachers.add(f.get());
    }
    login.shutdown();
    List<Reviewer> reviewers = new ArrayList<>();
    PAIRS.forEach((home, target) -> {
      reviewers.add(new Reviewer(new BenchUser(baseUrl, "bench.p." + home), "Task_SignOpinion", "APPROVE"));
      reviewers.add(new Reviewer(new BenchUser(baseUrl, "bench.p." + target), "Task_AcceptTeacher", "ACCEPT"));
    });
    reviewers.add(new Reviewer(new BenchUser(baseUrl, "bench.o.LC"), "Task_ApproveApplication", "APPROVE"));

    long approvedBefore = db.count("select count(*) from rotation_application where status = 'APPROVED'");
    AtomicBoolean done = new AtomicBoolean();
    AtomicInteger submitted = new AtomicInteger();
    ExecutorService people = Executors.newFixedThreadPool(SUBMITTERS + SESSIONS_PER_REVIEWER * reviewers.size());
    long started = System.nanoTime();
    long busyBefore = MemorySampler.machineBusyMillis();
    CpuAccount account = new CpuAccount(appPid);
    Map<String, Long> cpuBefore = account.snapshot();
    Map<String, Long> dbBefore = db.activity();
    long requestsBefore = BenchUser.REQUESTS.get();
    List<Future<?>> work = new ArrayList<>();
    for (int s = 0; s < SUBMITTERS; s++) {
      work.add(people.submit(() -> {
        BenchUser teacher;
        while ((teacher = teachers.poll()) != null) {
          int i = submitted.getAndIncrement();
          Map<String, Object> form = form(PAIRS.get(schools.get(Integer.parseInt(teacher.username.substring(prefix.length())) % schools.size())));
          BenchUser.Response created = teacher.post("/api/applications", form);
          if (created.status() != 201) {
            throw new IllegalStateException("submit " + i + " as " + teacher.username + ": " + created.status() + " " + created.body());
          }
        }
        return null;
      }));
    }
    for (Reviewer r : reviewers) {
      for (int session = 0; session < SESSIONS_PER_REVIEWER; session++) {
        int share = session;
        work.add(people.submit(() -> {
          r.workUntil(done, share);
          return null;
        }));
      }
    }
    try {
      while (db.count("select count(*) from rotation_application where status = 'APPROVED'") - approvedBefore < n) {
        for (Future<?> f : work) {
          if (f.isDone()) {
            f.get(); // a failed person fails the run
          }
        }
        if (System.nanoTime() - started > java.time.Duration.ofMinutes(30).toNanos()) {
          throw new IllegalStateException("B1 app: not all " + n + " approved after 30 minutes");
        }
        Thread.sleep(100);
      }
      Result result = new Result(n / ((System.nanoTime() - started) / 1e9), MemorySampler.machineBusyMillis() - busyBefore);
      Map<String, Double> perFlow = new LinkedHashMap<>(CpuAccount.perFlow(cpuBefore, account.snapshot(), n));
      CpuAccount.perFlow(dbBefore, db.activity(), n).forEach((k, v) -> perFlow.put("postgresql " + k, v));
      perFlow.put("HTTP requests", Math.round((BenchUser.REQUESTS.get() - requestsBefore) * 10.0 / n) / 10.0);
      cpu.accept(perFlow);
      return result;
    } finally {
      done.set(true);
      people.shutdown();
      people.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES);
    }
  }

  static Map<String, Object> form(String target) {
    Map<String, Object> form = new HashMap<>();
    form.put("batchId", 1);
    form.put("direction", "URBAN_TO_RURAL");
    form.put("targetSchoolCode", target);
    form.put("post", "TEACHER");
    form.put("subject", "数学");
    form.put("periodStart", "2027-09-01");
    form.put("periodEnd", "2028-07-31");
    form.put("yearsOfService", 8);
    form.put("reasons", "自愿到农村学校支教一年，承担数学教学和教研任务。");
    return form;
  }

  /** A principal or the office: their inbox, filtered to their step, worked through top to bottom. */
  private record Reviewer(BenchUser user, String step, String decision) {

    /** Works through the tasks of this session's share (task id modulo the sessions). */
    void workUntil(AtomicBoolean done, int share) {
      while (!done.get()) {
        BenchUser.Response inbox = user.get("/api/tasks?step=" + step);
        if (inbox.status() != 200) {
          throw new IllegalStateException("inbox of " + user.username + ": " + inbox.status());
        }
        if (inbox.body() == null || inbox.body().isEmpty()) {
          BenchUser.sleep(200);
          continue;
        }
        boolean any = false;
        for (JsonNode task : inbox.body()) {
          if (done.get()) {
            return;
          }
          if (task.path("id").asLong() % SESSIONS_PER_REVIEWER != share) {
            continue;
          }
          any = true;
          BenchUser.Response completed = user.post("/api/tasks/" + task.path("id").asLong() + "/complete",
              Map.of("decision", decision, "comment", "同意"));
          if (completed.status() != 200 && completed.status() != 202 && completed.status() != 409) {
            throw new IllegalStateException("complete as " + user.username + ": " + completed.status() + " " + completed.body());
          }
        }
        if (!any) {
          BenchUser.sleep(200); // nothing of this session's share yet: look again shortly
        }
      }
    }
  }

  /** The app's own database, read directly by the harness (counts only). */
  record AppDatabase(cn.jiaoliu.testsupport.AppProcess.Database database) {

    long count(String sql) {
      try (Connection c = database.connect(); ResultSet rs = c.createStatement().executeQuery(sql)) {
        rs.next();
        return rs.getLong(1);
      } catch (SQLException e) {
        throw new IllegalStateException(sql, e);
      }
    }

    /** The database's transactions and rows written so far (PostgreSQL's statistics, all sessions). */
    Map<String, Long> activity() {
      String sql = """
          select xact_commit + xact_rollback, tup_inserted, tup_updated from pg_stat_database
          where datname = current_database()""";
      try (Connection c = database.connect(); ResultSet rs = c.createStatement().executeQuery(sql)) {
        rs.next();
        return Map.of("transactions", rs.getLong(1), "rows inserted", rs.getLong(2), "rows updated", rs.getLong(3));
      } catch (SQLException e) {
        return Map.of();
      }
    }

    void execute(String... statements) {
      try (Connection c = database.connect(); var st = c.createStatement()) {
        for (String sql : statements) {
          st.execute(sql);
        }
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
