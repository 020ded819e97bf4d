package cn.jiaoliu.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import cn.jiaoliu.app.engine.BackpressureRetry;
import cn.jiaoliu.app.engine.EngineUnavailableException;
import cn.jiaoliu.testsupport.TestDatabase;
import io.camunda.client.api.command.ClientStatusException;
import io.grpc.Status;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * The operations meters, scraped as Prometheus does on the management port: open tasks by process,
 * step and age, overdue tasks, failing automated steps, mails pending and given up, and the
 * engine's refusals and availability, each with the value this test's own rows imply. On the app's
 * own port the scrape is refused.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"management.server.port=0", "jiaoliu.metrics.refresh=PT0.5S"})
@AutoConfigureObservability(tracing = false)
@ActiveProfiles("test")
@ContextConfiguration(initializers = TestDatabase.class)
class OperationsMetricsTest {

  static final String PROCESS = "metrics-process";
  private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+(\\S+)$");
  private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  @Autowired JdbcClient jdbc;
  @LocalManagementPort int managementPort;
  @LocalServerPort int port;

  @BeforeEach
  void rows() {
    OffsetDateTime now = OffsetDateTime.now();
    jdbc.sql("delete from inbox_task where bpmn_process_id = :p").param("p", PROCESS).update();
    // open: one arrived 2 hours ago, one 2 days ago (overdue), one 5 days ago, two 10 days ago (one overdue);
    // a completed one 10 days ago counts nowhere
    task(now.minusHours(2), now.plusDays(3), "OPEN");
    task(now.minusDays(2), now.minusHours(1), "OPEN");
    task(now.minusDays(5), null, "OPEN");
    task(now.minusDays(10), now.plusDays(1), "OPEN");
    task(now.minusDays(10), now.minusDays(3), "OPEN");
    task(now.minusDays(10), now.minusDays(3), "COMPLETED");

    jdbc.sql("delete from job_failure where bpmn_process_id = :p").param("p", PROCESS).update();
    failure(0, "OPEN");
    failure(2, "OPEN");
    failure(3, "RETRYING");
    failure(0, "RESOLVED");

    jdbc.sql("delete from notification").update();
    jdbc.sql("delete from app_user where username = 'metrics.mailed'").update();
    jdbc.sql("""
        insert into app_user (username, display_name, email, roles, last_seen_at)
        values ('metrics.mailed', '张伟', 'metrics@demo.jiaoliu.invalid', 'teacher', current_timestamp)""").update();
    notification("metrics.mailed", null, null);
    notification("metrics.mailed", null, null);
    notification("metrics.mailed", now, null);
    notification("metrics.mailed", null, now);
    // someone without an address is never mailed, so nothing waits for it
    notification("metrics.nobody", null, null);
  }

