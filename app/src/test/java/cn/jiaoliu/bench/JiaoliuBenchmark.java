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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The benchmarks of issue 6, in one run on one machine, against the real broker, the real Keycloak,
 * PostgreSQL and the app's own jar as a separate process: B1 the app against the bare engine, B4 the
 * app's memory during B1, B3 the year-end launch of 10,000 assessments, B2 the inbox with 100,000
 * open and 1,000,000 completed tasks. Writes {@code benchmarks/RESULTS.md}. Run it with
 * {@code benchmarks/run.sh}; never part of {@code ./mvnw verify}.
 */
class JiaoliuBenchmark {

  private static final Logger LOG = LoggerFactory.getLogger(JiaoliuBenchmark.class);
  static final int B3_ASSIGNMENTS = 10_000;
  static final int B2_OPEN = 100_000;
  static final int B2_COMPLETED_APPLICATIONS = 333_334; // three completed tasks each: 1,000,002
  static final int B2_SAMPLES = 1000;
  /**
   * Flows each side runs before its clock starts. 100 left the app's JIT compiler a third of the
   * app's CPU in the measured part (16 of 49 ms per flow): a JVM just started is not the app a
   * bureau runs for months. 500 lets both JVMs, the broker's and the app's, settle.
   */
  static final int WARM_UP = Integer.getInteger("jiaoliu.bench.warm-up", 500);

  private final Map<String, String> figures = new LinkedHashMap<>();
  private final List<String> notes = new ArrayList<>();

