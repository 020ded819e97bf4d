package cn.jiaoliu.devstack;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A Zeebe broker from its distribution ({@code bin/broker}), every port on loopback only. */
public final class ZeebeBroker {

  private ZeebeBroker() {}

  /** The five ports of one broker with its embedded gateway. */
  public record Ports(int gateway, int command, int internal, int rest, int management) {

    /** Free ports, distinct from all handed out before in this JVM. */
    public static Ports free() {
      int[] ports = Processes.freePorts(5);
      return new Ports(ports[0], ports[1], ports[2], ports[3], ports[4]);
    }

    public List<Integer> all() {
      return List.of(gateway, command, internal, rest, management);
    }
  }

  /**
   * The environment of a single broker with these ports and data directory: nothing of the engine
   * is reachable from other machines. Small log segments and modest free-space limits: the
   * defaults preallocate 128 MB and want gigabytes free.
   */
  public static Map<String, String> environment(Ports ports, Path dataDir) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("ZEEBE_BROKER_NETWORK_HOST", "127.0.0.1");
    env.put("ZEEBE_BROKER_GATEWAY_NETWORK_HOST", "127.0.0.1");
    env.put("SERVER_ADDRESS", "127.0.0.1");
    env.put("MANAGEMENT_SERVER_ADDRESS", "127.0.0.1");
    env.put("ZEEBE_BROKER_GATEWAY_NETWORK_PORT", String.valueOf(ports.gateway()));
    env.put("ZEEBE_BROKER_NETWORK_COMMANDAPI_PORT", String.valueOf(ports.command()));
    env.put("ZEEBE_BROKER_NETWORK_INTERNALAPI_PORT", String.valueOf(ports.internal()));
    env.put("SERVER_PORT", String.valueOf(ports.rest()));
    env.put("MANAGEMENT_SERVER_PORT", String.valueOf(ports.management()));
    env.put("ZEEBE_BROKER_DATA_DIRECTORY", dataDir.toString());
    env.put("ZEEBE_BROKER_DATA_LOGSEGMENTSIZE", "16MB");
    env.put("ZEEBE_BROKER_DATA_DISK_FREESPACE_PROCESSING", "512MB");
    env.put("ZEEBE_BROKER_DATA_DISK_FREESPACE_REPLICATION", "256MB");
    return env;
  }

  /**
   * Starts {@code bin/broker} (or {@code bin/gateway}) of the distribution with this environment
   * and this JVM's Java, its output appended to the log. The script execs java: the process is the
   * JVM.
   */
  public static Process start(Path dist, String script, Map<String, String> environment, Path log)
      throws IOException {
    ProcessBuilder builder = new ProcessBuilder(dist.resolve("bin").resolve(script).toString())
        .directory(dist.toFile())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    builder.environment().put("JAVA_OPTS", "-Xms128m -Xmx1g");
    builder.environment().putAll(environment);
    return builder.start();
  }

  /**
   * The gateway's topology on its REST port. {@code /v1}: 8.5 serves only that, 8.6 serves it beside
   * {@code /v2}, with the same answer.
   */
  public static URI topology(String restAddress) {
    return URI.create(restAddress + "/v1/topology");
  }

  /** Blocks until the broker is ready and leads its partition, or fails with the end of its log. */
  public static void awaitReady(Process broker, Ports ports, Path log, Duration timeout) {
    URI readiness = URI.create("http://127.0.0.1:" + ports.management() + "/actuator/health/readiness");
    URI topology = topology("http://127.0.0.1:" + ports.rest());
    Processes.waitUntil("Zeebe broker", broker, log, timeout, () ->
        Processes.httpGet(readiness).statusCode() == 200
            && Processes.httpGet(topology).body().contains("\"role\":\"leader\""));
  }
}
