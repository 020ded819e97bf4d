package cn.jiaoliu.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * {@code ./run.sh}: the Zeebe broker, Keycloak (the jiaoliu realm with its demo users) and the app
 * on this machine, every port on 127.0.0.1, until Ctrl-C. Everything it keeps lives in
 * {@code .jiaoliu/} at the repository root; a second run keeps it. {@code --help} says more.
 */
public final class RunLocal {

  static final int APP_PORT = 8080;
  static final int KEYCLOAK_PORT = 8180;
  /** Opened only with health or metrics on (they are off): given so that it never defaults to 9000. */
  static final int KEYCLOAK_MANAGEMENT_PORT = 9001;
  static final ZeebeBroker.Ports BROKER_PORTS = new ZeebeBroker.Ports(26500, 26501, 26502, 8088, 9600);

  private final Path root;
  private final Path state;
  private final Path logs;
  private final boolean skipApp;
  private final Duration infraTimeout;
  private final Duration appTimeout;
  /** ZEEBE_VERSION: another broker than the build's, e.g. 8.5.8; blank for the build's. */
  private final String zeebeVersion;
  private final List<Child> children = new ArrayList<>();
  private volatile boolean stopping;

  RunLocal(Path root, Map<String, String> env) {
    this.root = root;
    this.state = root.resolve(".jiaoliu");
    this.logs = state.resolve("logs");
    this.skipApp = "1".equals(env.get("JIAOLIU_SKIP_APP"));
    this.infraTimeout = Duration.ofSeconds(Long.parseLong(env.getOrDefault("JIAOLIU_INFRA_TIMEOUT", "300")));
    this.appTimeout = Duration.ofSeconds(Long.parseLong(env.getOrDefault("JIAOLIU_APP_TIMEOUT", "180")));
    this.zeebeVersion = env.getOrDefault("ZEEBE_VERSION", "");
  }

  public static void main(String[] args) throws Exception {
    boolean reset = false;
    for (String arg : args) {
      switch (arg) {
        case "--reset" -> reset = true;
        case "-h", "--help" -> {
          System.out.print(RunLocalText.USAGE);
          return;
        }
        default -> {
          System.err.println("Unknown option: " + arg + " (see ./run.sh --help)");
          System.exit(2);
        }
      }
    }
    Path root = Path.of(System.getProperty("jiaoliu.root", ".")).toAbsolutePath().normalize();
    RunLocal run = new RunLocal(root, System.getenv());
    Runtime.getRuntime().addShutdownHook(new Thread(run::stopAll, "stop-jiaoliu"));
    try {
      run.start(reset);
      run.watch();
    } catch (Failure | IllegalStateException e) {
      if (run.stopping) {
        return;
      }
      System.err.println();
      System.err.println("run.sh: " + e.getMessage());
      System.exit(1);
    }
  }