  @Test
  void eachMeterShowsWhatTheRowsImply() {
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      Map<String, Double> scrape = scrape();
      assertThat(scrape).containsEntry(key("jiaoliu_open_tasks", "age", "lt_1d"), 1.0)
          .containsEntry(key("jiaoliu_open_tasks", "age", "1d_3d"), 1.0)
          .containsEntry(key("jiaoliu_open_tasks", "age", "3d_7d"), 1.0)
          .containsEntry(key("jiaoliu_open_tasks", "age", "gt_7d"), 2.0)
          .containsEntry(key("jiaoliu_overdue_tasks", null, null), 2.0)
          .containsEntry(failing("true"), 1.0)
          .containsEntry(failing("false"), 2.0)
          .containsEntry("jiaoliu_pending_mails", 2.0)
          .containsEntry("jiaoliu_failed_mails", 1.0);
    });
  }

  @Test
  void theEnginesRefusalsAndAvailabilityAreCounted() {
    String refused = "jiaoliu_engine_refused_commands_total{code=RESOURCE_EXHAUSTED}";
    double refusedBefore = scrape().getOrDefault(refused, 0.0);
    double givenUpBefore = scrape().getOrDefault("jiaoliu_engine_given_up_commands_total", 0.0);
    BackpressureRetry retry = new BackpressureRetry(2, Duration.ofMillis(1), Duration.ofMillis(1));

    assertThatThrownBy(() -> retry.call("metrics", () -> {
      throw new ClientStatusException(Status.RESOURCE_EXHAUSTED, null);
    })).isInstanceOf(EngineUnavailableException.class);

    Map<String, Double> away = scrape();
    assertThat(away.get(refused)).isEqualTo(refusedBefore + 2);
    assertThat(away.get("jiaoliu_engine_given_up_commands_total")).isEqualTo(givenUpBefore + 1);
    assertThat(away).containsEntry("jiaoliu_engine_available", 0.0);

    assertThat(retry.call("metrics", () -> "answered")).isEqualTo("answered");
    assertThat(scrape()).containsEntry("jiaoliu_engine_available", 1.0);
  }

  @Test
  void theAppsOwnPortDoesNotServeTheScrape() throws Exception {
    HttpResponse<String> response = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()
        .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isNotEqualTo(200);
    assertThat(response.body()).doesNotContain("jiaoliu_");
  }

  private static String key(String name, String tag, String value) {
    return name + "{" + (tag == null ? "" : tag + "=" + value + ",") + "element=Task_Metrics,process=" + PROCESS + "}";
  }

  private static String failing(String incident) {
    return "jiaoliu_failing_steps{element=Task_Automated,incident=" + incident + ",process=" + PROCESS + "}";
  }

  /** The scrape as name{tag=value,…} (tags sorted) → value. */
  private Map<String, Double> scrape() {
    try {
      HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + managementPort + "/actuator/prometheus")).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as("%s %s", response.headers().map(), response.body()).isEqualTo(200);
      Map<String, Double> samples = new HashMap<>();
      for (String line : response.body().split("\n")) {
        Matcher sample = SAMPLE.matcher(line.trim());
        if (line.startsWith("#") || !sample.matches()) {
          continue;
        }
        Map<String, String> labels = new TreeMap<>();
        if (sample.group(3) != null) {
          Matcher label = LABEL.matcher(sample.group(3));
          while (label.find()) {
            labels.put(label.group(1), label.group(2));
          }
        }
        StringBuilder key = new StringBuilder(sample.group(1));
        if (!labels.isEmpty()) {
          key.append('{');
          labels.forEach((k, v) -> key.append(k).append('=').append(v).append(','));
          key.setCharAt(key.length() - 1, '}');
        }
        samples.put(key.toString(), Double.parseDouble(sample.group(4)));
      }
      return samples;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private void task(OffsetDateTime created, OffsetDateTime due, String status) {
    jdbc.sql("""
        insert into inbox_task (job_key, process_instance_key, element_instance_key, bpmn_process_id, element_id,
          variables, status, due_at, created_at, checked_at, version)
        values (:job, 1, 2, :p, 'Task_Metrics', '{}', :status, :due, :created, current_timestamp, 0)""")
        .param("job", System.nanoTime()).param("p", PROCESS).param("status", status).param("due", due)
        .param("created", created).update();
  }

  private void failure(int retriesLeft, String status) {
    jdbc.sql("""
        insert into job_failure (job_key, job_type, bpmn_process_id, process_instance_key, element_instance_key,
          element_id, error_message, attempts, retries_left, first_failed_at, last_failed_at, status,
          status_changed_at, checked_at)
        values (:job, 'automated', :p, 1, 2, 'Task_Automated', 'boom', 3, :left, current_timestamp, current_timestamp,
          :status, current_timestamp, current_timestamp)""")
        .param("job", System.nanoTime()).param("p", PROCESS).param("left", retriesLeft).param("status", status)
        .update();
  }

  private void notification(String recipient, OffsetDateTime mailed, OffsetDateTime failed) {
    jdbc.sql("""
        insert into notification (recipient, dedup_key, message_key, args, created_at, mailed_at, mail_failed_at)
        values (:r, :k, 'notification.test', '[]', current_timestamp, :mailed, :failed)""")
        .param("r", recipient).param("k", "metrics-" + System.nanoTime()).param("mailed", mailed)
        .param("failed", failed).update();
  }
}
