package cn.jiaoliu.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * B4: the app's memory seen from outside while B1 or B3 runs: heap in use (JMX, every 200 ms), heap
 * still in use after each collection (the live set), and resident memory ({@code /proc/PID/status}:
 * VmRSS sampled, VmHWM the kernel's own peak). Also the CPU time the app used meanwhile. One
 * sampler per part of the run (B1, B3).
 */
final class MemorySampler implements AutoCloseable {

  private final long pid;
  private final JMXConnector connector;
  private final MemoryMXBean memory;
  private final List<MemoryPoolMXBean> heapPools;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "bench-memory");
    t.setDaemon(true);
    return t;
  });
  private final long maxHeap;
  private final com.sun.management.OperatingSystemMXBean os;
  private long cpuAtStart;
  private long cpuUsed;
  private volatile long peakHeap;
  private volatile long peakLive;
  private volatile long peakRss;

  MemorySampler(long pid, int jmxPort) throws Exception {
    this.pid = pid;
    this.connector = JMXConnectorFactory.connect(
        new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + jmxPort + "/jmxrmi"));
    MBeanServerConnection server = connector.getMBeanServerConnection();
    this.memory = ManagementFactory.newPlatformMXBeanProxy(server, ManagementFactory.MEMORY_MXBEAN_NAME, MemoryMXBean.class);
    this.heapPools = ManagementFactory.getPlatformMXBeans(server, MemoryPoolMXBean.class).stream()
        .filter(p -> p.getType() == MemoryType.HEAP).toList();
    this.maxHeap = memory.getHeapMemoryUsage().getMax();
    this.os = ManagementFactory.newPlatformMXBeanProxy(server, ManagementFactory.OPERATING_SYSTEM_MXBEAN_NAME,
        com.sun.management.OperatingSystemMXBean.class);
  }

  void start() {
    cpuAtStart = os.getProcessCpuTime();
    timer.scheduleAtFixedRate(this::sample, 0, 200, TimeUnit.MILLISECONDS);
  }

  private void sample() {
    try {
      peakHeap = Math.max(peakHeap, memory.getHeapMemoryUsage().getUsed());
      long live = 0;
      for (MemoryPoolMXBean pool : heapPools) {
        var after = pool.getCollectionUsage();
        live += after == null ? 0 : after.getUsed();
      }
      peakLive = Math.max(peakLive, live);
      peakRss = Math.max(peakRss, statusKb("VmRSS:") * 1024);
    } catch (Exception e) {
      // the next sample tries again
    }
  }

  /** CPU time the app used between {@link #start()} and {@link #close()}, all its threads. */
  long cpuNanos() {
    return cpuUsed;
  }

  /**
   * CPU time the whole machine spent busy so far (all processes, all cores), from {@code /proc/stat}
   * in clock ticks of 10 ms (Linux's USER_HZ).
   */
  static long machineBusyMillis() {
    try {
      String[] f = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
      long busy = 0;
      for (int i : new int[] {1, 2, 3, 6, 7, 8}) { // user nice system irq softirq steal
        busy += Long.parseLong(f[i]);
      }
      return busy * 10;
    } catch (Exception e) {
      return 0;
    }
  }

  long maxHeapBytes() {
    return maxHeap;
  }

  /** The peaks of one part of the run; RSS is the process's own peak so far (the kernel's VmHWM). */
  record Peaks(String part, long heapBytes, long liveBytes, long rssBytes, long maxHeapBytes) {}

  Peaks peaks(String part) {
    return new Peaks(part, peakHeapBytes(), peakLiveBytes(), peakRssBytes(), maxHeapBytes());
  }

  long peakHeapBytes() {
    return peakHeap;
  }

  long peakLiveBytes() {
    return peakLive;
  }

  long peakRssBytes() {
    return Math.max(peakRss, statusKb("VmHWM:") * 1024);
  }

  private long statusKb(String field) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
        if (line.startsWith(field)) {
          return Long.parseLong(line.substring(field.length()).replace("kB", "").strip());
        }
      }
    } catch (Exception e) {
      // process gone
    }
    return 0;
  }

  @Override
  public void close() throws Exception {
    if (!timer.isShutdown()) {
      timer.shutdownNow();
      cpuUsed = os.getProcessCpuTime() - cpuAtStart;
      sample();
      connector.close();
    }
  }
}
