package cn.jiaoliu.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jiaoliu.testsupport.AppProcess;
import cn.jiaoliu.testsupport.DemoData;
import cn.jiaoliu.testsupport.Infrastructure;
import cn.jiaoliu.testsupport.KeycloakAdmin;
import cn.jiaoliu.testsupport.LocalBroker;
import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The issue's crash run: 200 applications in flight, driven over the REST API by concurrent
 * simulated users holding real Keycloak tokens, against the app's jar as a child process on its own
 * database and its own broker. The app is killed with SIGKILL twice (once while teachers are still
 * submitting, once while principals and the office complete tasks) and the broker once (teachers
 * still submitting, principals signing), each time under load; users meet connection errors and try again, as a person reloads the page. Every
 * application is approved once, every step completed once, no opinion accepted by the app is lost,
 * no notification is made or mailed twice, and no task is left open.
 */
class AppCrashIT {

  private static final Logger LOG = LoggerFactory.getLogger(AppCrashIT.class);

  static final int APPLICATIONS = 200;
  static final int TEACHERS = APPLICATIONS; // one open application per teacher and batch
  static final int THREADS_PER_ROLE = 3;
  static final int SUBMITTERS = 3;
  static final Duration DEADLINE = Duration.ofMinutes(15);
  static final String PREFIX = "it.appcrash.";
  static final List<String> STEPS = List.of("Task_SignOpinion", "Task_AcceptTeacher", "Task_ApproveApplication");

  /** What a user was told: the app accepted this completion (200, or 202 kept to be sent later). */
  record Accepted(long taskId, long applicationId, String elementId, String comment, int status, long atMillis) {}

  final Map<Long, Accepted> accepted = new ConcurrentHashMap<>();
  final Map<String, Long> submitted = new ConcurrentHashMap<>();
  final AtomicInteger connectionErrors = new AtomicInteger();
  final AtomicInteger serverErrors = new AtomicInteger();
  final AtomicInteger gone = new AtomicInteger();
  final AtomicInteger keptForLater = new AtomicInteger();
  final AtomicBoolean finished = new AtomicBoolean();
  final long startedAt = System.currentTimeMillis();

