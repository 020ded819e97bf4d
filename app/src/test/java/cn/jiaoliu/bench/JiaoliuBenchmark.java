package cn.jiaoliu.bench;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jiaoliu.testsupport.AppProcess;
import cn.jiaoliu.testsupport.Infrastructure;
import cn.jiaoliu.testsupport.TestDatabase;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.camunda.client.CamundaClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The benchmarks of issues 6 and 19, in one run on one machine, against the real broker, the real
 * Keycloak, PostgreSQL and the app's own jar as a separate process: B1 the app against the bare
 * engine, B4 the app's memory during B1 and B3, B3 the year-end launch of 100,000 assessments, B2
 * the inbox with 1,000,000 open and 10,000,000 completed tasks, B6 an office's inbox page with
 * 2,000 open tasks in a browser. Writes {@code benchmarks/RESULTS.md}. Run it with
 * {@code benchmarks/run.sh}; never part of {@code ./mvnw verify}. Every size is a property
 * ({@code -Dbench.b2-open=…}, see {@code benchmarks/README.md}), so a smoke run at small sizes takes
 * minutes.
 */
class JiaoliuBenchmark {

  private static final Logger LOG = LoggerFactory.getLogger(JiaoliuBenchmark.class);
  /** The parts a run can measure ({@code -Dbench.only}); B4 is measured during B1 and B3. */
  static final List<String> PARTS = List.of("B1", "B2", "B3", "B5", "B6");
  static final int N = Integer.getInteger("jiaoliu.bench.n", 1000);
  /**
   * Flows each side runs before its clock starts. 100 left the app's JIT compiler a third of the
   * app's CPU in the measured part (16 of 49 ms per flow): a JVM just started is not the app a
   * bureau runs for months. 500 lets both JVMs, the broker's and the app's, settle.
   */
  static final int WARM_UP = Integer.getInteger("jiaoliu.bench.warm-up", 500);
  static final int B3_ASSIGNMENTS = Integer.getInteger("jiaoliu.bench.b3-assignments", 100_000);
  /** Whether B3 runs its bare-engine baseline ({@code -Dbench.b3-bare=false}: a diagnostic run without B3 ratio). */
  static final boolean B3_BARE = Boolean.parseBoolean(System.getProperty("jiaoliu.bench.b3-bare", "true"));
  static final long B2_OPEN = Long.getLong("jiaoliu.bench.b2-open", 1_000_000);
  static final long B2_COMPLETED = Long.getLong("jiaoliu.bench.b2-completed", 10_000_000);
  static final int B2_SAMPLES = Integer.getInteger("jiaoliu.bench.b2-samples", 1000);
  static final int B2_WARM_UP = Integer.getInteger("jiaoliu.bench.b2-warm-up", 500);
  static final String B2_SCHEMA = System.getProperty("jiaoliu.bench.b2-schema", "");
  static final int B6_OPEN = Integer.getInteger("jiaoliu.bench.b6-open", 2_000);
  static final int B6_NAVIGATIONS = Integer.getInteger("jiaoliu.bench.b6-navigations", 50);
  static final int B6_WARM_UP = Integer.getInteger("jiaoliu.bench.b6-warm-up", 10);
  /** B5's smaller hold; the larger one is B3's tasks. */
  static final int B5_SMALL = Integer.getInteger("jiaoliu.bench.b5-small", 10_000);
  static final Duration B5_WINDOW = Duration.parse(System.getProperty("jiaoliu.bench.b5-window", "PT10M"));
  static final Duration B5_IDLE = Duration.parse(System.getProperty("jiaoliu.bench.b5-idle", "PT2M"));
  /** The app's first hold of a task's job (its {@code jiaoliu.tasklist.job-timeout}); shorter only for smoke runs. */
  static final Duration JOB_TIMEOUT = Duration.parse(System.getProperty("jiaoliu.bench.job-timeout", "PT2H"));
  /** {@code -Djiaoliu.bench.app.<setting>=<value>}: a setting of the app under test, e.g. the settings of a "before". */
  static final String APP_SETTING = "jiaoliu.bench.app.";

  private final List<String> durations = new ArrayList<>();
  /** The broker's CPU ms per second while the bare engine drives it flat out (B1's engine side). */
  private double brokerCapacity = Double.NaN;

