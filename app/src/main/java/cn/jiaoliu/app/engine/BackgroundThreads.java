package cn.jiaoliu.app.engine;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;

/** Single daemon threads for the app's own background work (starts and retries), named for thread dumps. */
public final class BackgroundThreads {

  private BackgroundThreads() {}

  public static ScheduledExecutorService scheduler(String name) {
    return Executors.newSingleThreadScheduledExecutor(named(name));
  }

  public static ExecutorService single(String name) {
    return Executors.newSingleThreadExecutor(named(name));
  }

  private static ThreadFactory named(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }
}