  @Test
  void twoHundredApplicationsSurviveKilledAppAndKilledBrokerWithNothingLostOrTwice() throws Exception {
    Infrastructure infra = Infrastructure.get();
    String dispatching = PREFIX + "principal.u03";
    String receiving = PREFIX + "principal.r04";
    KeycloakAdmin.ensureUser(dispatching, "principal", "LC-U03", "LC");
    KeycloakAdmin.ensureUser(receiving, "principal", "LC-R04", "LC");
    List<String> teachers = DemoData.teachers(PREFIX + "teacher", TEACHERS, "LC-U03");
    GreenMail mail = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    mail.start();
    ExecutorService users = Executors.newFixedThreadPool(SUBMITTERS + 3 * THREADS_PER_ROLE);
    try (LocalBroker broker = new LocalBroker();
        AppProcess app = new AppProcess(withShortClaims(AppProcess.propertiesFor(broker.grpcAddress(),
            broker.restAddress(), infra.keycloakUrl(), mail.getSmtp().getPort())), List.of("-Xmx512m"))) {
      // the app starts before its broker (a server rebooting does not order them): it must come up
      // and deploy its processes once the broker answers
      app.start();
      broker.start();
      try (Connection db = app.database().connect()) {
        DemoData.raiseQuota(db, "LC-U03", APPLICATIONS);
      }
      List<Future<?>> work = new ArrayList<>();
      AtomicInteger next = new AtomicInteger();
      for (int s = 0; s < SUBMITTERS; s++) {
        work.add(users.submit(() -> submitAll(app, infra, teachers, next)));
      }
      for (int p = 0; p < THREADS_PER_ROLE; p++) {
        int part = p;
        work.add(users.submit(() -> workInbox(app, infra, dispatching, "Task_SignOpinion", "APPROVE", part)));
        work.add(users.submit(() -> workInbox(app, infra, receiving, "Task_AcceptTeacher", "ACCEPT", part)));
        work.add(users.submit(() -> workInbox(app, infra, "office.chen", "Task_ApproveApplication", "APPROVE", part)));
      }

      // kill 1: the app, while teachers are still submitting
      waitFor("100 applications submitted", () -> submitted.size() >= 100);
      long appDown1 = crashAndRestart(app);
      // kill 2: the broker, while teachers submit and principals and the office complete tasks
      waitFor("150 applications submitted", () -> submitted.size() >= 150);
      int keptBefore = keptForLater.get();
      int submittedBefore = submitted.size();
      long brokerKilledAt = System.currentTimeMillis();
      broker.crash();
      long brokerKilledAfter = accepted.size();
      sleep(Duration.ofSeconds(10)); // users keep working against a dead engine
      int submittedWhileBrokerDown = submitted.size() - submittedBefore;
      broker.restartAfterCrash();
      long brokerDown = System.currentTimeMillis() - brokerKilledAt;
      int keptDuringBrokerOutage = keptForLater.get() - keptBefore;
      // kill 3: the app again, late in the run
      waitFor("420 completions accepted", () -> accepted.size() >= 420);
      long acceptedBeforeKill3 = accepted.size();
      long appDown3 = crashAndRestart(app);

      waitFor("all applications approved", () -> count(app, """
          select count(*) from rotation_application where status = 'APPROVED'""") == APPLICATIONS,
          () -> diagnosis(app));
      finished.set(true);
      for (Future<?> f : work) {
        f.get(1, TimeUnit.MINUTES);
      }
      waitFor("every notification mailed", () -> count(app, """
          select count(*) from notification n join app_user u on u.username = n.recipient
          where n.mailed_at is null and u.email is not null""") == 0);

      // figures for docs/reliability.md
      LOG.info("AppCrashIT figures: {} applications by {} teachers ({} submitted while the broker was dead),"
              + " {} completions accepted ({} kept while the engine"
              + " was unreachable, {} of them during the broker outage), app down {} s and {} s, broker down {} s"
              + " ({} completions accepted when it was killed, {} before the last app kill), {} connection errors,"
              + " {} server errors, {} completions answered 409 (task gone), {} completions whose answer was lost,"
              + " {} mails, total {} s",
          submitted.size(), TEACHERS, submittedWhileBrokerDown, accepted.size(), keptForLater.get(),
          keptDuringBrokerOutage,
          appDown1 / 1000, appDown3 / 1000, brokerDown / 1000, brokerKilledAfter, acceptedBeforeKill3,
          connectionErrors.get(), serverErrors.get(), gone.get(), 3 * APPLICATIONS - accepted.size(),
          mail.getReceivedMessages().length,
          (System.currentTimeMillis() - startedAt) / 1000);

      assertThat(submitted).hasSize(APPLICATIONS);
      assertThat(count(app, "select count(*) from rotation_application")).as("no application stored twice")
          .isEqualTo(APPLICATIONS);
      assertThat(count(app, "select count(*) from assignment")).as("one assignment each").isEqualTo(APPLICATIONS);
      assertThat(count(app, "select count(distinct application_id) from assignment")).isEqualTo(APPLICATIONS);
      assertThat(count(app, """
          select count(*) from inbox_task where subject_type = 'APPLICATION' and status = 'COMPLETED'"""))
          .as("three steps each, none lost, none twice").isEqualTo(3L * APPLICATIONS);
      for (String step : STEPS) {
        assertThat(count(app, "select count(distinct subject_id) from inbox_task where status = 'COMPLETED'"
            + " and subject_type = 'APPLICATION' and element_id = ?", step)).as(step).isEqualTo(APPLICATIONS);
      }
      assertThat(count(app, "select count(*) from inbox_task where status in ('OPEN', 'COMPLETING')"))
          .as("no task left open").isZero();
      // a start whose answer a kill lost is made again: the engine then has a second instance, and
      // the first task of whichever instance the application does not record cancels it
      // (ApplicationProgress); every step was done in the application's own instance
      assertThat(count(app, """
          select count(*) from inbox_task t join rotation_application a on t.subject_type = 'APPLICATION' and a.id = t.subject_id
          where t.status = 'COMPLETED' and t.process_instance_key <> a.process_instance_key"""))
          .as("steps done in a second instance").isZero();
      assertThat(count(app, """
          select count(distinct process_instance_key) from inbox_task where subject_type = 'APPLICATION' and status = 'COMPLETED'"""))
          .as("one process instance per application").isEqualTo(APPLICATIONS);
      List<String> repeated = rows(app, """
          select distinct cast(t.process_instance_key as varchar) from inbox_task t
            join rotation_application a on t.subject_type = 'APPLICATION' and a.id = t.subject_id
          where t.process_instance_key <> a.process_instance_key""");
      assertThat(count(app, """
          select count(*) from inbox_task t join rotation_application a on t.subject_type = 'APPLICATION' and a.id = t.subject_id
          where t.process_instance_key <> a.process_instance_key and t.status <> 'CANCELLED'"""))
          .as("tasks of a second instance %s not cancelled", repeated).isZero();
      LOG.info("AppCrashIT: {} second instances made by a lost start answer, cancelled: {}", repeated.size(), repeated);
      // every completion the app accepted is stored as that task's result, with the user's words
      for (Accepted a : accepted.values()) {
        assertThat(count(app, "select count(*) from inbox_task where id = ? and status = 'COMPLETED' and submission like ?",
            a.taskId(), "%" + a.comment() + "%")).as("accepted %s", a).isEqualTo(1);
      }
      // the rest were completed by a request whose answer was lost in a kill: the user reloaded and
      // found the task done (checked above: every step of every application completed once)
      // (at most one request of each principal's or office thread is in flight when the app dies)
      assertThat(accepted.size()).isLessThanOrEqualTo(3 * APPLICATIONS)
          .isGreaterThanOrEqualTo(3 * APPLICATIONS - 2 * 3 * THREADS_PER_ROLE);
      assertThat(keptDuringBrokerOutage).as("completions kept (202) while the broker was dead").isPositive();
      assertThat(submittedWhileBrokerDown).as("applications stored while the broker was dead").isPositive();
      assertThat(rows(app, """
          select recipient || ' ' || message_key || ' ' || coalesce(cast(application_id as varchar), '-') || ' ' || args
          from notification
          group by recipient, message_key, application_id, args having count(*) > 1""")).as("notifications made twice")
          .isEmpty();
      long notifications = count(app, "select count(*) from notification where mailed_at is not null");
      MimeMessage[] mails = mail.getReceivedMessages();
      assertThat(notifications).isPositive();
      // a mail taken by the SMTP peer just before a kill, not yet marked mailed, is sent again under
      // the same Message-ID (mailboxes show it once): at most one per kill of the app
      Map<String, Integer> byMessageId = new java.util.HashMap<>();
      Set<String> distinct = new HashSet<>();
      for (MimeMessage m : mails) {
        byMessageId.merge(m.getHeader("Message-ID")[0], 1, Integer::sum);
        distinct.add(Arrays.toString(m.getAllRecipients()) + m.getContent());
      }
      LOG.info("AppCrashIT mails: {} received, {} notifications, {} sent again after a kill", mails.length,
          notifications, mails.length - byMessageId.size());
      assertThat(byMessageId).as("each notification mailed under its own Message-ID").hasSize((int) notifications);
      assertThat(byMessageId.keySet()).allMatch(id -> id.matches("<jiaoliu-notification-\\d+@.+>"));
      assertThat(mails.length - byMessageId.size()).as("mails sent again (two app kills)").isLessThanOrEqualTo(2);
      assertThat(distinct).as("no notification made twice with another Message-ID").hasSize(byMessageId.size());
    } finally {
      finished.set(true);
      users.shutdownNow();
      mail.stop();
    }
  }

