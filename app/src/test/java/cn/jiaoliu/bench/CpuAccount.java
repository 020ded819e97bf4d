package cn.jiaoliu.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Where the machine's CPU goes during a run: the busy time of every process from
 * {@code /proc/PID/stat}, grouped by what the process is (broker, app, PostgreSQL, Keycloak, this
 * harness), and the app's own split by thread kind (JIT compiler, garbage collector, the rest).
 * Two snapshots give the difference; a process that ended in between is not counted.
 */
final class CpuAccount {

  /** Linux's USER_HZ: {@code /proc} counts CPU time in ticks of 10 ms. */
  private static final long TICK_MS = 10;

  private final long appPid;
  private final long harnessPid = ProcessHandle.current().pid();

  CpuAccount(long appPid) {
    this.appPid = appPid;
  }

  /** Busy milliseconds so far per group (processes) and per app thread kind ({@code app: JIT} …). */
  Map<String, Long> snapshot() {
    Map<String, Long> ms = new TreeMap<>();
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).forEach(p -> {
        long pid = Long.parseLong(p.getFileName().toString());
        long busy = busyTicks(p.resolve("stat"));
        if (busy > 0) {
          String group = group(pid, p);
          ms.merge(group, busy * TICK_MS, Long::sum);
          if (group.equals("app") || group.equals("broker")) {
            threads(p, group, ms);
          }
        }
      });
    } catch (IOException e) {
      // /proc unreadable: nothing counted
    }
    return ms;
  }

  /** The JVM's threads by kind: {@code app: JIT}, {@code broker: GC}, {@code app: http-nio-#-exec-#} … */
  private static void threads(Path proc, String group, Map<String, Long> ms) {
    try (Stream<Path> threads = Files.list(proc.resolve("task"))) {
      threads.forEach(t -> {
        long busy = busyTicks(t.resolve("stat"));
        if (busy > 0) {
          String kind = threadKind(comm(t));
          if (group.equals("app") || kind.equals("JIT") || kind.equals("GC")) {
            ms.merge(group + ": " + kind, busy * TICK_MS, Long::sum);
          }
        }
      });
    } catch (IOException e) {
      // the process is gone
    }
  }

  /** {@code after − before}, each divided by {@code n}, rounded to a tenth. */
  static Map<String, Double> perFlow(Map<String, Long> before, Map<String, Long> after, int n) {
    Map<String, Double> per = new LinkedHashMap<>();
    after.forEach((k, v) -> {
      double d = (v - before.getOrDefault(k, 0L)) / (double) n;
      if (d >= 0.05) {
        per.put(k, Math.round(d * 10) / 10.0);
      }
    });
    return per;
  }

  private String group(long pid, Path proc) {
    if (pid == appPid) {
      return "app";
    }
    if (pid == harnessPid) {
      return "harness";
    }
    String cmd = cmdline(proc);
    if (cmd.contains("postgres")) {
      return "postgresql";
    }
    if (cmd.contains("zeebe")) {
      return "broker";
    }
    if (cmd.contains("keycloak") || cmd.contains("quarkus")) {
      return "keycloak";
    }
    return "other";
  }

  static String threadKind(String comm) {
    if (comm.startsWith("C1 Compiler") || comm.startsWith("C2 Compiler")) {
      return "JIT";
    }
    if (comm.startsWith("GC Thread") || comm.startsWith("G1 ") || comm.equals("VM Thread")) {
      return "GC";
    }
    return comm.replaceAll("\\d+", "#");
  }

  private static long busyTicks(Path stat) {
    try {
      String s = Files.readString(stat);
      // fields after the command name in parentheses (which may itself hold spaces)
      String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime stime
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  private static String comm(Path thread) {
    try {
      return Files.readString(thread.resolve("comm")).strip();
    } catch (IOException e) {
      return "";
    }
  }

  private static String cmdline(Path proc) {
    try {
      return new String(Files.readAllBytes(proc.resolve("cmdline"))).replace('\0', ' ');
    } catch (IOException e) {
      return "";
    }
  }
}
