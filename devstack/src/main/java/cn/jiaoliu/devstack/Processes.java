package cn.jiaoliu.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Supervising child processes on this machine: unpacking a distribution once, starting, waiting
 * until ready, stopping a process tree. ./run.sh and the integration tests use the same code.
 */
public final class Processes {

  private static final Logger LOG = LoggerFactory.getLogger(Processes.class);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
  private static final HttpClient HTTP = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(2))
      .followRedirects(HttpClient.Redirect.NEVER)
      .build();
  private static final Set<Integer> HANDED_OUT_PORTS = new HashSet<>();
  private static final Map<Path, Object> EXTRACTION_LOCKS = new ConcurrentHashMap<>();

  private Processes() {}

  /** Whether nothing listens on the TCP port (on any address of this machine). */
  public static boolean portFree(int port) {
    try (ServerSocket socket = new ServerSocket(port)) {
      socket.setReuseAddress(true);
      return true;
    } catch (IOException inUse) {
      return false;
    }
  }

  /** Free TCP ports, distinct from each other and from all handed out before in this JVM. */
  public static synchronized int[] freePorts(int count) {
    List<ServerSocket> sockets = new ArrayList<>();
    int[] ports = new int[count];
    try {
      int found = 0;
      while (found < count) {
        ServerSocket socket = new ServerSocket(0);
        sockets.add(socket);
        if (HANDED_OUT_PORTS.add(socket.getLocalPort())) {
          ports[found++] = socket.getLocalPort();
        }
      }
      return ports;
    } catch (IOException e) {
      throw new UncheckedIOException("No free port", e);
    } finally {
      for (ServerSocket socket : sockets) {
        try {
          socket.close();
        } catch (IOException ignored) {
          // closing a listening socket that accepted nothing
        }
      }
    }
  }



  /**
   * Unpacks a {@code .tar.gz} distribution (without its top folder) into
   * {@code distRoot/<archive name>/} once: a marker file records success, a lock file keeps
   * parallel JVMs apart.
   */
  public static Path extractOnce(Path archive, Path distRoot) throws IOException {
    String name = archive.getFileName().toString().replaceFirst("\\.tar\\.gz$|\\.tgz$", "");
    Path dest = distRoot.resolve(name);
    Path marker = dest.resolve(".jiaoliu-extracted");
    synchronized (EXTRACTION_LOCKS.computeIfAbsent(dest, d -> new Object())) {
      if (Files.exists(marker)) {
        return dest;
      }
      Files.createDirectories(distRoot);
      try (FileChannel channel = FileChannel.open(distRoot.resolve(name + ".lock"),
          StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
        FileLock lock = channel.lock();
        try {
          return extractLocked(archive, dest, marker, distRoot, name);
        } finally {
          lock.release();
        }
      }
    }
  }

  private static Path extractLocked(Path archive, Path dest, Path marker, Path distRoot, String name)
      throws IOException {
    if (Files.exists(marker)) {
      return dest; // another JVM unpacked it while this one waited for the lock
    }
    long started = System.nanoTime();
    LOG.info("Unpacking {} into {}", archive, dest);
    deleteQuietly(dest);
    Path tmp = Files.createTempDirectory(distRoot, name + ".unpacking");
    try {
      run(List.of("tar", "-xzf", archive.toString(), "-C", tmp.toString(), "--strip-components=1"), distRoot);
      Files.writeString(tmp.resolve(".jiaoliu-extracted"), archive + "\n");
      Files.move(tmp, dest, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      deleteQuietly(tmp);
    }
    LOG.info("Unpacked {} in {} s", name, Duration.ofNanos(System.nanoTime() - started).toSeconds());
    return dest;
  }

  /** A new, empty {@code <root>/it-work/<prefix>-<time>-<n>} directory. */
  public static Path newWorkDir(Path targetDir, String prefix) throws IOException {
    Path root = Files.createDirectories(targetDir.resolve("it-work"));
    String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    return Files.createTempDirectory(root, prefix + "-" + stamp + "-");
  }

  /** Runs a short command (tar, cp), failing with its output when it fails. */
  public static void run(List<String> command, Path directory) throws IOException {
    Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!process.waitFor(10, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IOException("Timed out: " + String.join(" ", command));
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("Interrupted: " + String.join(" ", command), e);
    }
    if (process.exitValue() != 0) {
      throw new IOException("Failed (exit code " + process.exitValue() + "): " + String.join(" ", command)
          + "\n" + output);
    }
  }

  @FunctionalInterface
  public interface ReadyCheck {
    boolean ready() throws Exception;
  }

  /**
   * Polls {@code check} every 500 ms until it answers true; fails with the end of the log when
   * the process dies or the timeout passes.
   */
  public static void waitUntil(String name, Process process, Path log, Duration timeout, ReadyCheck check) {
    long deadline = System.nanoTime() + timeout.toNanos();
    long nextReport = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited while starting (exit code "
            + process.exitValue() + ")" + tailOf(log));
      }
      try {
        if (check.ready()) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while waiting for " + name, e);
      } catch (Exception e) {
        LOG.debug("{} not ready yet: {}", name, e.toString());
      }
      long now = System.nanoTime();
      if (now > deadline) {
        throw new IllegalStateException(name + " was not ready after " + timeout.toSeconds() + " s"
            + tailOf(log));
      }
      if (now > nextReport) {
        LOG.info("Still waiting for {} …", name);
        nextReport = now + Duration.ofSeconds(30).toNanos();
      }
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while waiting for " + name, e);
      }
    }
  }

  public static HttpResponse<String> httpGet(URI uri) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** "\n--- last 60 lines of LOG ---\n…" for exception messages; empty when there is no log. */
  public static String tailOf(Path log) {
    if (log == null || !Files.isRegularFile(log)) {
      return "";
    }
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return lines.subList(Math.max(0, lines.size() - 60), lines.size()).stream()
          .collect(Collectors.joining("\n", "\n--- last 60 lines of " + log + " ---\n", "\n---"));
    } catch (IOException | RuntimeException e) {
      return "\n(could not read " + log + ": " + e + ")";
    }
  }

  /**
   * Ends a process and all its descendants: SIGTERM to each (descendants first collected, as
   * they are re-parented once their parent is gone), waits up to 30 s, then SIGKILL.
   */
  public static void stopTree(String name, Process process) {
    List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
    tree.add(process.toHandle());
    if (tree.stream().noneMatch(ProcessHandle::isAlive)) {
      return;
    }
    LOG.info("Stopping {} (pids {})", name,
        tree.stream().map(h -> String.valueOf(h.pid())).collect(Collectors.joining(", ")));
    tree.forEach(ProcessHandle::destroy);
    long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
    for (ProcessHandle handle : tree) {
      long left = deadline - System.nanoTime();
      try {
        handle.onExit().get(Math.max(left, 1), TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        LOG.warn("{} (pid {}) did not stop within {} s: killing it", name, handle.pid(), STOP_TIMEOUT.toSeconds());
        handle.destroyForcibly();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        tree.forEach(ProcessHandle::destroyForcibly);
        return;
      } catch (Exception e) {
        handle.destroyForcibly();
      }
    }
    for (ProcessHandle handle : tree) {
      try {
        handle.onExit().get(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        LOG.warn("{} (pid {}) is still running", name, handle.pid());
      }
    }
    LOG.info("{} stopped", name);
  }

  /** {@code kill -9} of a process and its descendants, waiting until it is gone. */
  public static void kill(String name, Process process) {
    LOG.info("Killing {} (pid {}) with SIGKILL", name, process.pid());
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public static void deleteQuietly(Path path) {
    if (path == null || !Files.exists(path)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(path)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      LOG.debug("Could not delete {}: {}", path, e.toString());
    }
  }
}