  // ------------------------------------------------------------------ simulated users

  /** Teachers submit until all applications are in; a submission retried after an error is the same one. */
  private void submitAll(AppProcess app, Infrastructure infra, List<String> teachers, AtomicInteger next) {
    int n;
    while ((n = next.getAndIncrement()) < APPLICATIONS && !finished.get()) {
      String teacher = teachers.get(n % TEACHERS);
      String key = "appcrash-" + n;
      User user = new User(app, infra, teacher);
      Map<String, Object> form = RotationApplicationIT.application("物理");
      form.put("targetSchoolCode", "LC-R04");
      form.put("reasons", "自愿到农村学校支教一年，第 " + n + " 份申请。");
      while (!finished.get()) {
        ApiClient.Response created = user.call(c -> c.postWithHeader("/api/applications", form, "Idempotency-Key", key));
        if (created != null && created.status() == 201) {
          submitted.put(key, created.body().path("id").asLong());
          break;
        }
        pause(1000);
      }
    }
  }

  /**
   * A principal or the office working through the inbox: completes each open task of its step (of its
   * share of the applications), reloading after any error; a completion answered 200 or 202 is done.
   */
  private void workInbox(AppProcess app, Infrastructure infra, String username, String step, String decision, int part) {
    User user = new User(app, infra, username);
    while (!finished.get()) {
      ApiClient.Response inbox = user.call(c -> c.get("/api/tasks"));
      if (inbox == null || inbox.status() != 200) {
        pause(1000);
        continue;
      }
      for (JsonNode task : inbox.body()) {
        long taskId = task.path("id").asLong();
        long applicationId = task.path("variables").path("applicationId").asLong();
        if (!task.path("elementId").asText().equals(step) || applicationId % THREADS_PER_ROLE != part
            || !"OPEN".equals(task.path("status").asText()) || accepted.containsKey(taskId)) {
          continue;
        }
        String comment = step + " 意见 #" + applicationId + "/" + taskId;
        ApiClient.Response done = user.call(c -> c.post("/api/tasks/" + taskId + "/complete",
            Map.of("decision", decision, "comment", comment)));
        if (done == null) {
          break; // the app is away: reload the inbox when it answers again
        }
        if (done.status() == 200 || done.status() == 202) {
          if (done.status() == 202) {
            keptForLater.incrementAndGet();
          }
          accepted.put(taskId, new Accepted(taskId, applicationId, step, comment, done.status(),
              System.currentTimeMillis() - startedAt));
        } else if (done.status() == 409) {
          gone.incrementAndGet();
        } else {
          pause(1000);
          break;
        }
      }
      pause(300);
    }
  }

