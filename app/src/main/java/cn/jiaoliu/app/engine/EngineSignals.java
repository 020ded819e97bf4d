package cn.jiaoliu.app.engine;

import io.grpc.Status;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Metrics;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the app sees of the engine's availability and backpressure, for operations: every command
 * the engine refused for load ({@code RESOURCE_EXHAUSTED}) or could not take ({@code UNAVAILABLE}) or
 * did not answer in time ({@code DEADLINE_EXCEEDED}), as {@code jiaoliu_engine_refused_commands_total}
 * by gRPC code; every command given up after its retries, as
 * {@code jiaoliu_engine_given_up_commands_total}; and {@code jiaoliu_engine_available} — 1 after the
 * engine last answered a command, 0 after it last refused or did not answer one. Counted where the
 * app already tells these apart ({@link BackpressureRetry}), on Micrometer's global registry, which
 * Spring Boot's registry (and so {@code /actuator/prometheus}) is part of.
 */
public final class EngineSignals {

  private static final AtomicInteger AVAILABLE = new AtomicInteger(1);

  static {
    Gauge.builder("jiaoliu.engine.available", AVAILABLE, AtomicInteger::get)
        .description("1 when the engine last answered a command, 0 when it last refused or did not answer one")
        .register(Metrics.globalRegistry);
  }

  private EngineSignals() {}

  /** The engine answered (a result or a business error): it is there. */
  static void answered() {
    AVAILABLE.set(1);
  }

  /** The engine refused a command for load or absence, or did not answer in time. */
  static void refused(Status.Code code) {
    AVAILABLE.set(0);
    Counter.builder("jiaoliu.engine.refused").baseUnit("commands")
        .description("Commands the engine refused for load or absence, or did not answer in time, by gRPC code")
        .tag("code", code.name()).register(Metrics.globalRegistry).increment();
  }

  /** A command given up after its retries: the caller keeps it or tells the user the engine is away. */
  static void gaveUp() {
    Counter.builder("jiaoliu.engine.given.up").baseUnit("commands")
        .description("Commands given up after their retries while the engine was away or overloaded")
        .register(Metrics.globalRegistry).increment();
  }
}
