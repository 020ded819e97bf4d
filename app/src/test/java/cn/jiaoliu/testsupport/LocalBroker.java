package cn.jiaoliu.testsupport;

import cn.jiaoliu.devstack.Processes;
import cn.jiaoliu.devstack.ZeebeBroker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real Zeebe broker distribution ({@code io.camunda:camunda-zeebe:*:tar.gz}, {@code bin/broker})
 * as a child process on free ports, with its data in its own work directory under
 * {@code target/it-work/}. The distribution is unpacked once into {@code target/it-dist/}.
 *
 * <p>Usually obtained through {@link Infrastructure}, which starts one per JVM.
 */
public final class LocalBroker implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LocalBroker.class);
  // longer on a loaded machine: -Djiaoliu.it.start-timeout-seconds=600
  static final Duration START_TIMEOUT = Duration.ofSeconds(Long.getLong("jiaoliu.it.start-timeout-seconds", 180));

  private final Path archive;
  private final Path targetDir;
  private final int gatewayPort;
  private final int commandPort;
  private final int internalPort;
  private final int restPort;
  private final int managementPort;
  private Path workDir;
  private Path logFile;
  private Process process;

  /** Archive from system property {@code jiaoliu.it.zeebe.archive}, work under {@code target/}. */
  public LocalBroker() {
    this(Infrastructure.requiredPathProperty(Infrastructure.ZEEBE_ARCHIVE_PROPERTY),
        Infrastructure.targetDir());
  }

  public LocalBroker(Path archive, Path targetDir) {
    this.archive = archive;
    this.targetDir = targetDir;
    int[] ports = Processes.freePorts(5);
    this.gatewayPort = ports[0];
    this.commandPort = ports[1];
    this.internalPort = ports[2];
    this.restPort = ports[3];
    this.managementPort = ports[4];
  }

  /** Starts the broker and blocks until it is ready (partition leader elected), at most 3 minutes. */
  public synchronized LocalBroker start() {
    return start(false);
  }

  /**
   * {@code kill -9} of the broker's JVM: no shutdown of any kind; its data stays for
   * {@link #restartAfterCrash()}.
   */
  public synchronized void crash() {
    if (process == null) {
      return;
    }
    Processes.kill("the Zeebe broker", process);
    process = null;
  }

  /** Starts the broker again on the same ports and the same data directory, as after a crash. */
  public synchronized LocalBroker restartAfterCrash() {
    return start(true);
  }

  private LocalBroker start(boolean sameData) {
    if (process != null) {
      return this;
    }
    long started = System.nanoTime();
    try {
      Path dist = Processes.extractOnce(archive, targetDir.resolve("it-dist"));
      if (!sameData || workDir == null) {
        workDir = Processes.newWorkDir(targetDir, "broker");
      }
      Path dataDir = Files.createDirectories(workDir.resolve("data"));
      logFile = workDir.resolve(sameData ? "broker-restarted.log" : "broker.log");

      LOG.info("Starting Zeebe broker from {} (gRPC {}, REST {}, management {}; log {})",
          dist, gatewayPort, restPort, managementPort, logFile);
      ZeebeBroker.Ports ports = new ZeebeBroker.Ports(gatewayPort, commandPort, internalPort, restPort, managementPort);
      process = ZeebeBroker.start(dist, "broker", ZeebeBroker.environment(ports, dataDir), logFile);
      ZeebeBroker.awaitReady(process, ports, logFile, START_TIMEOUT);
      LOG.info("Zeebe broker ready on gRPC port {} after {} s", gatewayPort,
          Duration.ofNanos(System.nanoTime() - started).toSeconds());
      return this;
    } catch (IOException e) {
      stop();
      throw new IllegalStateException("Could not start the Zeebe broker: " + e.getMessage()
          + Processes.tailOf(logFile), e);
    } catch (RuntimeException e) {
      stop();
      throw e;
    }
  }

  /** Stops the broker (SIGTERM to the process tree, SIGKILL after 30 s) and removes its data. */
  public synchronized void stop() {
    if (process == null) {
      return;
    }
    Processes.stopTree("Zeebe broker", process);
    process = null;
    Processes.deleteQuietly(workDir.resolve("data"));
  }

  @Override
  public void close() {
    stop();
  }

  public boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** For the Camunda client: {@code http://127.0.0.1:PORT}. */
  public String grpcAddress() {
    return "http://127.0.0.1:" + gatewayPort;
  }

  /** The broker's REST API (Spring {@code server.port}): {@code http://127.0.0.1:PORT}. */
  public String restAddress() {
    return "http://127.0.0.1:" + restPort;
  }

  /** Actuator base, e.g. {@code managementUrl() + "/actuator/health"}. */
  public String managementUrl() {
    return "http://127.0.0.1:" + managementPort;
  }

  /** Every TCP port the broker listens on: gateway, command API, internal API, REST, management. */
  java.util.List<Integer> ports() {
    return java.util.List.of(gatewayPort, commandPort, internalPort, restPort, managementPort);
  }

  public int gatewayPort() {
    return gatewayPort;
  }

  public int restPort() {
    return restPort;
  }

  public int managementPort() {
    return managementPort;
  }

  public List<Integer> allPorts() {
    return List.of(gatewayPort, commandPort, internalPort, restPort, managementPort);
  }

  public Path logFile() {
    return logFile;
  }
}