  @Test
  void measure() throws Exception {
    assertThat(TestDatabase.postgres()).as("the benchmarks run on PostgreSQL: -Ppostgres (benchmarks/run.sh does)").isTrue();
    long runStarted = System.nanoTime();
    Set<String> only = parts(System.getProperty("jiaoliu.bench.only", String.join(",", PARTS)));
    BenchResults results = new BenchResults(Path.of(System.getProperty("jiaoliu.bench.results", "target/RESULTS.md")),
        header(only));
    Infrastructure infra = Infrastructure.get();
    BenchRealm.cheapPasswords();
    BenchRealm.create(users(only));
    durations.add("infrastructure and users " + minutes(runStarted));

    if (only.contains("B1")) {
      long started = System.nanoTime();
      try (CamundaClient client = EngineBaseline.client(infra.zeebeGrpcAddress(), infra.zeebeRestAddress())) {
        EngineBaseline.deploy(client);
        EngineBaseline.run(client, WARM_UP, 9_000_000);
        long busyBefore = MemorySampler.machineBusyMillis();
        CpuAccount cpu = new CpuAccount(-1);
        Map<String, Long> cpuBefore = cpu.snapshot();
        double engine = EngineBaseline.run(client, N, 10_000_000);
        Map<String, Long> cpuAfter = cpu.snapshot();
        brokerCapacity = (cpuAfter.getOrDefault("broker", 0L) - cpuBefore.getOrDefault("broker", 0L)) / (N / engine);
        results.put("B1 engine flows/s", BenchResults.twoDecimals(engine));
        results.put("B1 engine machine CPU ms per flow",
            BenchResults.twoDecimals((MemorySampler.machineBusyMillis() - busyBefore) / (double) N));
        results.note("B1 engine run, CPU ms per flow by process: " + CpuAccount.perFlow(cpuBefore, cpuAfter, N));
        LOG.info("B1 engine: {} flows/s", BenchResults.twoDecimals(engine));
      }
      durations.add("B1 engine side " + minutes(started));
    }

    if (only.contains("B5")) {
      ensureBrokerCapacity(infra, results); // before the app starts: its workers would take the flows' jobs
    }

    // a real SMTP peer takes the approval mails
    GreenMail mail = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    mail.start();
    try {
      Map<String, String> properties = AppProcess.propertiesFor(infra.zeebeGrpcAddress(), infra.zeebeRestAddress(),
          infra.keycloakUrl(), mail.getSmtp().getPort());
      // production intervals, not the tests' fast ones
      properties.remove("jiaoliu.tasklist.reconcile-interval");
      properties.remove("jiaoliu.tasklist.job-timeout");
      properties.remove("jiaoliu.tasklist.recheck-after");
      properties.remove("jiaoliu.mail.interval");
      properties.put("jiaoliu.tasklist.job-timeout", JOB_TIMEOUT.toString());
      System.getProperties().stringPropertyNames().stream().filter(name -> name.startsWith(APP_SETTING))
          .forEach(name -> properties.put(name.substring(APP_SETTING.length()), System.getProperty(name)));
      results.note("App settings of this run beyond its defaults: " + properties.entrySet().stream()
          .filter(e -> e.getKey().startsWith("jiaoliu.tasklist.")).map(e -> e.getKey() + "=" + e.getValue()).toList());
      if (only.contains("B1") || only.contains("B3") || only.contains("B5")) {
        int jmxPort = freePort();
        try (AppProcess app = new AppProcess(properties, jvmOptions(jmxPort)).start()) {
          AppFlows.AppDatabase db = new AppFlows.AppDatabase(app.database());
          List<MemorySampler.Peaks> memory = new ArrayList<>();
          if (only.contains("B1")) {
            long started = System.nanoTime();
            memory.add(flows(app, db, jmxPort, results));
            durations.add("B1 app side " + minutes(started));
            results.write();
          }
          HoldCost hold = new HoldCost(infra.zeebeManagementUrl(), app.pid(), db);
          HoldCost.Window idle = null;
          Held small = null;
          if (only.contains("B5")) {
            long started = System.nanoTime();
            idle = hold.measure("idle, no open tasks and no flows", B5_IDLE);
            results.note("B5 " + idle.describe());
            Round round = launch(app, db, "BH", "bench.h", 50_000_000L, B5_SMALL);
            small = holdWindow(hold, db, round, "%,d open tasks held".formatted(round.tasks()));
            results.write();
            durations.add("B5 idle and %,d held ".formatted(round.tasks()) + minutes(started));
          }
          Round b3 = null;
          if (only.contains("B3")) {
            long started = System.nanoTime();
            RoundBaseline.Result bare = B3_BARE ? RoundBaseline.run(B3_ASSIGNMENTS, JOB_TIMEOUT) : null;
            if (bare != null) {
              results.note(("B3 bare engine: a broker of its own created %,d annual-assessment instances and its worker"
                + " received every first step's job in %.2f s (%,d jobs, %d received twice, %d creations retried after"
                + " backpressure)").formatted(bare.instances(), bare.seconds(), bare.jobsReceived(), bare.jobsReceivedTwice(),
                bare.creationRetries()));
            }
            durations.add("B3 bare engine " + minutes(started));
            started = System.nanoTime();
            try (MemorySampler memory3 = new MemorySampler(app.pid(), jmxPort); QuerySampler queries = new QuerySampler(db)) {
              memory3.start();
              b3 = launch(app, db, "BM", "bench.y", 0, B3_ASSIGNMENTS);
              memory3.close();
              memory.add(memory3.peaks("B3"));
              queries.close();
              results.note("B3 " + queries.top(6));
            }
            b3.report(results);
            if (bare != null) {
              results.put("B3 ratio", BenchResults.twoDecimals(bare.seconds() / b3.seconds()));
              results.put("B3 bare engine seconds", BenchResults.twoDecimals(bare.seconds()));
            }
            durations.add("B3 " + minutes(started));
          }
          memory(memory, results);
          results.write();
          if (only.contains("B5")) {
            long started = System.nanoTime();
            Held large = b3 == null ? null : holdWindow(hold, db, b3, "%,d open tasks held".formatted(b3.tasks()));
            b5(results, small, large, idle);
            durations.add("B5 after B3 " + minutes(started));
            results.write();
          }
        }
      }
      if (only.contains("B2") || only.contains("B6")) {
        inbox(properties, only, results);
      }
    } finally {
      mail.stop();
    }
    durations.add("whole run " + minutes(runStarted));
    results.note("Durations: " + String.join(", ", durations));
    results.write();
  }