  /** A person at a browser: a fresh login when the token expires, a reload when the app does not answer. */
  private final class User {
    private final AppProcess app;
    private final Infrastructure infra;
    private final String username;
    private ApiClient client;

    User(AppProcess app, Infrastructure infra, String username) {
      this.app = app;
      this.infra = infra;
      this.username = username;
    }

    /** The answer, or null when the app could not be reached (counted). */
    ApiClient.Response call(java.util.function.Function<ApiClient, ApiClient.Response> request) {
      try {
        if (client == null) {
          client = new ApiClient(app.baseUrl(), infra.tokenFor(username, "demo"));
        }
        ApiClient.Response response = request.apply(client);
        if (response.status() == 401) {
          client = null; // token expired: log in again
        } else if (response.status() >= 500) {
          serverErrors.incrementAndGet();
        }
        return response;
      } catch (IllegalStateException | java.io.UncheckedIOException e) {
        connectionErrors.incrementAndGet();
        return null;
      }
    }
  }

  // ------------------------------------------------------------------ helpers

  private static long crashAndRestart(AppProcess app) {
    long killed = System.currentTimeMillis();
    app.crash();
    app.start();
    long down = System.currentTimeMillis() - killed;
    LOG.info("the app was down for {} ms", down);
    return down;
  }

  private void waitFor(String what, BooleanSupplier condition) {
    waitFor(what, condition, () -> "");
  }

  /** Waits for the condition; on the deadline fails with what the run did and {@code diagnosis}. */
  private void waitFor(String what, BooleanSupplier condition, java.util.function.Supplier<String> diagnosis) {
    long deadline = startedAt + DEADLINE.toMillis();
    while (!condition.getAsBoolean()) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("not reached within " + DEADLINE + ": " + what + " (submitted " + submitted.size()
            + ", accepted " + accepted.size() + ", " + (System.currentTimeMillis() - startedAt) / 1000 + " s) "
            + diagnosis.get());
      }
      pause(1000);
    }
    LOG.info("AppCrashIT: {} after {} s", what, (System.currentTimeMillis() - startedAt) / 1000);
  }

  /** Where the unfinished applications stand, for the failure message (CI shows little else). */
  private static String diagnosis(AppProcess app) {
    try {
      return "applications " + rows(app, """
              select status || ' ' || coalesce(current_step, '-') || ': ' || count(*) from rotation_application
              group by status, current_step order by 1""")
          + "; application tasks " + rows(app, """
              select element_id || ' ' || status || ': ' || count(*) from inbox_task where subject_type = 'APPLICATION'
              group by element_id, status order by 1""")
          + "; unfinished " + rows(app, """
              select a.id || ' ' || a.status || ' instance ' || coalesce(cast(a.process_instance_key as varchar), '-')
                || ' tasks ' || coalesce((select string_agg(t.element_id || '/' || t.status, ',') from inbox_task t
                   where t.subject_type = 'APPLICATION' and t.subject_id = a.id), '-')
              from rotation_application a where a.status <> 'APPROVED' order by a.id limit 12""")
          + "; job failures " + rows(app, """
              select job_type || ' ' || status || ' retries left ' || retries_left || ': ' || count(*) from job_failure
              group by job_type, status, retries_left order by 1""")
          + "; app log " + app.logFile();
    } catch (RuntimeException e) {
      return "(no diagnosis: " + e + ")";
    }
  }

  private static Map<String, String> withShortClaims(Map<String, String> properties) {
    // a mail claimed by the killed app is sent again after this (5 minutes by default)
    properties.put("jiaoliu.mail.claim-timeout", "PT20S");
    // a service-task job the killed app had activated comes back after this (5 minutes by default)
    properties.put("camunda.client.worker.defaults.timeout", "PT20S");
    return properties;
  }

  static long count(AppProcess app, String sql, Object... params) {
    List<String> rows = rows(app, sql, params);
    return Long.parseLong(rows.get(0));
  }

  static List<String> rows(AppProcess app, String sql, Object... params) {
    try (Connection c = app.database().connect(); PreparedStatement statement = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        statement.setObject(i + 1, params[i]);
      }
      List<String> rows = new ArrayList<>();
      try (ResultSet result = statement.executeQuery()) {
        while (result.next()) {
          rows.add(result.getString(1));
        }
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static int freePort() throws java.io.IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void sleep(Duration duration) {
    pause(duration.toMillis());
  }
}
