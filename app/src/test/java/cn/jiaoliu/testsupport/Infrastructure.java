package cn.jiaoliu.testsupport;

import cn.jiaoliu.devstack.Processes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * One real Zeebe broker and one real Keycloak per JVM for integration tests, started lazily (both
 * at once) on free ports and stopped by a JVM shutdown hook. Also picks the port of the app under
 * test up front, because Keycloak's redirect URIs need it before the app starts.
 *
 * <pre>{@code
 * @SpringBootTest(webEnvironment = WebEnvironment.DEFINED_PORT)
 * class SomethingIT {
 *   @DynamicPropertySource
 *   static void infrastructure(DynamicPropertyRegistry registry) {
 *     Infrastructure.registerProperties(registry);
 *   }
 * }
 * }</pre>
 *
 * <p>Needs system properties {@code jiaoliu.it.zeebe.archive}, {@code jiaoliu.it.keycloak.archive}
 * (the distributions' tar.gz files) and {@code jiaoliu.it.realm} (the realm JSON), which the
 * app's pom passes to Failsafe.
 */
public final class Infrastructure {

  private static final Logger LOG = LoggerFactory.getLogger(Infrastructure.class);

  static final String ZEEBE_ARCHIVE_PROPERTY = "jiaoliu.it.zeebe.archive";
  static final String KEYCLOAK_ARCHIVE_PROPERTY = "jiaoliu.it.keycloak.archive";
  static final String REALM_PROPERTY = "jiaoliu.it.realm";
  static final String CLIENT_ID = "jiaoliu-app";
  // generated per test JVM: Keycloak imports them into its copy of the realm, the app is given them
  static final String CLIENT_SECRET = newSecret();
  static final String ADMIN_CLIENT_SECRET = newSecret();

  private static final HttpClient HTTP = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(2))
      .followRedirects(HttpClient.Redirect.NEVER)
      .build();
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Infrastructure instance;
  private static RuntimeException startFailure;

  private final int appPort;
  private final LocalBroker broker;
  private final LocalKeycloak keycloak;

  private Infrastructure() {
    this.appPort = Processes.freePorts(1)[0];
    this.broker = new LocalBroker();
    this.keycloak = new LocalKeycloak(appBaseUrl());
  }

  /** The JVM's broker and Keycloak, started (in parallel) on first use. */
  public static synchronized Infrastructure get() {
    if (startFailure != null) {
      throw new IllegalStateException("The test infrastructure failed to start earlier in this JVM",
          startFailure);
    }
    if (instance == null) {
      try {
        Infrastructure started = new Infrastructure();
        Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "jiaoliu-it-infrastructure-stop"));
        started.start();
        instance = started;
      } catch (RuntimeException e) {
        startFailure = e;
        throw e;
      }
    }
    return instance;
  }

  /**
   * For {@code @DynamicPropertySource}: points the app under test at this JVM's broker and
   * Keycloak and makes it listen on {@link #appPort()} (use {@code WebEnvironment.DEFINED_PORT}).
   */
  public static void registerProperties(DynamicPropertyRegistry registry) {
    Infrastructure infrastructure = get();
    registry.add("server.port", infrastructure::appPort);
    registry.add("server.address", () -> "127.0.0.1");
    registry.add("camunda.client.grpc-address", infrastructure::zeebeGrpcAddress);
    registry.add("camunda.client.rest-address", infrastructure::zeebeRestAddress);
    registry.add("camunda.client.prefer-rest-over-grpc", () -> false);
    registry.add("jiaoliu.keycloak.url", infrastructure::keycloakUrl);
    registry.add("jiaoliu.keycloak.client-secret", () -> CLIENT_SECRET);
    registry.add("jiaoliu.keycloak.admin.client-secret", () -> ADMIN_CLIENT_SECRET);
  }

  /** 32 random bytes, URL-safe Base64: a client secret of this run only. */
  static String newSecret() {
    byte[] bytes = new byte[32];
    new java.security.SecureRandom().nextBytes(bytes);
    return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private void start() {
    long started = System.nanoTime();
    // own threads: the starts block for a minute or more, not a job for the common pool
    ExecutorService starters = Executors.newFixedThreadPool(2, task -> {
      Thread thread = new Thread(task, "jiaoliu-it-infrastructure-start");
      thread.setDaemon(true);
      return thread;
    });
    try {
      CompletableFuture<LocalBroker> brokerStart = CompletableFuture.supplyAsync(broker::start, starters);
      CompletableFuture<LocalKeycloak> keycloakStart = CompletableFuture.supplyAsync(keycloak::start, starters);
      try {
        CompletableFuture.allOf(brokerStart, keycloakStart).join();
      } catch (CompletionException e) {
        // allOf fails only once both are done: stop whichever did start
        stop();
        throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
      }
    } finally {
      starters.shutdown();
    }
    LOG.info("Test infrastructure ready after {} s: Zeebe {} (REST {}), Keycloak {}, app port {}",
        Duration.ofNanos(System.nanoTime() - started).toSeconds(),
        zeebeGrpcAddress(), zeebeRestAddress(), keycloakUrl(), appPort);
  }

  private void stop() {
    keycloak.stop();
    broker.stop();
  }

  public int appPort() {
    return appPort;
  }

  /** {@code http://localhost:PORT} of the app under test (the realm's redirect URIs point here). */
  public String appBaseUrl() {
    return "http://localhost:" + appPort;
  }

  /** {@code http://127.0.0.1:PORT} of the broker's gRPC gateway. */
  public String zeebeGrpcAddress() {
    return broker.grpcAddress();
  }

  /** {@code http://127.0.0.1:PORT} of the broker's REST API. */
  public String zeebeRestAddress() {
    return broker.restAddress();
  }

  /** {@code http://127.0.0.1:PORT}: the broker's actuator (e.g. {@code /actuator/health}). */
  public String zeebeManagementUrl() {
    return broker.managementUrl();
  }

  /** {@code http://localhost:PORT}: Keycloak, as the app must be configured with it. */
  public String keycloakUrl() {
    return keycloak.url();
  }

  /** The realm's issuer, {@code keycloakUrl() + "/realms/jiaoliu"}: tokens carry it as "iss". */
  public String issuerUri() {
    return keycloak.issuerUri();
  }

  public LocalBroker broker() {
    return broker;
  }

  public LocalKeycloak keycloak() {
    return keycloak;
  }

  /**
   * An access token for a realm user (password grant of client jiaoliu-app, which only the tests'
   * copy of the realm allows). Sends the demo TOTP code too: Keycloak's direct-grant flow asks for
   * it from users who have an authenticator (the demo office and admin users); others ignore it.
   */
  public String tokenFor(String username, String password) {
    try {
      HttpResponse<String> response = passwordGrant(username, password);
      if (response.statusCode() != 200) {
        throw new IllegalStateException("Token request for " + username + " failed: HTTP "
            + response.statusCode() + " " + response.body());
      }
      JsonNode token = JSON.readTree(response.body()).get("access_token");
      if (token == null || !token.isTextual()) {
        throw new IllegalStateException("No access_token in Keycloak's answer: " + response.body());
      }
      return token.asText();
    } catch (IOException e) {
      throw new UncheckedIOException("Token request for " + username + " failed", e);
    }
  }

  /** Keycloak's answer to a password grant of client jiaoliu-app (with the demo TOTP code), whatever it is. */
  public HttpResponse<String> passwordGrant(String username, String password) {
    String form = formEncode(Map.of(
        "grant_type", "password",
        "client_id", CLIENT_ID,
        "client_secret", CLIENT_SECRET,
        "username", username,
        "password", password,
        "totp", DemoTotp.now()));
    HttpRequest request = HttpRequest.newBuilder(URI.create(issuerUri() + "/protocol/openid-connect/token"))
        .timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form))
        .build();
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException("Token request for " + username + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while requesting a token", e);
    }
  }

  // ------------------------------------------------------------------ shared helpers

  /** The module's target directory: {@code ${basedir}/target} (Surefire/Failsafe set basedir). */
  static Path targetDir() {
    String basedir = System.getProperty("basedir", System.getProperty("user.dir"));
    return Paths.get(basedir, "target").toAbsolutePath().normalize();
  }

  static Path requiredPathProperty(String name) {
    String value = System.getProperty(name);
    if (value == null || value.isBlank() || value.startsWith("${")) {
      throw new IllegalStateException("System property " + name + " is not set: run the integration"
          + " tests through Maven (./mvnw verify), which passes it, or set it to the file's path");
    }
    Path path = Paths.get(value).toAbsolutePath();
    if (!Files.isRegularFile(path)) {
      throw new IllegalStateException("System property " + name + " points to a missing file: " + path);
    }
    return path;
  }

  private static String formEncode(Map<String, String> fields) {
    return fields.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
            + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }
}