  /**
   * B5's yardstick when B1 did not run: the broker's CPU while the bare engine drives it flat out
   * (B1's engine side, shorter: 200 flows of warm-up, then 500).
   */
  private void ensureBrokerCapacity(Infrastructure infra, BenchResults results) throws InterruptedException {
    if (!Double.isNaN(brokerCapacity)) {
      return;
    }
    try (CamundaClient client = EngineBaseline.client(infra.zeebeGrpcAddress(), infra.zeebeRestAddress())) {
      EngineBaseline.deploy(client);
      EngineBaseline.run(client, 200, 19_000_000);
      CpuAccount cpu = new CpuAccount(-1);
      Map<String, Long> before = cpu.snapshot();
      double rate = EngineBaseline.run(client, 500, 19_100_000);
      Map<String, Long> after = cpu.snapshot();
      brokerCapacity = (after.getOrDefault("broker", 0L) - before.getOrDefault("broker", 0L)) / (500 / rate);
      results.note("B5's yardstick measured on its own (B1 not in this run): the bare engine at %.1f flows/s"
          .formatted(rate));
    }
  }

  static Set<String> parts(String only) {
    Set<String> parts = new LinkedHashSet<>();
    for (String part : only.split(",")) {
      String p = part.strip().toUpperCase(Locale.ROOT);
      if (!p.isEmpty()) {
        if (!PARTS.contains(p)) {
          throw new IllegalArgumentException("bench.only: " + p + " is none of " + PARTS
              + " (B4 is measured during B1 and B3)");
        }
        parts.add(p);
      }
    }
    return parts;
  }