  private void start(boolean reset) throws IOException, InterruptedException {
    step("Checking ports");
    if (!skipApp) {
      requireFree(APP_PORT, "the Jiaoliu app");
    }
    requireFree(KEYCLOAK_PORT, "Keycloak");
    for (int port : BROKER_PORTS.all()) {
      requireFree(port, "the Zeebe broker");
    }
    if (reset && Files.exists(state)) {
      step("--reset: deleting .jiaoliu/ (broker data, Keycloak users and sessions, app database, logs)");
      Processes.deleteQuietly(state);
    }
    Files.createDirectories(logs);
    Properties dist = distributions();
    // Keycloak keeps its database in its home: one home per version, unpacked into .jiaoliu/keycloak/
    Path keycloakHome = state.resolve("keycloak").resolve(Path.of(dist.getProperty("keycloak.archive")).getFileName()
        .toString().replaceFirst("\\.tar\\.gz$", ""));
    DemoSecrets secrets = DemoSecrets.ofInstallation(state.resolve("secrets"),
        Files.exists(keycloakHome.resolve("data/h2")));

    step("Checking the broker and Keycloak distributions");
    BrokerVersion zeebe = BrokerVersion.choose(Path.of(dist.getProperty("zeebe.archive")),
        dist.getProperty("zeebe.version"), zeebeVersion);
    Path brokerDist = Processes.extractOnce(zeebe.archive(), state.resolve("zeebe"));
    zeebe.claimData(state.resolve("zeebe"), dist.getProperty("zeebe.version"));
    Processes.extractOnce(Path.of(dist.getProperty("keycloak.archive")), state.resolve("keycloak"));
    Path appJar = root.resolve("app/target/jiaoliu-app.jar");
    if (!skipApp) {
      buildAppIfStale(appJar);
    }

    long started = System.nanoTime();
    step("Starting the Zeebe broker " + zeebe.version() + "   (log: .jiaoliu/logs/zeebe.log)");
    Path brokerLog = logs.resolve("zeebe.log");
    Child broker = child("the Zeebe broker", ZeebeBroker.start(brokerDist, "broker",
        ZeebeBroker.environment(BROKER_PORTS, Files.createDirectories(state.resolve("zeebe/data"))), brokerLog),
        brokerLog);

    step("Starting Keycloak " + dist.getProperty("keycloak.version") + "   (log: .jiaoliu/logs/keycloak.log)");
    Path importDir = Files.createDirectories(keycloakHome.resolve("data/import"));
    // imported only when the realm does not exist yet; later changes: ./run.sh --reset
    Files.copy(root.resolve("keycloak-config/src/main/resources/keycloak/jiaoliu-realm.json"),
        importDir.resolve("jiaoliu-realm.json"), StandardCopyOption.REPLACE_EXISTING);
    if (!Files.exists(keycloakHome.resolve("data/h2"))) {
      System.out.println("    (Keycloak's first start optimises itself and creates its database: 1–2 minutes)");
    }
    Path keycloakLog = logs.resolve("keycloak.log");
    Child keycloak = child("Keycloak", KeycloakServer.start(keycloakHome, KEYCLOAK_PORT, KEYCLOAK_MANAGEMENT_PORT,
        secrets.keycloakEnvironment(), keycloakLog), keycloakLog);
    ZeebeBroker.awaitReady(broker.process(), BROKER_PORTS, brokerLog, infraTimeout);
    KeycloakServer.awaitRealm(keycloak.process(), KEYCLOAK_PORT, keycloakLog, infraTimeout);
    System.out.println("    broker and Keycloak ready after " + seconds(started) + " s");

    if (!skipApp) {
      step("Starting the app   (log: .jiaoliu/logs/app.log)");
      startApp(appJar, secrets);
    }
    System.out.printf(RunLocalText.READY, seconds(started), skipApp ? RunLocalText.APP_NOT_STARTED
        : "  App                      http://localhost:" + APP_PORT + "\n");
  }

  private void startApp(Path jar, DemoSecrets secrets) throws IOException {
    Path log = logs.resolve("app.log");
    ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", jar.toString())
        .directory(root.toFile())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    Map<String, String> env = builder.environment();
    env.put("SPRING_PROFILES_ACTIVE", "demo");
    // sixty demo applications waiting for the teaching office (two pages of its inbox); set to false to start empty
    env.putIfAbsent("JIAOLIU_DEMO_CASES", "true");
    // uploads are linted with the bpmnlint the processes module's build installed, where it did
    if (Files.isDirectory(root.resolve("processes/node_modules/bpmnlint"))) {
      env.putIfAbsent("JIAOLIU_MODELLING_BPMNLINT_HOME", root.resolve("processes").toString());
    }
    env.put("JIAOLIU_HOME", Files.createDirectories(state.resolve("app")).toString());
    env.put("SERVER_ADDRESS", "127.0.0.1");
    env.put("SERVER_PORT", String.valueOf(APP_PORT));
    env.put("CAMUNDA_CLIENT_GRPC_ADDRESS", "http://localhost:" + BROKER_PORTS.gateway());
    env.put("CAMUNDA_CLIENT_REST_ADDRESS", "http://localhost:" + BROKER_PORTS.rest());
    env.put("CAMUNDA_CLIENT_PREFER_REST_OVER_GRPC", "false");
    env.put("JIAOLIU_KEYCLOAK_URL", "http://localhost:" + KEYCLOAK_PORT);
    env.putAll(secrets.appEnvironment());
    long started = System.nanoTime();
    Child app = child("the app", builder.start(), log);
    URI health = URI.create("http://localhost:" + APP_PORT + "/actuator/health");
    Processes.waitUntil("the app", app.process(), log, appTimeout,
        () -> Processes.httpGet(health).body().contains("\"status\":\"UP\""));
    System.out.println("    app ready after " + seconds(started) + " s");
  }

