package cn.jiaoliu.devstack;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Keycloak from its distribution in dev mode ({@code bin/kc.sh start-dev --import-realm}) on
 * loopback: the realm files in {@code <home>/data/import} are imported when their realm does not
 * exist yet, their {@code ${...}} placeholders resolved from the environment.
 */
public final class KeycloakServer {

  public static final String REALM = "jiaoliu";

  private KeycloakServer() {}

  /**
   * Starts Keycloak in its home. {@code environment} holds what the realm import resolves (the
   * client secrets) and the bootstrap administrator's password ({@code KC_BOOTSTRAP_ADMIN_PASSWORD},
   * used on the very first start only).
   */
  public static Process start(Path home, int httpPort, int managementPort, Map<String, String> environment,
      Path log) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(
        home.resolve("bin/kc.sh").toString(),
        "start-dev",
        "--http-port=" + httpPort,
        "--http-host=127.0.0.1",
        // only opened when health or metrics are enabled, but never let it default to 9000
        "--http-management-port=" + managementPort,
        "--import-realm")
        .directory(home.toFile())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    Map<String, String> env = builder.environment();
    env.put("JAVA_HOME", System.getProperty("java.home"));
    env.remove("JAVA_OPTS"); // kc.sh would replace its own defaults (heap, metaspace) with it
    env.put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
    env.putAll(environment);
    // kc.sh runs java as its child (or execs it after re-building): stop the whole tree
    return builder.start();
  }

  /** {@code http://localhost:PORT/realms/jiaoliu}: tokens' issuer is built from this host name. */
  public static String issuerUri(int httpPort) {
    return "http://localhost:" + httpPort + "/realms/" + REALM;
  }

  /** Blocks until the jiaoliu realm is served, or fails with the end of the log. */
  public static void awaitRealm(Process keycloak, int httpPort, Path log, Duration timeout) {
    URI ready = URI.create(issuerUri(httpPort) + "/.well-known/openid-configuration");
    Processes.waitUntil("Keycloak", keycloak, log, timeout, () -> Processes.httpGet(ready).statusCode() == 200);
  }
}