  private static String header(Set<String> only) {
    return ("Written by `benchmarks/run.sh` (`cn.jiaoliu.bench.JiaoliuBenchmark`) on {time}: %d cores, Java %s;"
        + " parts %s. Broker, Keycloak, PostgreSQL, the app (-Xmx512m) and this harness share the machine.\n"
        + "Sizes: B1 N = %d flows after %d of warm-up, %d teachers submitting at once, %d %s on each of the 7"
        + " reviewers' inboxes; B2 %,d open and about %,d completed tasks, %d requests per user after %d; B3 %,d"
        + " assignments; B5 %,d and B3's tasks held, windows of %s after %s idle, the app's first hold %s;"
        + " B6 %,d open tasks, %d navigations after %d.\n"
        + "What each figure means, the targets and the bottlenecks: `benchmarks/README.md`.").formatted(
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), String.join(", ", only), N,
        WARM_UP, AppFlows.SUBMITTERS, AppFlows.SESSIONS_PER_REVIEWER,
        AppFlows.SESSIONS_PER_REVIEWER == 1 ? "session" : "sessions", B2_OPEN, B2_COMPLETED, B2_SAMPLES, B2_WARM_UP,
        B3_ASSIGNMENTS, B5_SMALL, B5_WINDOW, B5_IDLE, JOB_TIMEOUT, B6_OPEN, B6_NAVIGATIONS, B6_WARM_UP);
  }

  private static List<BenchRealm.User> users(Set<String> only) {
    List<BenchRealm.User> users = new ArrayList<>();
    if (only.contains("B1")) {
      users.addAll(AppFlows.reviewers());
      users.addAll(AppFlows.users("bench.w", WARM_UP));
      users.addAll(AppFlows.users("bench.t", N));
    }
    if (only.contains("B3")) {
      users.add(new BenchRealm.User("bench.o.BM", "teaching-office", null, "BM"));
    }
    if (only.contains("B5")) {
      users.add(new BenchRealm.User("bench.o.BH", "teaching-office", null, "BH"));
    }
    if (only.contains("B2")) {
      users.add(new BenchRealm.User("prov.p", "principal", "PD01-U01", InboxData.B2_OFFICE_DISTRICT));
      users.add(new BenchRealm.User("prov.o", "teaching-office", null, InboxData.B2_OFFICE_DISTRICT));
    }
    if (only.contains("B6")) {
      users.add(new BenchRealm.User("prov.b6", "teaching-office", null, InboxData.B6_DISTRICT, true));
    }
    return users;
  }

  private static List<String> jvmOptions(int jmxPort) {
    List<String> jvm = new ArrayList<>(List.of("-Xmx512m"));
    if (jmxPort > 0) {
      jvm.addAll(List.of("-Dcom.sun.management.jmxremote.port=" + jmxPort,
          "-Dcom.sun.management.jmxremote.rmi.port=" + jmxPort, "-Dcom.sun.management.jmxremote.authenticate=false",
          "-Dcom.sun.management.jmxremote.ssl=false", "-Dcom.sun.management.jmxremote.host=127.0.0.1",
          "-Djava.rmi.server.hostname=127.0.0.1"));
    }
    String recording = System.getProperty("jiaoliu.bench.jfr", "");
    if (!recording.isBlank()) {
      // -Djiaoliu.bench.jfr=/path/app-%p.jfr: the app records where its time goes (JDK Flight Recorder)
      jvm.add("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=" + recording);
    }
    return jvm;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** B1 through the app, with B4's memory sampled meanwhile. */
  private MemorySampler.Peaks flows(AppProcess app, AppFlows.AppDatabase db, int jmxPort, BenchResults results)
      throws Exception {
    db.execute("update batch_quota set quota = 100000 where batch_id = 1");
    AppFlows flows = new AppFlows(app.baseUrl(), db, app.pid());
    flows.run("bench.w", WARM_UP);
    try (MemorySampler memory = new MemorySampler(app.pid(), jmxPort); QuerySampler queries = new QuerySampler(db)) {
      memory.start();
      AppFlows.Result result = flows.run("bench.t", N, cpuPerFlow -> results.note(
          "B1 app run, per flow: CPU ms by process and by the app's threads, PostgreSQL transactions and rows written: "
              + cpuPerFlow));
      memory.close();
      queries.close();
      results.note("B1 app run: " + queries.top(8));
      double appRate = result.flowsPerSecond();
      results.put("B1 app flows/s", BenchResults.twoDecimals(appRate));
      // where the CPU goes: the machine as a whole, and the app's own share of it (the app's
      // figure includes its idle minute while the teachers log in)
      results.put("B1 app machine CPU ms per flow", BenchResults.twoDecimals(result.machineBusyMillis() / (double) N));
      results.put("B1 app process CPU ms per flow", BenchResults.twoDecimals(memory.cpuNanos() / 1e6 / N));
      String engine = results.get("B1 engine flows/s");
      if (engine != null) {
        results.put("B1 ratio", BenchResults.twoDecimals(appRate / Double.parseDouble(engine)));
      }
      return memory.peaks("B1");
    }
  }

  /** B4: the peaks over B1 and B3, and each part's own in the notes. */
  private static void memory(List<MemorySampler.Peaks> parts, BenchResults results) {
    if (parts.isEmpty()) {
      return;
    }
    results.put("B4 heap MB", parts.stream().mapToLong(MemorySampler.Peaks::heapBytes).max().orElseThrow() >> 20);
    results.put("B4 rss MB", parts.stream().mapToLong(MemorySampler.Peaks::rssBytes).max().orElseThrow() >> 20);
    results.put("B4 live heap after GC MB",
        parts.stream().mapToLong(MemorySampler.Peaks::liveBytes).max().orElseThrow() >> 20);
    results.put("B4 max heap MB", parts.getFirst().maxHeapBytes() >> 20);
    parts.forEach(p -> results.note("B4 during %s: heap in use %d MB at its peak, live after GC %d MB, RSS %d MB (the process's peak so far)".formatted(
        p.part(), p.heapBytes() >> 20, p.liveBytes() >> 20, p.rssBytes() >> 20)));
  }

  /**
   * What a round opened in one district came to: the clock runs from the opening request until the
   * last self-evaluation task arrived in the inbox table (its own arrival time, so the harness's
   * polling, once a second, does not add to it).
   */
  record Round(String district, long assignments, long startedMillis, double requestSeconds, long firstArrivalMillis,
      long lastArrivalMillis, long withTask, long tasks, long instances, long startedInstances) {

    double seconds() {
      return (lastArrivalMillis - startedMillis) / 1e3;
    }

    void report(BenchResults results) {
      results.put("B3 assignments", assignments);
      results.put("B3 seconds", BenchResults.twoDecimals(seconds()));
      results.put("B3 missing", assignments - withTask);
      results.put("B3 duplicated", tasks - withTask);
      results.put("B3 open-round request seconds", BenchResults.twoDecimals(requestSeconds));
      results.put("B3 assessments stored", instances);
      results.put("B3 instances started", startedInstances);
    }
  }

  /**
   * B3 (district BM) and B5 (district BH): {@code n} assignments written with SQL, then the
   * district's office opens the round for school year 2025-2026 through the API.
   */
  private static Round launch(AppProcess app, AppFlows.AppDatabase db, String district, String userPrefix, long offset,
      int n) {
    db.execute(BenchData.yearEndDistrict(district, userPrefix, offset, n));
    long assignments = db.count("select count(*) from assignment where dispatching_school_code like '" + district + "-%'");
    BenchUser office = new BenchUser(app.baseUrl(), "bench.o." + district);
    String open = """
        select count(*) from inbox_task
        where district_code = '%s' and element_id = 'Task_WriteSelfEvaluation' and status = 'OPEN'""".formatted(district);
    long startedMillis = System.currentTimeMillis();
    long started = System.nanoTime();
    BenchUser.Response opened = office.post("/api/assessment-rounds", Map.of("schoolYear", "2025-2026"));
    long answered = System.nanoTime();
    assertThat(opened.status()).as("open round: %s", opened.body()).isEqualTo(200);
    long deadline = started + Duration.ofMinutes(60).toNanos();
    long last = -1;
    long lastChange = System.nanoTime();
    while (true) {
      long inInboxes = db.count(open);
      if (inInboxes >= assignments || System.nanoTime() > deadline) {
        break;
      }
      if (inInboxes != last) {
        last = inInboxes;
        lastChange = System.nanoTime();
      } else if (System.nanoTime() - lastChange > Duration.ofMinutes(5).toNanos()) {
        break; // nothing moved for five minutes: report what arrived
      }
      BenchUser.sleep(1000);
    }
    String tasksOfDistrict = """
        from inbox_task t join annual_assessment a on t.subject_type = 'ASSESSMENT' and a.id = t.subject_id
        where a.district_code = '%s' and t.element_id = 'Task_WriteSelfEvaluation'""".formatted(district);
    Round round = new Round(district, assignments, startedMillis, (answered - started) / 1e9,
        db.count("select coalesce((extract(epoch from min(t.created_at)) * 1000)::bigint, 0) " + tasksOfDistrict),
        db.count("select coalesce((extract(epoch from max(t.created_at)) * 1000)::bigint, 0) " + tasksOfDistrict),
        db.count("select count(distinct a.assignment_id) " + tasksOfDistrict),
        db.count("select count(*) " + tasksOfDistrict),
        db.count("select count(*) from annual_assessment where district_code = '" + district + "'"),
        db.count("select count(*) from annual_assessment where district_code = '" + district
            + "' and process_instance_key is not null"));
    LOG.info("round in {}: {} s, {} tasks for {} assignments", district, round.seconds(), round.tasks(), round.withTask());
    return round;
  }

  /**
   * B5: one window of {@code B5_WINDOW} over a round's tasks held in the inbox with no flow running,
   * starting as the first of them is due its check (the app's {@code next_check_at}; a quiet task's
   * first check comes halfway through its first hold, an hour after it arrived). Rather than wait
   * that long, the harness moves the round's due times earlier, all by the same amount: the app then
   * checks them in the order and at the pace it would an hour on, as it would every hour after.
   */
  private static Held holdWindow(HoldCost hold, AppFlows.AppDatabase db, Round round, String name) {
    String ofRound = "from inbox_task where district_code = '%s' and element_id = 'Task_WriteSelfEvaluation'"
        .formatted(round.district()) + " and status = 'OPEN'";
    long firstDue = db.count("select coalesce((extract(epoch from min(next_check_at)) * 1000)::bigint, 0) " + ofRound);
    long ahead = firstDue - System.currentTimeMillis() - 5_000;
    if (ahead > 60_000) {
      db.execute("update inbox_task set next_check_at = next_check_at - interval '%d milliseconds' where id in (select id %s)"
          .formatted(ahead, ofRound));
      LOG.info("B5: {}'s first check was {} s ahead; moved to now", round.district(), ahead / 1000);
    } else if (ahead > 0) {
      BenchUser.sleep(ahead);
    }
    long before = renewedSince(db, round.district(), System.currentTimeMillis());
    long windowStart = System.currentTimeMillis();
    HoldCost.Window window = hold.measure(name, B5_WINDOW);
    long renewed = renewedSince(db, round.district(), windowStart);
    LOG.info("B5: {}; {} of the round's tasks renewed in the window ({} checked before it)", window.describe(), renewed,
        before);
    return new Held(window, db.count("select count(*) from inbox_task where status = 'OPEN'"), round.tasks(), renewed,
        before, Math.max(0, ahead > 60_000 ? ahead / 1000 : 0));
  }

  /**
   * A hold window: all open tasks in the inbox then, the round's own, how many of these had their
   * job renewed in the window and how many before it.
   */
  record Held(HoldCost.Window window, long openTasks, long roundTasks, long renewed, long renewedBefore,
      long movedSeconds) {}

  /** B5's figures: the larger hold's share and commands, the smaller one's beside them. */
  private void b5(BenchResults results, Held small, Held large, HoldCost.Window idle) {
    results.put("B5 broker idle CPU ms/s", BenchResults.twoDecimals(idle.brokerCpuMsPerSecond()));
    results.put("B5 broker capacity CPU ms/s", BenchResults.twoDecimals(brokerCapacity));
    for (Held held : java.util.Arrays.asList(small, large)) {
      if (held == null) {
        continue;
      }
      String size = held == large ? "" : " " + held.roundTasks();
      double share = HoldCost.share(held.window(), idle, brokerCapacity);
      if (held == large) {
        results.put("B5 open tasks", held.openTasks());
        results.put("B5 broker share %", BenchResults.twoDecimals(share));
      } else {
        results.put("B5" + size + " open tasks", held.openTasks());
        results.put("B5" + size + " broker share %", BenchResults.twoDecimals(share));
      }
      results.put("B5" + size + " commands/s", BenchResults.twoDecimals(held.window().receivedPerSecond()));
      double extraMs = (held.window().brokerCpuMsPerSecond() - idle.brokerCpuMsPerSecond()) * held.window().seconds();
      double perRenewal = held.renewed() == 0 ? Double.NaN : extraMs / held.renewed();
      // thereafter each task is checked once per quiet-recheck (an hour): the same renewals spread over it
      double hourly = Double.isNaN(perRenewal) ? Double.NaN
          : perRenewal * held.openTasks() / 3600.0 / brokerCapacity * 100;
      results.note(("B5 %s: %,d open tasks in the inbox (%,d of them the round's; the others in their long hold),"
          + " %,d of the round's renewed in the window and %,d before it (their due times moved %d s earlier); broker share %.2f %% (%.1f ms/s over"
          + " idle, against %.1f ms/s flat out); the broker's extra CPU per renewal %.3f ms; at one check an hour"
          + " per open task thereafter (%.1f renewals/s) that is %.2f %%").formatted(held.window().describe(),
          held.openTasks(), held.roundTasks(), held.renewed(), held.renewedBefore(), held.movedSeconds(), share,
          held.window().brokerCpuMsPerSecond() - idle.brokerCpuMsPerSecond(), brokerCapacity, perRenewal,
          held.openTasks() / 3600.0, hourly));
    }
  }

  /** The round's open tasks checked against the engine (their jobs renewed) at or after {@code millis}. */
  private static long renewedSince(AppFlows.AppDatabase db, String district, long millis) {
    return db.count("""
        select count(*) from inbox_task where district_code = '%s' and element_id = 'Task_WriteSelfEvaluation'
          and status = 'OPEN' and checked_at >= to_timestamp(%d / 1000.0) and checked_at > created_at"""
        .formatted(district, millis));
  }

  /**
   * B2 and B6 in an app of their own on a schema of their own, with the task workers and the
   * background jobs off: B3's real open tasks are not counted, and the generated ones (which have
   * no jobs in the engine) are neither received again nor closed by the reconciler.
   */
  private void inbox(Map<String, String> appProperties, Set<String> only, BenchResults results) throws Exception {
    Map<String, String> properties = new LinkedHashMap<>(appProperties);
    properties.put("jiaoliu.background-jobs", "false");
    properties.put("camunda.client.worker.defaults.enabled", "false");
    boolean b2 = only.contains("B2");
    try (AppProcess app = new AppProcess(properties, jvmOptions(0))) {
      // B6's district comes with B2's data, so that a kept schema serves both
      InboxData data = new InboxData(app, results, b2 ? B2_OPEN : 0, B2_COMPLETED,
          b2 || only.contains("B6") ? B6_OPEN : 0, b2 ? B2_SCHEMA : "");
      long started = System.nanoTime();
      try {
        data.start();
        durations.add("B2/B6 data and app start " + minutes(started));
        if (b2) {
          started = System.nanoTime();
          inboxAtScale(app, data.db(), results);
          durations.add("B2 requests " + minutes(started));
          results.write();
        }
        if (only.contains("B6")) {
          started = System.nanoTime();
          inboxPage(app, data.db(), results);
          durations.add("B6 " + minutes(started));
          results.write();
        }
      } finally {
        data.finish();
      }
    }
  }

  private static void inboxAtScale(AppProcess app, AppFlows.AppDatabase db, BenchResults results) {
    results.put("B2 open tasks", db.count("select count(*) from inbox_task where status = 'OPEN'"));
    results.put("B2 completed tasks", db.count("select count(*) from inbox_task where status = 'COMPLETED'"));
    results.note("B2 data: %d districts, %d applications; B6's district %s among them with %d open and %d completed tasks"
        .formatted(db.count("select count(*) from district where code like 'PD%' or code like 'PB%'"),
            db.count("select count(*) from rotation_application"), InboxData.B6_DISTRICT,
            db.count("select count(*) from inbox_task where district_code = 'PB01' and status = 'OPEN'"),
            db.count("select count(*) from inbox_task where district_code = 'PB01' and status = 'COMPLETED'")));
    long batch = db.count("select id from rotation_batch where district_code = 'PD01' and status = 'OPEN'");
    BenchUser principal = new BenchUser(app.baseUrl(), "prov.p");
    BenchUser office = new BenchUser(app.baseUrl(), "prov.o");
    List<String> officeQueries = List.of(
        "/api/tasks?step=Task_ApproveApplication",
        "/api/tasks?batch=" + batch + "&school=PD01-U03",
        "/api/tasks?direction=URBAN_TO_RURAL&overdue=true",
        "/api/tasks?batch=" + batch + "&step=Task_ApproveApplication&school=PD01-R05");
    List<String> matched = new ArrayList<>();
    matched.add("principal `/api/tasks` " + principal.totalCount("/api/tasks"));
    officeQueries.forEach(q -> matched.add("office `" + q + "` " + office.totalCount(q)));
    results.note("B2 tasks each request matches in all (the API's X-Total-Count; a page holds at most 200): "
        + String.join(", ", matched));
    for (int i = 0; i < B2_WARM_UP; i++) {
      principal.timedGet("/api/tasks");
      office.timedGet(officeQueries.get(i % officeQueries.size()));
    }
    long[] principalNanos = new long[B2_SAMPLES];
    long[] officeNanos = new long[B2_SAMPLES];
    List<List<Long>> perQuery = new ArrayList<>();
    officeQueries.forEach(q -> perQuery.add(new ArrayList<>()));
    for (int i = 0; i < B2_SAMPLES; i++) {
      principalNanos[i] = principal.timedGet("/api/tasks");
      officeNanos[i] = office.timedGet(officeQueries.get(i % officeQueries.size()));
      perQuery.get(i % officeQueries.size()).add(officeNanos[i]);
    }
    long[] all = new long[2 * B2_SAMPLES];
    System.arraycopy(principalNanos, 0, all, 0, B2_SAMPLES);
    System.arraycopy(officeNanos, 0, all, B2_SAMPLES, B2_SAMPLES);
    results.put("B2 p99 ms", BenchResults.millis(percentile(all, 99)));
    results.put("B2 p50 ms", BenchResults.millis(percentile(all, 50)));
    results.put("B2 principal p50 ms", BenchResults.millis(percentile(principalNanos, 50)));
    results.put("B2 principal p99 ms", BenchResults.millis(percentile(principalNanos, 99)));
    results.put("B2 office with filters p50 ms", BenchResults.millis(percentile(officeNanos, 50)));
    results.put("B2 office with filters p99 ms", BenchResults.millis(percentile(officeNanos, 99)));
    List<String> queries = new ArrayList<>();
    for (int q = 0; q < officeQueries.size(); q++) {
      long[] samples = perQuery.get(q).stream().mapToLong(Long::longValue).toArray();
      queries.add("`%s` p50 %s, p99 %s".formatted(officeQueries.get(q), BenchResults.millis(percentile(samples, 50)),
          BenchResults.millis(percentile(samples, 99))));
    }
    results.note("B2 office, ms per query: " + String.join("; ", queries));
  }

  /** B6: the office of a district with B6_OPEN open approvals opens its inbox page in a browser. */
  private static void inboxPage(AppProcess app, AppFlows.AppDatabase db, BenchResults results) {
    long open = db.count("""
        select count(*) from inbox_task t where t.status = 'OPEN' and exists (select 1 from inbox_task_candidate c
          where c.task_id = t.id and c.candidate = 'group:teaching-office:PB01' and c.task_open)""");
    InboxPage.Result page = InboxPage.measure(app.baseUrl(), "prov.b6", B6_WARM_UP, B6_NAVIGATIONS);
    List<InboxPage.Navigation> navigations = page.navigations();
    results.put("B6 first byte ms", oneDecimal(percentile(navigations, InboxPage.Navigation::firstByteMillis, 50)));
    results.put("B6 page ms", oneDecimal(percentile(navigations, InboxPage.Navigation::pageMillis, 50)));
    results.note(("B6: office of %s with %d open tasks in its inbox, page \"%s\" (%d rows); medians of %d navigations"
        + " after %d (nearest rank); p95 first byte %s ms, p95 page %s ms; document parsed and its scripts run: median"
        + " %s ms; per navigation %s resources loaded, %s of them over the network (not from the browser's cache);"
        + " the last navigation's resources: %s").formatted(InboxData.B6_DISTRICT, open, page.summary(),
        navigations.getFirst().rows(), navigations.size(), B6_WARM_UP,
        oneDecimal(percentile(navigations, InboxPage.Navigation::firstByteMillis, 95)),
        oneDecimal(percentile(navigations, InboxPage.Navigation::pageMillis, 95)),
        oneDecimal(percentile(navigations, InboxPage.Navigation::domReadyMillis, 50)),
        oneDecimal(percentile(navigations, InboxPage.Navigation::resources, 50)),
        oneDecimal(percentile(navigations, InboxPage.Navigation::resourcesFetched, 50)),
        navigations.getLast().resourceTimes()));
  }

  static long percentile(long[] values, int p) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  static <T> double percentile(List<T> values, ToDoubleFunction<T> of, int p) {
    double[] sorted = values.stream().mapToDouble(of).sorted().toArray();
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  private static String oneDecimal(double value) {
    return String.format(Locale.ROOT, "%.1f", value);
  }

  private static String minutes(long startedNanos) {
    return String.format(Locale.ROOT, "%.1f min", (System.nanoTime() - startedNanos) / 60e9);
  }
}