  /** Rebuilds the app when a pom.xml or a file under a module's src is newer than its jar. */
  private void buildAppIfStale(Path jar) throws IOException, InterruptedException {
    Path changed = Files.exists(jar) ? newerThan(Files.getLastModifiedTime(jar).toMillis()) : root.resolve("pom.xml");
    if (changed == null) {
      step("The app is up to date (app/target/jiaoliu-app.jar)");
      return;
    }
    step(Files.exists(jar) ? "Building the app (" + root.relativize(changed) + " changed)"
        : "Building the app (first time takes a few minutes)");
    int exit = new ProcessBuilder(root.resolve("mvnw").toString(), "-B", "-q", "-DskipTests", "package")
        .directory(root.toFile()).inheritIO().start().waitFor();
    if (exit != 0 || !Files.exists(jar)) {
      throw new Failure("the build did not produce app/target/jiaoliu-app.jar (exit code " + exit + ")");
    }
    // Maven leaves an up-to-date jar alone (e.g. when only a test changed): mark it as built now
    Files.setLastModifiedTime(jar, FileTime.fromMillis(System.currentTimeMillis()));
  }

  /** A pom.xml or a file under a module's src changed after {@code millis}; null when none. */
  Path newerThan(long millis) throws IOException {
    List<Path> roots = new ArrayList<>();
    try (Stream<Path> modules = Files.list(root)) {
      modules.filter(m -> Files.isRegularFile(m.resolve("pom.xml"))).forEach(m -> {
        roots.add(m.resolve("pom.xml"));
        roots.add(m.resolve("src"));
      });
    }
    roots.add(root.resolve("pom.xml"));
    for (Path start : roots) {
      if (!Files.exists(start)) {
        continue;
      }
      try (Stream<Path> files = Files.walk(start)) {
        var found = files.filter(Files::isRegularFile).filter(f -> modified(f) > millis).findFirst();
        if (found.isPresent()) {
          return found.get();
        }
      }
    }
    return null;
  }

  private static long modified(Path file) {
    try {
      return Files.getLastModifiedTime(file).toMillis();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Until Ctrl-C; when one of the three stops on its own, the others are stopped too. */
  private void watch() throws InterruptedException {
    while (true) {
      for (Child child : List.copyOf(children)) {
        if (stopping) {
          return; // Ctrl-C: the shutdown hook stops everything
        }
        if (!child.process().isAlive()) {
          throw new Failure(child.name() + " stopped unexpectedly (exit code " + child.process().exitValue() + ")."
              + Processes.tailOf(child.log()));
        }
      }
      Thread.sleep(1000);
    }
  }

  private synchronized void stopAll() {
    if (stopping) {
      return;
    }
    stopping = true;
    if (children.isEmpty()) {
      return;
    }
    System.out.println();
    step("Stopping Jiaoliu …");
    for (int i = children.size() - 1; i >= 0; i--) {
      System.out.println("    " + children.get(i).name());
      Processes.stopTree(children.get(i).name(), children.get(i).process());
    }
    System.out.println("stopped");
  }

  /** Keeps a started process for stopping; one started while Ctrl-C is being handled is stopped at once. */
  private synchronized Child child(String name, Process process, Path log) {
    if (stopping) {
      Processes.stopTree(name, process);
      throw new Failure("stopped while starting " + name);
    }
    Child child = new Child(name, process, log);
    children.add(child);
    return child;
  }

  private static void requireFree(int port, String part) {
    if (!Processes.portFree(port)) {
      throw new Failure("Port " + port + " is already in use; " + part + " needs it.\n"
          + "Stop what uses it (an earlier ./run.sh still running? another Keycloak, Zeebe or app?)"
          + " and run ./run.sh again.");
    }
  }

  private static Properties distributions() throws IOException {
    Properties properties = new Properties();
    try (InputStream in = RunLocal.class.getResourceAsStream("/devstack.properties")) {
      if (in == null) {
        throw new Failure("devstack.properties is missing: build the devstack module (./mvnw -pl devstack package)");
      }
      properties.load(in);
    }
    return properties;
  }

  private static void step(String text) {
    System.out.println("==> " + text);
  }

  private static long seconds(long startedNanos) {
    return Duration.ofNanos(System.nanoTime() - startedNanos).toSeconds();
  }

  private record Child(String name, Process process, Path log) {}

  /** What stops ./run.sh with a message (and stops what it started). */
  static final class Failure extends RuntimeException {
    Failure(String message) {
      super(message);
    }
  }
}
