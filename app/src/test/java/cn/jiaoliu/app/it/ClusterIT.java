package cn.jiaoliu.app.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.jiaoliu.testsupport.AppProcess;
import cn.jiaoliu.testsupport.DemoData;
import cn.jiaoliu.testsupport.Infrastructure;
import cn.jiaoliu.testsupport.KeycloakAdmin;
import cn.jiaoliu.testsupport.LocalBrokerCluster;
import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A three-broker Zeebe cluster (replication factor 3) behind a standalone gateway, and the app's
 * jar as a child process with its own database: teachers submit applications while principals and
 * the office work their inboxes at once; once a third of all opinions is in, the broker leading the
 * most partitions gets {@code kill -9} and the rest of the applications are submitted right away.
 * The other brokers elect new leaders; every application is approved once, with exactly its three
 * opinions, and nothing stays open.
 */
class ClusterIT {

  private static final Logger LOG = LoggerFactory.getLogger(ClusterIT.class);

  static final int APPLICATIONS = 60;
  static final int SUBMITTED_AFTER_KILL = 15;
  static final int ACTORS_PER_STEP = 2;
  static final Duration WAIT = Duration.ofMinutes(3);
  static final Duration FAILOVER_LIMIT = Duration.ofSeconds(90);
  static final String DISPATCHING = "it.cluster.principal.u02";
  static final String RECEIVING = "it.cluster.principal.r02";

  private final Set<Long> ids = ConcurrentHashMap.newKeySet();
  private final Map<Integer, AtomicInteger> completionAnswers = new ConcurrentHashMap<>();
  private final Map<Integer, AtomicInteger> submissionAnswers = new ConcurrentHashMap<>();
  private final AtomicInteger completions = new AtomicInteger();
  private final AtomicBoolean stop = new AtomicBoolean();

