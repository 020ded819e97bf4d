package cn.jiaoliu.testsupport;

import cn.jiaoliu.devstack.Processes;
import cn.jiaoliu.devstack.ZeebeBroker;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Three brokers of the same Zeebe distribution as {@link LocalBroker} on loopback, as one cluster
 * with replication factor 3 (every partition on every broker), and a standalone gateway
 * ({@code bin/gateway}) in front of them: the app talks to the gateway, so any broker, a partition
 * leader included, can be killed while the cluster keeps working. Each process has its own free
 * ports and its own work directory under {@code target/it-work/cluster-*}.
 */
public final class LocalBrokerCluster implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LocalBrokerCluster.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  static final int BROKERS = 3;
  static final int PARTITIONS = 3;
  static final int REPLICATION_FACTOR = 3;
  /** Four JVMs start at once: the quick compiler only and one GC thread spare the machine's cores. */
  static final String QUICK_START = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC";
  static final Duration START_TIMEOUT = Duration.ofMinutes(5);

  private final Path archive;
  private final Path targetDir;
  private final List<Member> brokers = new ArrayList<>();
  private final Member gateway;
  private Path workDir;

  /** Archive from system property {@code jiaoliu.it.zeebe.archive}, work under {@code target/}. */
  public LocalBrokerCluster() {
    this.archive = Infrastructure.requiredPathProperty(Infrastructure.ZEEBE_ARCHIVE_PROPERTY);
    this.targetDir = Infrastructure.targetDir();
    for (int node = 0; node < BROKERS; node++) {
      brokers.add(new Member("broker-" + node, Processes.freePorts(5)));
    }
    // gRPC, cluster (internal), REST, management
    gateway = new Member("gateway", Processes.freePorts(4));
  }

  /**
   * Starts the three brokers and the gateway at once and blocks until the gateway sees all three
   * brokers, every partition with a leader and three healthy replicas; at most 5 minutes (four JVMs
   * starting at once on a busy 2-core machine took up to 4).
   */
  public synchronized LocalBrokerCluster start() {
    long started = System.nanoTime();
    try {
      Path dist = Processes.extractOnce(archive, targetDir.resolve("it-dist"));
      workDir = Processes.newWorkDir(targetDir, "cluster");
      String contactPoints = String.join(",", brokers.stream().map(b -> "127.0.0.1:" + b.internalPort()).toList());
      for (int node = 0; node < BROKERS; node++) {
        startBroker(dist, node, contactPoints);
      }
      startGateway(dist, contactPoints);
      awaitComplete(started);
      LOG.info("Zeebe cluster ready after {} s: {} (gateway gRPC {}, REST {})",
          Duration.ofNanos(System.nanoTime() - started).toSeconds(), topology(), grpcAddress(), restAddress());
      return this;
    } catch (IOException e) {
      close();
      throw new UncheckedIOException("Could not start the Zeebe cluster", e);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /** Polls the gateway every second; fails at once when a member dies, or after the start timeout. */
  private void awaitComplete(long started) {
    URI readiness = URI.create(gateway.url(gateway.ports[3]) + "/actuator/health/readiness");
    long deadline = started + START_TIMEOUT.toNanos();
    while (true) {
      for (Member member : members()) {
        if (!member.process.isAlive()) {
          throw new IllegalStateException("Zeebe " + member.name + " exited while the cluster started (exit code "
              + member.process.exitValue() + ")" + Processes.tailOf(member.log));
        }
      }
      try {
        if (Processes.httpGet(readiness).statusCode() == 200 && topology().complete()) {
          return;
        }
      } catch (IOException | UncheckedIOException notYet) {
        // not listening yet, or no topology yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while the Zeebe cluster started", e);
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("The Zeebe cluster was not complete after " + START_TIMEOUT.toSeconds()
            + " s" + Processes.tailOf(gateway.log));
      }
      try {
        Thread.sleep(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while the Zeebe cluster started", e);
      }
    }
  }

  private List<Member> members() {
    List<Member> all = new ArrayList<>(brokers);
    all.add(gateway);
    return all;
  }

  private void startBroker(Path dist, int node, String contactPoints) throws IOException {
    Member broker = brokers.get(node);
    Path dataDir = Files.createDirectories(workDir.resolve(broker.name).resolve("data"));
    ProcessBuilder builder = new ProcessBuilder(dist.resolve("bin/broker").toString());
    Map<String, String> env = builder.environment();
    env.put("ZEEBE_BROKER_CLUSTER_NODEID", String.valueOf(node));
    env.put("ZEEBE_BROKER_CLUSTER_CLUSTERSIZE", String.valueOf(BROKERS));
    env.put("ZEEBE_BROKER_CLUSTER_REPLICATIONFACTOR", String.valueOf(REPLICATION_FACTOR));
    env.put("ZEEBE_BROKER_CLUSTER_PARTITIONSCOUNT", String.valueOf(PARTITIONS));
    env.put("ZEEBE_BROKER_CLUSTER_INITIALCONTACTPOINTS", contactPoints);
    // as a single broker (loopback, small segments, modest free-space limits), in a cluster
    env.putAll(ZeebeBroker.environment(new ZeebeBroker.Ports(broker.ports[0], broker.ports[1], broker.internalPort(),
        broker.ports[3], broker.ports[4]), dataDir));
    env.put("ZEEBE_BROKER_NETWORK_ADVERTISEDHOST", "127.0.0.1");
    broker.start(builder, dist, workDir, "-Xms64m -Xmx512m " + QUICK_START);
  }

  private void startGateway(Path dist, String contactPoints) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(dist.resolve("bin/gateway").toString());
    Map<String, String> env = builder.environment();
    env.put("ZEEBE_GATEWAY_CLUSTER_INITIALCONTACTPOINTS", contactPoints);
    env.put("ZEEBE_GATEWAY_CLUSTER_MEMBERID", "gateway");
    env.put("ZEEBE_GATEWAY_CLUSTER_HOST", "127.0.0.1");
    env.put("ZEEBE_GATEWAY_CLUSTER_ADVERTISEDHOST", "127.0.0.1");
    env.put("ZEEBE_GATEWAY_CLUSTER_PORT", String.valueOf(gateway.ports[1]));
    env.put("ZEEBE_GATEWAY_NETWORK_HOST", "127.0.0.1");
    env.put("ZEEBE_GATEWAY_NETWORK_PORT", String.valueOf(gateway.ports[0]));
    env.put("SERVER_PORT", String.valueOf(gateway.ports[2]));
    env.put("SERVER_ADDRESS", "127.0.0.1");
    env.put("MANAGEMENT_SERVER_ADDRESS", "127.0.0.1");
    env.put("MANAGEMENT_SERVER_PORT", String.valueOf(gateway.ports[3]));
    gateway.start(builder, dist, workDir, "-Xms64m -Xmx256m " + QUICK_START);
  }

  /** The cluster as the gateway sees it now ({@code GET /v1/topology}, which 8.5 and 8.6 serve). */
  public Topology topology() {
    try {
      return Topology.of(JSON.readTree(Processes.httpGet(ZeebeBroker.topology(restAddress())).body()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** {@code kill -9} of one broker's JVM; its data stays until {@link #close()}. */
  public synchronized void crash(int node) {
    Process process = brokers.get(node).process;
    if (process == null || !process.isAlive()) {
      throw new IllegalStateException("broker " + node + " is not running");
    }
    Processes.kill("Zeebe broker " + node, process);
  }

  public boolean isRunning(int node) {
    Process process = brokers.get(node).process;
    return process != null && process.isAlive();
  }

  /** Stops the gateway and the brokers still running (SIGTERM, SIGKILL after 30 s) and removes their data. */
  @Override
  public synchronized void close() {
    members().forEach(Member::stop);
    if (workDir != null) {
      brokers.forEach(b -> Processes.deleteQuietly(workDir.resolve(b.name).resolve("data")));
    }
  }

  /** For the Camunda client: the gateway's gRPC API, {@code http://127.0.0.1:PORT}. */
  public String grpcAddress() {
    return gateway.url(gateway.ports[0]);
  }

  /** The gateway's REST API, {@code http://127.0.0.1:PORT}. */
  public String restAddress() {
    return gateway.url(gateway.ports[2]);
  }

  public Path workDir() {
    return workDir;
  }

  /**
   * Who leads which partition and where the replicas are, from {@code /v1/topology}.
   *
   * @param brokers node ids of the brokers the gateway knows
   * @param leaders partition id to the node id of its leader (missing while it has none)
   * @param replicas partition id to the node ids holding a healthy replica
   */
  public record Topology(Set<Integer> brokers, Map<Integer, Integer> leaders, Map<Integer, Set<Integer>> replicas) {

    static Topology of(JsonNode json) {
      Set<Integer> brokers = new TreeSet<>();
      Map<Integer, Integer> leaders = new TreeMap<>();
      Map<Integer, Set<Integer>> replicas = new TreeMap<>();
      for (JsonNode broker : json.path("brokers")) {
        int node = broker.path("nodeId").asInt();
        brokers.add(node);
        for (JsonNode partition : broker.path("partitions")) {
          int id = partition.path("partitionId").asInt();
          if ("leader".equals(partition.path("role").asText())) {
            leaders.put(id, node);
          }
          if ("healthy".equals(partition.path("health").asText())) {
            replicas.computeIfAbsent(id, p -> new TreeSet<>()).add(node);
          }
        }
      }
      return new Topology(brokers, leaders, replicas);
    }

    /** All brokers there, every partition led and healthy on all three. */
    boolean complete() {
      return brokers.size() == BROKERS
          && IntStream.rangeClosed(1, PARTITIONS).allMatch(p -> leaders.containsKey(p)
              && replicas.getOrDefault(p, Set.of()).size() == REPLICATION_FACTOR);
    }

    /** The partitions {@code node} leads. */
    public Set<Integer> ledBy(int node) {
      Set<Integer> led = new TreeSet<>();
      leaders.forEach((partition, leader) -> {
        if (leader == node) {
          led.add(partition);
        }
      });
      return led;
    }

    /** The broker leading the most partitions (the lowest id among equals). */
    public int busiestLeader() {
      return brokers.stream().max(Comparator.comparingInt((Integer n) -> ledBy(n).size())
          .thenComparing(Comparator.reverseOrder())).orElseThrow();
    }

    /** Every partition has a leader, and none is {@code node}. */
    public boolean everyPartitionLedWithout(int node) {
      return IntStream.rangeClosed(1, PARTITIONS).allMatch(p -> leaders.containsKey(p) && leaders.get(p) != node);
    }
  }

  /** One child JVM of the cluster: a broker or the gateway. */
  private static final class Member {
    final String name;
    final int[] ports;
    Process process;
    Path log;

    Member(String name, int[] ports) {
      this.name = name;
      this.ports = ports;
    }

    int internalPort() {
      return ports[2];
    }

    String url(int port) {
      return "http://127.0.0.1:" + port;
    }

    void start(ProcessBuilder builder, Path dist, Path workDir, String javaOptions) throws IOException {
      log = Files.createDirectories(workDir.resolve(name)).resolve(name + ".log");
      builder.directory(dist.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
      builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
      builder.environment().put("JAVA_OPTS", javaOptions);
      // bin/broker and bin/gateway exec java: the process is the JVM
      process = builder.start();
      LOG.info("Started Zeebe {} (pid {}, ports {}; log {})", name, process.pid(),
          java.util.Arrays.toString(ports), log);
    }

    void stop() {
      if (process != null) {
        Processes.stopTree("Zeebe " + name, process);
        process = null;
      }
    }
  }
}
