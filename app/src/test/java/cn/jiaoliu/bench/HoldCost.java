package cn.jiaoliu.bench;

import cn.jiaoliu.testsupport.BrokerMetrics;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * B5: what the broker spends while the inbox holds open tasks and no flow runs. A window measures
 * the broker's CPU ({@code /proc}, {@link CpuAccount}) and the commands it received from clients
 * and processed in all (its own Prometheus counters) between two samples; the share sets the CPU a
 * hold adds over an idle window against the broker's CPU when the bare engine drives it flat out.
 */
final class HoldCost {

  /** One measured window: the broker's CPU and commands, and the app's and PostgreSQL's CPU. */
  record Window(String name, long millis, long brokerCpuMs, long received, long processed, long appCpuMs,
      long postgresCpuMs, String statements) {

    double seconds() {
      return millis / 1e3;
    }

    double brokerCpuMsPerSecond() {
      return brokerCpuMs / seconds();
    }

    double receivedPerSecond() {
      return received / seconds();
    }

    double processedPerSecond() {
      return processed / seconds();
    }

    String describe() {
      return String.format(Locale.ROOT,
          "%s: %.0f s, broker CPU %.1f ms/s, client commands %d (%.1f/s), commands processed %d (%.1f/s),"
              + " app CPU %.1f ms/s, PostgreSQL CPU %.1f ms/s (%s)",
          name, seconds(), brokerCpuMsPerSecond(), received, receivedPerSecond(), processed, processedPerSecond(),
          appCpuMs / seconds(), postgresCpuMs / seconds(), statements);
    }
  }

    private final String managementUrl;
  private final CpuAccount cpu;
  private final AppFlows.AppDatabase db;

  HoldCost(String managementUrl, long appPid, AppFlows.AppDatabase db) {
    this.managementUrl = managementUrl;
    this.cpu = new CpuAccount(appPid);
    this.db = db;
  }

  /** Measures {@code length} from now, sleeping meanwhile. */
  Window measure(String name, Duration length) {
    Map<String, Long> cpuBefore = cpu.snapshot();
    long[] before = commands();
    long started = System.nanoTime();
    String statements;
    try (QuerySampler sampler = new QuerySampler(db)) {
      BenchUser.sleep(length.toMillis());
      sampler.close();
      statements = sampler.top(5);
    }
    long millis = (System.nanoTime() - started) / 1_000_000;
    long[] after = commands();
    Map<String, Long> cpuAfter = cpu.snapshot();
    return new Window(name, millis, delta(cpuBefore, cpuAfter, "broker"), after[0] - before[0], after[1] - before[1],
        delta(cpuBefore, cpuAfter, "app"), delta(cpuBefore, cpuAfter, "postgresql"), statements);
  }

  /** The extra CPU of {@code held} over {@code idle}, as a percentage of the broker flat out. */
  static double share(Window held, Window idle, double brokerCapacityMsPerSecond) {
    return (held.brokerCpuMsPerSecond() - idle.brokerCpuMsPerSecond()) / brokerCapacityMsPerSecond * 100;
  }

  private static long delta(Map<String, Long> before, Map<String, Long> after, String group) {
    return after.getOrDefault(group, 0L) - before.getOrDefault(group, 0L);
  }

  /** {client requests received, commands processed}, summed over the partitions. */
  long[] commands() {
    String text = BrokerMetrics.scrape(managementUrl);
    return new long[] {BrokerMetrics.sum(text, "zeebe_received_request_count_total"),
        BrokerMetrics.sum(text, "zeebe_stream_processor_batch_processing_commands_sum")};
  }
}
