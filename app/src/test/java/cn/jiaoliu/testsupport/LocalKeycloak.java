package cn.jiaoliu.testsupport;

import cn.jiaoliu.devstack.KeycloakServer;
import cn.jiaoliu.devstack.Processes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real Keycloak distribution ({@code org.keycloak:keycloak-quarkus-dist:*:tar.gz}) in dev mode
 * ({@code bin/kc.sh start-dev --import-realm}) as a child process on free ports, with the jiaoliu
 * realm imported into a fresh dev-file database.
 *
 * <p>The distribution is unpacked once into {@code target/it-dist/}; every instance runs in a
 * copy of it under {@code target/it-work/} (Keycloak keeps its database, import folder and build
 * inside its home). The first dev-mode start re-builds ("augments") Keycloak for about 30 s; the
 * result is cached next to the unpacked distribution and copied into later instances, which then
 * skip it.
 *
 * <p>Every literal {@code http://localhost:8080} in the realm file is replaced by the app's base
 * URL, and {@code http://127.0.0.1:8080} by the same URL with host 127.0.0.1, so redirect URIs
 * fit the app under test.
 */
public final class LocalKeycloak implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LocalKeycloak.class);
  // 2-core machines shared with other work need 5 minutes; longer with -Djiaoliu.it.start-timeout-seconds
  static final Duration START_TIMEOUT = Duration.ofSeconds(Long.getLong("jiaoliu.it.start-timeout-seconds", 300));
  static final String REALM = "jiaoliu";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path archive;
  private final Path realmFile;
  private final String appBaseUrl;
  private final Path targetDir;
  private final int httpPort;
  private final int managementPort;
  private Path workDir;
  private Path home;
  private Path logFile;
  private Process process;
  private int starts = 1;

  /**
   * Archive from system property {@code jiaoliu.it.keycloak.archive}, realm file from
   * {@code jiaoliu.it.realm}, work under {@code target/}.
   */
  public LocalKeycloak(String appBaseUrl) {
    this(Infrastructure.requiredPathProperty(Infrastructure.KEYCLOAK_ARCHIVE_PROPERTY),
        Infrastructure.requiredPathProperty(Infrastructure.REALM_PROPERTY),
        appBaseUrl,
        Infrastructure.targetDir());
  }

  public LocalKeycloak(Path archive, Path realmFile, String appBaseUrl, Path targetDir) {
    this.archive = archive;
    this.realmFile = realmFile;
    this.appBaseUrl = stripTrailingSlash(appBaseUrl);
    this.targetDir = targetDir;
    int[] ports = Processes.freePorts(2);
    this.httpPort = ports[0];
    this.managementPort = ports[1];
  }

  /** Starts Keycloak and blocks until the jiaoliu realm is served, at most 5 minutes. */
  public synchronized LocalKeycloak start() {
    return start(false);
  }

  /**
   * Starts Keycloak again after {@link #stopKeepingData()}: same port, same home and dev-file
   * database, so the realm, its users and its signing keys are the ones before (tokens issued
   * before the stop stay valid). Blocks until the realm is served.
   */
  public synchronized LocalKeycloak restart() {
    if (home == null) {
      throw new IllegalStateException("Keycloak was not stopped with its data kept");
    }
    return start(true);
  }

  private LocalKeycloak start(boolean sameData) {
    if (process != null) {
      return this;
    }
    long started = System.nanoTime();
    try {
      if (!Files.isRegularFile(realmFile)) {
        throw new IllegalStateException("Realm file not found: " + realmFile);
      }
      Path dist = Processes.extractOnce(archive, targetDir.resolve("it-dist"));
      Path buildCache = dist.resolveSibling(dist.getFileName() + ".dev-build");
      boolean cachedBuild = true;
      if (!sameData) {
        workDir = Processes.newWorkDir(targetDir, "keycloak");
        home = workDir.resolve("keycloak");
        logFile = workDir.resolve("keycloak.log");
        Processes.run(List.of("cp", "-a", dist.toString(), home.toString()), workDir);
        cachedBuild = restoreBuild(buildCache);
        Path importDir = Files.createDirectories(home.resolve("data/import"));
        Files.writeString(importDir.resolve(REALM + "-realm.json"), realmForApp(), StandardCharsets.UTF_8);
      } else {
        starts++;
        logFile = workDir.resolve("keycloak-" + starts + ".log");
      }

      LOG.info("Starting Keycloak in {} on port {}{} (log {})", home, httpPort,
          cachedBuild ? "" : ", first dev-mode build takes about 30 s more", logFile);
      process = KeycloakServer.start(home, httpPort, managementPort, Map.of(
          "KC_BOOTSTRAP_ADMIN_PASSWORD", "admin",
          // the realm file's ${...} placeholders for the client secrets, resolved by Keycloak's import
          "JIAOLIU_KEYCLOAK_CLIENT_SECRET", Infrastructure.CLIENT_SECRET,
          "JIAOLIU_KEYCLOAK_ADMIN_CLIENT_SECRET", Infrastructure.ADMIN_CLIENT_SECRET), logFile);
      KeycloakServer.awaitRealm(process, httpPort, logFile, START_TIMEOUT);
      LOG.info("Keycloak ready on port {} after {} s", httpPort,
          Duration.ofNanos(System.nanoTime() - started).toSeconds());
      if (!cachedBuild) {
        saveBuild(buildCache);
      }
      return this;
    } catch (IOException e) {
      stop();
      throw new IllegalStateException("Could not start Keycloak: " + e.getMessage()
          + Processes.tailOf(logFile), e);
    } catch (RuntimeException e) {
      stop();
      throw e;
    }
  }

  /**
   * Stops Keycloak as an outage would (SIGTERM to kc.sh and its java, SIGKILL after 30 s) but keeps
   * its home and database for {@link #restart()}; the port is then free and refuses connections.
   */
  public synchronized void stopKeepingData() {
    if (process != null) {
      LOG.info("Stopping Keycloak on port {}, keeping its data", httpPort);
      Processes.stopTree("Keycloak", process);
      process = null;
    }
  }

  /** Stops Keycloak (SIGTERM to kc.sh and its java, SIGKILL after 30 s) and removes its copy. */
  public synchronized void stop() {
    if (process != null) {
      Processes.stopTree("Keycloak", process);
      process = null;
    }
    if (home != null) {
      Processes.deleteQuietly(home);
      home = null;
    }
  }

  @Override
  public void close() {
    stop();
  }

  public boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** {@code http://localhost:PORT}: tokens' issuer is built from this host name. */
  public String url() {
    return "http://localhost:" + httpPort;
  }

  public String issuerUri() {
    return url() + "/realms/" + REALM;
  }

  public int httpPort() {
    return httpPort;
  }

  public Path logFile() {
    return logFile;
  }

  String realmForApp() throws IOException {
    String realm = Files.readString(realmFile, StandardCharsets.UTF_8);
    String loopbackBaseUrl = appBaseUrl.startsWith("http://localhost:")
        ? "http://127.0.0.1:" + appBaseUrl.substring("http://localhost:".length())
        : appBaseUrl;
    return withTestSwitches(realm
        .replace("http://localhost:8080", appBaseUrl)
        .replace("http://127.0.0.1:8080", loopbackBaseUrl));
  }

  /**
   * What only the tests' copy of the realm switches on: the password grant for jiaoliu-app and
   * admin-cli (tests fetch tokens with it; the shipped realm has it off), and a TOTP code usable
   * more than once within its 30 s (tests log the same demo user in several times a period).
   */
  static String withTestSwitches(String realm) throws IOException {
    ObjectNode root = (ObjectNode) JSON.readTree(realm);
    for (JsonNode client : root.path("clients")) {
      String clientId = client.path("clientId").asText();
      if (clientId.equals(Infrastructure.CLIENT_ID) || clientId.equals("admin-cli")) {
        ((ObjectNode) client).put("directAccessGrantsEnabled", true);
      }
    }
    root.put("otpPolicyCodeReusable", true);
    return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
  }

  /** Copies a cached dev-mode build into this instance; false when there is none yet. */
  private boolean restoreBuild(Path buildCache) throws IOException {
    if (!Files.isDirectory(buildCache)) {
      return false;
    }
    Path quarkus = home.resolve("lib/quarkus");
    try (Stream<Path> files = Files.list(buildCache)) {
      for (Path file : files.toList()) {
        Files.copy(file, quarkus.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    return true;
  }

  /** Keeps this instance's dev-mode build for the next instances (atomically, first one wins). */
  private void saveBuild(Path buildCache) {
    try {
      Path tmp = Files.createTempDirectory(buildCache.getParent(), buildCache.getFileName() + ".tmp");
      Processes.run(List.of("cp", "-a", home.resolve("lib/quarkus").toString() + "/.", tmp.toString()), workDir);
      try {
        Files.move(tmp, buildCache, StandardCopyOption.ATOMIC_MOVE);
        LOG.info("Cached Keycloak's dev-mode build in {}", buildCache);
      } catch (IOException alreadyThere) {
        Processes.deleteQuietly(tmp);
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn("Could not cache Keycloak's dev-mode build: {}", e.toString());
    }
  }

  private static String stripTrailingSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