  @Test
  void measure() throws Exception {
    assertThat(TestDatabase.postgres()).as("the benchmarks run on PostgreSQL: -Ppostgres (benchmarks/run.sh does)").isTrue();
    int n = Integer.getInteger("jiaoliu.bench.n", 1000);
    Set<String> only = Set.copyOf(Arrays.asList(System.getProperty("jiaoliu.bench.only", "B1,B2,B3").split(",")));
    Infrastructure infra = Infrastructure.get();
    BenchRealm.cheapPasswords();
    List<BenchRealm.User> users = new ArrayList<>(AppFlows.reviewers());
    users.addAll(AppFlows.users("bench.w", WARM_UP));
    users.addAll(AppFlows.users("bench.t", n));
    users.add(new BenchRealm.User("bench.o.BM", "teaching-office", null, "BM"));
    users.add(new BenchRealm.User("prov.p", "principal", "PD01-U01", "PD01"));
    users.add(new BenchRealm.User("prov.o", "teaching-office", null, "PD01"));
    BenchRealm.create(users);

    if (only.contains("B1")) {
      try (CamundaClient client = EngineBaseline.client(infra.zeebeGrpcAddress(), infra.zeebeRestAddress())) {
        EngineBaseline.deploy(client);
        EngineBaseline.run(client, WARM_UP, 9_000_000);
        long busyBefore = MemorySampler.machineBusyMillis();
        CpuAccount cpu = new CpuAccount(-1);
        Map<String, Long> cpuBefore = cpu.snapshot();
        double engine = EngineBaseline.run(client, n, 10_000_000);
        figures.put("B1 engine flows/s", format(engine));
        figures.put("B1 engine machine CPU ms per flow", format((MemorySampler.machineBusyMillis() - busyBefore) / (double) n));
        notes.add("B1 engine run, CPU ms per flow by process: " + CpuAccount.perFlow(cpuBefore, cpu.snapshot(), n));
        LOG.info("B1 engine: {} flows/s", format(engine));
      }
    }

    int jmxPort = freePort();
    // a real SMTP peer takes the approval mails
    GreenMail mail = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    mail.start();
    Map<String, String> properties = AppProcess.propertiesFor(infra.zeebeGrpcAddress(), infra.zeebeRestAddress(),
        infra.keycloakUrl(), mail.getSmtp().getPort());
    // production intervals, not the tests' fast ones
    properties.remove("jiaoliu.tasklist.reconcile-interval");
    properties.remove("jiaoliu.tasklist.job-timeout");
    properties.remove("jiaoliu.tasklist.recheck-after");
    properties.remove("jiaoliu.mail.interval");
    List<String> jvm = new ArrayList<>(List.of("-Xmx512m", "-Dcom.sun.management.jmxremote.port=" + jmxPort,
        "-Dcom.sun.management.jmxremote.rmi.port=" + jmxPort, "-Dcom.sun.management.jmxremote.authenticate=false",
        "-Dcom.sun.management.jmxremote.ssl=false", "-Dcom.sun.management.jmxremote.host=127.0.0.1",
        "-Djava.rmi.server.hostname=127.0.0.1"));
    String recording = System.getProperty("jiaoliu.bench.jfr", "");
    if (!recording.isBlank()) {
      // -Djiaoliu.bench.jfr=/path/app.jfr: the app records where its time goes (JDK Flight Recorder)
      jvm.add("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=" + recording);
    }
    try (AppProcess app = new AppProcess(properties, jvm).start()) {
      AppFlows.AppDatabase db = new AppFlows.AppDatabase(app.database());
      if (only.contains("B1")) {
        db.execute("update batch_quota set quota = 100000 where batch_id = 1");
        AppFlows flows = new AppFlows(app.baseUrl(), db, app.pid());
        flows.run("bench.w", WARM_UP);
        double appRate;
        try (MemorySampler memory = new MemorySampler(app.pid(), jmxPort)) {
          memory.start();
          AppFlows.Result result = flows.run("bench.t", n, cpuPerFlow -> notes.add(
              "B1 app run, per flow: CPU ms by process and by the app's threads, PostgreSQL transactions and rows written: " + cpuPerFlow));
          memory.close();
          appRate = result.flowsPerSecond();
          figures.put("B1 app flows/s", format(appRate));
          // where the CPU goes: the machine as a whole, and the app's own share of it (the app's
          // figure includes its idle minute while the teachers log in)
          figures.put("B1 app machine CPU ms per flow", format(result.machineBusyMillis() / (double) n));
          figures.put("B1 app process CPU ms per flow", format(memory.cpuNanos() / 1e6 / n));
          figures.put("B1 ratio", format(appRate / Double.parseDouble(figures.get("B1 engine flows/s"))));
          figures.put("B4 heap MB", String.valueOf(memory.peakHeapBytes() >> 20));
          figures.put("B4 rss MB", String.valueOf(memory.peakRssBytes() >> 20));
          figures.put("B4 live heap after GC MB", String.valueOf(memory.peakLiveBytes() >> 20));
          figures.put("B4 max heap MB", String.valueOf(memory.maxHeapBytes() >> 20));
        }
        writeResults(n);
      }
      if (only.contains("B3")) {
        yearEndLaunch(app, db);
        writeResults(n);
      }
      if (only.contains("B2")) {
        inboxAtScale(app, db);
        writeResults(n);
      }
    }
    mail.stop();
    writeResults(n);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private void yearEndLaunch(AppProcess app, AppFlows.AppDatabase db) {
    db.execute(BenchData.yearEndDistrict(B3_ASSIGNMENTS));
    BenchUser office = new BenchUser(app.baseUrl(), "bench.o.BM");
    String tasks = """
        select count(*) from inbox_task t join annual_assessment a on t.subject_type = 'ASSESSMENT' and a.id = t.subject_id
        where a.district_code = 'BM' and t.element_id = 'Task_WriteSelfEvaluation' and t.status = 'OPEN'""";
    long started = System.nanoTime();
    BenchUser.Response opened = office.post("/api/assessment-rounds", Map.of("schoolYear", "2025-2026"));
    long answered = System.nanoTime();
    assertThat(opened.status()).as("open round: %s", opened.body()).isEqualTo(200);
    long deadline = started + Duration.ofMinutes(40).toNanos();
    long last = -1;
    long lastChange = System.nanoTime();
    while (true) {
      long inInboxes = db.count(tasks);
      if (inInboxes >= B3_ASSIGNMENTS || System.nanoTime() > deadline) {
        break;
      }
      if (inInboxes != last) {
        last = inInboxes;
        lastChange = System.nanoTime();
      } else if (System.nanoTime() - lastChange > Duration.ofMinutes(5).toNanos()) {
        break; // nothing moved for five minutes: report what arrived
      }
      BenchUser.sleep(250);
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    long assignmentsWithTask = db.count("""
        select count(distinct a.assignment_id) from inbox_task t
          join annual_assessment a on t.subject_type = 'ASSESSMENT' and a.id = t.subject_id
        where a.district_code = 'BM' and t.element_id = 'Task_WriteSelfEvaluation'""");
    long taskCount = db.count("""
        select count(*) from inbox_task t join annual_assessment a on t.subject_type = 'ASSESSMENT' and a.id = t.subject_id
        where a.district_code = 'BM' and t.element_id = 'Task_WriteSelfEvaluation'""");
    long instances = db.count("select count(*) from annual_assessment where district_code = 'BM'");
    long started2 = db.count("select count(*) from annual_assessment where district_code = 'BM' and process_instance_key is not null");
    figures.put("B3 seconds", format(seconds));
    figures.put("B3 missing", String.valueOf(B3_ASSIGNMENTS - assignmentsWithTask));
    figures.put("B3 duplicated", String.valueOf(taskCount - assignmentsWithTask));
    figures.put("B3 open-round request seconds", format((answered - started) / 1e9));
    figures.put("B3 assessments stored", String.valueOf(instances));
    figures.put("B3 instances started", String.valueOf(started2));
    LOG.info("B3: {} s, {} tasks for {} assignments", seconds, taskCount, assignmentsWithTask);
  }

  private void inboxAtScale(AppProcess app, AppFlows.AppDatabase db) {
    long t0 = System.nanoTime();
    db.execute(BenchData.province(B2_OPEN, B2_COMPLETED_APPLICATIONS));
    notes.add("B2 data: %d open and %d completed tasks written in %.0f s".formatted(
        db.count("select count(*) from inbox_task where status = 'OPEN'"),
        db.count("select count(*) from inbox_task where status = 'COMPLETED'"), (System.nanoTime() - t0) / 1e9));
    // the generated tasks have no jobs in the engine: the reconciler would rightly close them all
    app.stop();
    app.set("jiaoliu.tasklist.reconcile-batch", "0");
    app.start();
    long batch = db.count("select id from rotation_batch where district_code = 'PD01'");
    BenchUser principal = new BenchUser(app.baseUrl(), "prov.p");
    BenchUser office = new BenchUser(app.baseUrl(), "prov.o");
    List<String> officeQueries = List.of(
        "/api/tasks?step=Task_ApproveApplication",
        "/api/tasks?batch=" + batch + "&school=PD01-U03",
        "/api/tasks?direction=URBAN_TO_RURAL&overdue=true",
        "/api/tasks?batch=" + batch + "&step=Task_ApproveApplication&school=PD01-R05");
    for (int i = 0; i < WARM_UP; i++) {
      principal.timedGet("/api/tasks");
      office.timedGet(officeQueries.get(i % officeQueries.size()));
    }
    long[] principalNanos = new long[B2_SAMPLES];
    long[] officeNanos = new long[B2_SAMPLES];
    for (int i = 0; i < B2_SAMPLES; i++) {
      principalNanos[i] = principal.timedGet("/api/tasks");
      officeNanos[i] = office.timedGet(officeQueries.get(i % officeQueries.size()));
    }
    long[] all = new long[2 * B2_SAMPLES];
    System.arraycopy(principalNanos, 0, all, 0, B2_SAMPLES);
    System.arraycopy(officeNanos, 0, all, B2_SAMPLES, B2_SAMPLES);
    figures.put("B2 p50 ms", millis(percentile(all, 50)));
    figures.put("B2 p99 ms", millis(percentile(all, 99)));
    figures.put("B2 principal p50 ms", millis(percentile(principalNanos, 50)));
    figures.put("B2 principal p99 ms", millis(percentile(principalNanos, 99)));
    figures.put("B2 office with filters p50 ms", millis(percentile(officeNanos, 50)));
    figures.put("B2 office with filters p99 ms", millis(percentile(officeNanos, 99)));
  }

  static long percentile(long[] values, int p) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  private static String millis(long nanos) {
    return String.format(java.util.Locale.ROOT, "%.1f", nanos / 1e6);
  }

  private static String format(double value) {
    return String.format(java.util.Locale.ROOT, "%.2f", value);
  }

  private void writeResults(int n) throws IOException {
    Path file = Path.of(System.getProperty("jiaoliu.bench.results", "target/RESULTS.md"));
    StringBuilder text = new StringBuilder();
    text.append("# Benchmark results\n\n");
    text.append("Written by `benchmarks/run.sh` (`cn.jiaoliu.bench.JiaoliuBenchmark`) on ")
        .append(OffsetDateTime.now(ZoneOffset.UTC).withNano(0)).append(": ")
        .append(Runtime.getRuntime().availableProcessors()).append(" cores, Java ")
        .append(System.getProperty("java.version")).append(", N = ").append(n)
        .append(". Broker, Keycloak, PostgreSQL, the app (-Xmx512m) and this harness share the machine.")
        .append(" B1's people: ").append(AppFlows.SUBMITTERS).append(" teachers submitting at once, ")
        .append(AppFlows.SESSIONS_PER_REVIEWER).append(AppFlows.SESSIONS_PER_REVIEWER == 1 ? " session" : " sessions")
        .append(" on each of the 7 reviewers' inboxes.\n")
        .append("What each figure means, the targets and the bottlenecks: `benchmarks/README.md`.\n\n");
    figures.forEach((k, v) -> text.append(k).append(": ").append(v).append("\n"));
    if (!notes.isEmpty()) {
      text.append("\n");
      notes.forEach(note -> text.append("- ").append(note).append("\n"));
    }
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, text.toString(), StandardCharsets.UTF_8);
    LOG.info("Results so far:\n{}", text);
  }
}
