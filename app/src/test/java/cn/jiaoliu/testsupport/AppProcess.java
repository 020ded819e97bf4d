package cn.jiaoliu.testsupport;

import cn.jiaoliu.devstack.Processes;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The app's own jar ({@code target/jiaoliu-app.jar}, built in the package phase before the
 * integration tests) as a child process, as a bureau runs it: so a test can {@code kill -9} it, or
 * measure its memory from outside. It gets its own database ({@link Database}: a fresh PostgreSQL
 * schema with {@code -Ppostgres}, else an H2 file that survives a kill) and its own port; the
 * broker, Keycloak and mail server are the caller's. Restarting after {@link #crash()} keeps the
 * port and the database.
 */
public final class AppProcess implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(AppProcess.class);
  static final String JAR_PROPERTY = "jiaoliu.it.app.jar";
  static final Duration START_TIMEOUT = Duration.ofSeconds(Long.getLong("jiaoliu.it.start-timeout-seconds", 180));

  private final List<String> launch;
  private final Map<String, String> environment;
  private final String home;
  private final Path workDir;
  private final int port;
  private final int managementPort;
  private final Database database;
  private final Map<String, String> properties;
  private Process process;
  private Path logFile;
  private int starts;

  /**
   * @param properties Spring properties for the app (broker, Keycloak, mail…); the port, home and
   *     database are added here
   * @param jvmOptions e.g. {@code -Xmx512m}
   */
  public AppProcess(Map<String, String> properties, List<String> jvmOptions) {
    this.workDir = newWorkDir();
    List<String> launch = new ArrayList<>();
    launch.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    launch.addAll(jvmOptions);
    launch.add("-jar");
    launch.add(Infrastructure.requiredPathProperty(JAR_PROPERTY).toString());
    this.launch = List.copyOf(launch);
    this.environment = null;
    this.home = workDir.resolve("home").toString();
    this.port = Processes.freePorts(1)[0];
    this.managementPort = 0;
    this.database = Database.fresh(workDir);
    this.properties = new LinkedHashMap<>(properties);
  }

  private AppProcess(List<String> launch, Map<String, String> environment, String home, int managementPort,
      Map<String, String> properties) {
    this.workDir = newWorkDir();
    this.launch = List.copyOf(launch);
    this.environment = Map.copyOf(environment);
    this.home = home;
    this.port = Processes.freePorts(1)[0];
    this.managementPort = managementPort;
    this.database = Database.fresh(workDir);
    this.properties = new LinkedHashMap<>(properties);
  }

  /**
   * The app as its OCI image runs it, from the image's file system unpacked in {@code root}: its
   * entrypoint, environment (and nothing of this JVM's), working directory and user, in a mount and
   * PID namespace of its own whose root is {@code root} (util-linux {@code unshare}; needs root), on
   * the host's network like a container with host networking. The management port (health,
   * Prometheus) is a free one given to it, as a deployment sets {@code MANAGEMENT_SERVER_PORT}.
   */
  public static AppProcess fromImage(Path root, OciImage image, Map<String, String> properties) {
    String[] user = image.user().split(":");
    try {
      // what a container runtime provides: /proc of the container's PID namespace and the devices
      Files.createDirectories(root.resolve("proc"));
      Files.createDirectories(root.resolve("dev"));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    String enter = "/usr/bin/mount --rbind /dev '" + root.resolve("dev") + "' && exec /usr/bin/unshare --root='"
        + root + "' --wd='" + image.containerConfig().path("WorkingDir").asText("/") + "' --setgid "
        + (user.length > 1 ? user[1] : user[0]) + " --setuid " + user[0] + " -- \"$@\"";
    List<String> launch = new ArrayList<>(List.of("/usr/bin/unshare", "--mount", "--pid", "--fork", "--kill-child",
        "--mount-proc=" + root.resolve("proc"), "/bin/sh", "-c", enter, "image"));
    launch.addAll(image.entrypoint());
    Map<String, String> environment = new LinkedHashMap<>(image.environment());
    int managementPort = Processes.freePorts(1)[0];
    environment.put("MANAGEMENT_SERVER_PORT", String.valueOf(managementPort));
    return new AppProcess(launch, environment, environment.getOrDefault("JIAOLIU_HOME", "/tmp/jiaoliu"),
        managementPort, properties);
  }

  private static Path newWorkDir() {
    try {
      return Processes.newWorkDir(Infrastructure.targetDir(), "app");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The usual properties for an app on this broker and Keycloak, with fast test intervals. */
  public static Map<String, String> propertiesFor(String grpcAddress, String restAddress, String keycloakUrl,
      int smtpPort) {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("camunda.client.grpc-address", grpcAddress);
    properties.put("camunda.client.rest-address", restAddress);
    properties.put("camunda.client.prefer-rest-over-grpc", "false");
    properties.put("jiaoliu.keycloak.url", keycloakUrl);
    properties.put("server.address", "127.0.0.1");
    // the jar has production's settings; the demo profile adds the demo district, schools and batch
    properties.put("spring.profiles.active", "demo");
    // as the tests in this JVM: without the demo's planning data (db/demo-planning: last years'
    // applications and rotations), which would count among the applications a test makes
    properties.put("spring.flyway.locations", "classpath:db/migration,classpath:db/demo");
    properties.put("jiaoliu.keycloak.client-secret", Infrastructure.CLIENT_SECRET);
    properties.put("jiaoliu.keycloak.admin.client-secret", Infrastructure.ADMIN_CLIENT_SECRET);
    properties.put("jiaoliu.tasklist.reconcile-interval", "PT1S");
    properties.put("jiaoliu.tasklist.job-timeout", "PT20S");
    properties.put("jiaoliu.tasklist.recheck-after", "PT2S");
    properties.put("spring.mail.host", "127.0.0.1");
    properties.put("spring.mail.port", String.valueOf(smtpPort));
    properties.put("jiaoliu.mail.interval", "PT1S");
    return properties;
  }

  /** Sets a property for the next {@link #start()} (e.g. to restart with another setting). */
  public synchronized AppProcess set(String key, String value) {
    properties.put(key, value);
    return this;
  }

  /** Starts the app (again, after a crash: same port, same database) and waits until it is ready. */
  public synchronized AppProcess start() {
    if (process != null && process.isAlive()) {
      return this;
    }
    long started = System.nanoTime();
    starts++;
    logFile = workDir.resolve("app-" + starts + ".log");
    List<String> command = new ArrayList<>(launch);
    Map<String, String> all = new LinkedHashMap<>(properties);
    all.put("server.port", String.valueOf(port));
    all.put("jiaoliu.home", home);
    all.putAll(database.springProperties());
    all.forEach((key, value) -> command.add("--" + key + "=" + value));
    try {
      ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
          .redirectOutput(logFile.toFile());
      if (environment != null) {
        builder.environment().clear();
        builder.environment().putAll(environment);
      }
      process = builder.start();
    } catch (IOException e) {
      throw new IllegalStateException("Could not start the app: " + e.getMessage(), e);
    }
    LOG.info("Starting the app (pid {}) on port {} (log {})", process.pid(), port, logFile);
    URI readiness = URI.create(managementUrl() + "/actuator/health/readiness");
    Processes.waitUntil("the app", process, logFile, START_TIMEOUT,
        () -> Processes.httpGet(readiness).statusCode() == 200);
    LOG.info("App ready on port {} after {} s", port, Duration.ofNanos(System.nanoTime() - started).toSeconds());
    return this;
  }

  /** {@code kill -9}: no shutdown hook, no graceful end of anything in flight. */
  public synchronized void crash() {
    if (process == null) {
      return;
    }
    Processes.kill("the app", process);
    process = null;
  }

  /** Graceful stop (SIGTERM); the database stays for {@link #database()}. */
  public synchronized void stop() {
    if (process != null) {
      Processes.stopTree("the app", process);
      process = null;
    }
  }

  @Override
  public void close() {
    stop();
    database.drop();
  }

  public boolean isRunning() {
    return process != null && process.isAlive();
  }

  public long pid() {
    return process.pid();
  }

  public String baseUrl() {
    return "http://localhost:" + port;
  }

  /** Where actuator answers: the management port when one is set, else the app's own. */
  public String managementUrl() {
    return managementPort > 0 ? "http://localhost:" + managementPort : baseUrl();
  }

  public Database database() {
    return database;
  }

  public Path logFile() {
    return logFile;
  }

  /**
   * The child's own database. On H2 the file is opened with {@code AUTO_SERVER=TRUE}, so the test
   * may read it while the app runs.
   */
  public record Database(String url, String user, String schema) {

    static Database fresh(Path workDir) {
      if (TestDatabase.postgres()) {
        String base = System.getProperty("jiaoliu.test.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test");
        String user = System.getProperty("jiaoliu.test.postgres.user", "postgres");
        String schema = "jiaoliu_p_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        return new Database(base + "?currentSchema=" + schema, user, schema);
      }
      String url = "jdbc:h2:file:" + workDir.resolve("db/jiaoliu")
          + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;AUTO_SERVER=TRUE";
      return new Database(url, "sa", null);
    }

    Map<String, String> springProperties() {
      Map<String, String> properties = new LinkedHashMap<>();
      properties.put("spring.datasource.url", url);
      properties.put("spring.datasource.username", user);
      properties.put("spring.datasource.password", "");
      if (schema != null) {
        properties.put("spring.flyway.schemas", schema);
        properties.put("spring.flyway.create-schemas", "true");
      }
      return properties;
    }

    /** A new connection (the caller closes it). */
    public Connection connect() throws SQLException {
      return DriverManager.getConnection(url, user, "");
    }

    void drop() {
      if (schema == null) {
        return;
      }
      try (Connection connection = connect(); Statement statement = connection.createStatement()) {
        statement.execute("drop schema if exists " + schema + " cascade");
      } catch (SQLException e) {
        LOG.warn("could not drop schema {}", schema, e);
      }
    }
  }
}