  @Test
  void aBrokerLeadingPartitionsIsKilledUnderLoadAndEveryApplicationCompletesOnce() throws Exception {
    long testStarted = System.nanoTime();
    // for Keycloak only: the shared broker it also starts (first in this JVM) is left alone
    Infrastructure infra = Infrastructure.get();
    ExecutorService pool = Executors.newCachedThreadPool();
    GreenMail mail = startMail();
    try (LocalBrokerCluster cluster = new LocalBrokerCluster()) {
      long clusterStarted = System.nanoTime();
      CompletableFuture<LocalBrokerCluster> starting = CompletableFuture.supplyAsync(cluster::start, pool);
      KeycloakAdmin.ensureUser(DISPATCHING, "principal", "LC-U02", "LC");
      KeycloakAdmin.ensureUser(RECEIVING, "principal", "LC-R02", "LC");
      List<String> teachers = DemoData.teachers("it.cluster.teacher", APPLICATIONS, "LC-U02");
      starting.join();
      long clusterReadySeconds = Duration.ofNanos(System.nanoTime() - clusterStarted).toSeconds();

      try (AppProcess app = new AppProcess(AppProcess.propertiesFor(cluster.grpcAddress(), cluster.restAddress(),
          infra.keycloakUrl(), mail.getSmtp().getPort()), List.of("-Xmx512m"))) {
        CompletableFuture<AppProcess> appStarting = CompletableFuture.supplyAsync(app::start, pool);
        // tokens live five minutes: taken now, while the app starts, they outlast the run
        Map<String, String> tokens = new ConcurrentHashMap<>();
        for (String user : concat(teachers, List.of(DISPATCHING, RECEIVING, "office.chen"))) {
          tokens.put(user, infra.tokenFor(user, "demo"));
        }
        appStarting.join();
        try (Connection db = app.database().connect()) {
          DemoData.raiseQuota(db, "LC-U02", APPLICATIONS);
        }
        long runStarted = System.nanoTime();
        List<Future<?>> actors = new ArrayList<>();
        for (int slice = 0; slice < ACTORS_PER_STEP; slice++) {
          actors.add(pool.submit(actor(new ApiClient(app.baseUrl(), tokens.get(DISPATCHING)),
              "Task_SignOpinion", Map.of("decision", "APPROVE", "comment", "同意"), slice)));
          actors.add(pool.submit(actor(new ApiClient(app.baseUrl(), tokens.get(RECEIVING)),
              "Task_AcceptTeacher", Map.of("decision", "ACCEPT", "comment", "欢迎"), slice)));
          actors.add(pool.submit(actor(new ApiClient(app.baseUrl(), tokens.get("office.chen")),
              "Task_ApproveApplication", Map.of("decision", "APPROVE", "comment", "批准"), slice)));
        }
        int before = APPLICATIONS - SUBMITTED_AFTER_KILL;
        submitAll(app, tokens, teachers.subList(0, before));

        // a third of all opinions in: kill the broker that leads the most partitions
        await().atMost(WAIT).until(() -> completions.get() >= APPLICATIONS);
        LocalBrokerCluster.Topology topology = cluster.topology();
        int victim = topology.busiestLeader();
        Set<Integer> led = topology.ledBy(victim);
        assertThat(led).as("the broker killed leads partitions: %s", topology).isNotEmpty();
        int completionsAtKill = completions.get();
        long killed = System.nanoTime();
        cluster.crash(victim);
        Future<?> lateSubmissions = pool.submit(() -> submitAll(app, tokens, teachers.subList(before, APPLICATIONS)));
        await().atMost(FAILOVER_LIMIT).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
            .until(() -> cluster.topology().everyPartitionLedWithout(victim));
        long failoverMillis = Duration.ofNanos(System.nanoTime() - killed).toMillis();
        LocalBrokerCluster.Topology after = cluster.topology();
        LOG.info("Broker {} (leader of partitions {}) killed after {} completions; new leaders after {} ms: {}",
            victim, led, completionsAtKill, failoverMillis, after.leaders());
        lateSubmissions.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(ids).hasSize(APPLICATIONS);

        try (Connection db = app.database().connect()) {
          await().atMost(WAIT).pollInterval(Duration.ofSeconds(1))
              .until(() -> count(db, "select count(*) from rotation_application where status = 'APPROVED'")
                  == APPLICATIONS);
          long runSeconds = Duration.ofNanos(System.nanoTime() - runStarted).toSeconds();
          // a kept opinion is closed right after the engine took it; every notification mailed within seconds
          await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1))
              .until(() -> count(db, "select count(*) from inbox_task where status in ('OPEN', 'COMPLETING')") == 0
                  && count(db, "select count(*) from notification where mailed_at is null") == 0);
          stop.set(true);
          for (Future<?> actor : actors) {
            actor.get(1, TimeUnit.MINUTES);
          }
          long assignments = count(db, "select count(*) from assignment");
          long completedSteps = count(db, "select count(*) from inbox_task where status = 'COMPLETED'");
          long otherTasks = count(db, "select count(*) from inbox_task where status <> 'COMPLETED'");
          long notifications = count(db, "select count(*) from notification");
          LOG.info("""
              Cluster run: {} applications ({} submitted after the kill); cluster of 3 brokers ready after {} s; \
              broker {} killed (kill -9) after {} opinions, leading partitions {}, new leaders after {} ms; answers \
              to opinions {} (202 = kept by the app and sent later), to submissions {}; all approved {} s after the \
              first submission; {} assignments, {} completed steps, {} other tasks, {} notifications, {} mails; \
              whole test {} s""",
              APPLICATIONS, SUBMITTED_AFTER_KILL, clusterReadySeconds, victim, completionsAtKill, led, failoverMillis,
              answers(completionAnswers), answers(submissionAnswers), runSeconds, assignments, completedSteps,
              otherTasks, notifications, mail.getReceivedMessages().length,
              Duration.ofNanos(System.nanoTime() - testStarted).toSeconds());

          assertThat(count(db, "select count(*) from rotation_application")).isEqualTo(APPLICATIONS);
          assertThat(assignments).as("one assignment each").isEqualTo(APPLICATIONS);
          assertThat(count(db, "select count(distinct application_id) from assignment")).isEqualTo(APPLICATIONS);
          assertThat(completedSteps).as("three opinions each, none lost, none twice").isEqualTo(3L * APPLICATIONS);
          for (String step : List.of("Task_SignOpinion", "Task_AcceptTeacher", "Task_ApproveApplication")) {
            assertThat(count(db, "select count(distinct subject_id) from inbox_task where status = 'COMPLETED'"
                + " and element_id = '" + step + "'")).as(step).isEqualTo(APPLICATIONS);
          }
          assertThat(otherTasks).as("no task cancelled or left open").isZero();
          assertThat(submissionAnswers.keySet()).as("every application accepted").containsOnly(201);
          assertThat(completionAnswers.keySet()).as("every opinion taken or kept").isSubsetOf(200, 202);
          assertThat(mail.getReceivedMessages()).as("each notification mailed once").hasSize((int) notifications);
        }
      }
    } finally {
      stop.set(true);
      pool.shutdownNow();
      mail.stop();
    }
  }

  /**
   * A user working one step of the inbox: completes each open task of that step whose id falls in
   * its slice (so two actors of one step never race for a task), until told to stop.
   */
  private Runnable actor(ApiClient user, String elementId, Map<String, String> decision, int slice) {
    return () -> {
      Set<Long> done = ConcurrentHashMap.newKeySet();
      while (!stop.get()) {
        try {
          workInbox(user, elementId, decision, slice, done);
        } catch (IllegalStateException e) {
          // no answer within 30 s: counted, and the user tries again
          completionAnswers.computeIfAbsent(-1, s -> new AtomicInteger()).incrementAndGet();
          LOG.warn("{}: {}", elementId, e.toString());
        }
        sleep(Duration.ofMillis(300));
      }
    };
  }

  private void workInbox(ApiClient user, String elementId, Map<String, String> decision, int slice, Set<Long> done) {
    ApiClient.Response open = user.get("/api/tasks");
    if (open.status() == 200) {
      for (JsonNode task : open.body()) {
        long taskId = task.path("id").asLong();
        if (stop.get() || !task.path("elementId").asText().equals(elementId)
            || !ids.contains(task.path("variables").path("applicationId").asLong())
            || taskId % ACTORS_PER_STEP != slice || done.contains(taskId)) {
          continue;
        }
        int status = user.post("/api/tasks/" + taskId + "/complete", decision).status();
        completionAnswers.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
        if (status == 200 || status == 202) {
          done.add(taskId);
          completions.incrementAndGet();
        }
      }
    }
  }

  /** Each teacher submits one application, four at a time. */
  private void submitAll(AppProcess app, Map<String, String> tokens, List<String> teachers) {
    List<Future<?>> submissions = new ArrayList<>();
    ExecutorService submitters = Executors.newFixedThreadPool(4);
    try {
      for (String teacher : teachers) {
        submissions.add(submitters.submit(() -> {
          Map<String, Object> form = RotationApplicationIT.application("数学");
          form.put("targetSchoolCode", "LC-R02");
          ApiClient.Response created = new ApiClient(app.baseUrl(), tokens.get(teacher)).post("/api/applications", form);
          submissionAnswers.computeIfAbsent(created.status(), s -> new AtomicInteger()).incrementAndGet();
          if (created.status() == 201) {
            ids.add(created.body().path("id").asLong());
          }
        }));
      }
      for (Future<?> submission : submissions) {
        submission.get(WAIT.toSeconds(), TimeUnit.SECONDS);
      }
    } catch (Exception e) {
      throw new IllegalStateException("submitting failed", e);
    } finally {
      submitters.shutdownNow();
    }
  }

  private static long count(Connection db, String sql) throws SQLException {
    try (PreparedStatement statement = db.prepareStatement(sql); ResultSet result = statement.executeQuery()) {
      result.next();
      return result.getLong(1);
    }
  }

  private static GreenMail startMail() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    GreenMail mail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    mail.start();
    return mail;
  }

  private static String answers(Map<Integer, AtomicInteger> answers) {
    return answers.entrySet().stream().sorted(Map.Entry.comparingByKey())
        .map(e -> e.getValue() + "×" + e.getKey()).collect(Collectors.joining(", "));
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
