package cn.jiaoliu.app.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.jiaoliu.testsupport.Infrastructure;
import cn.jiaoliu.testsupport.KeycloakAdmin;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code kill -9} of the broker with applications in flight: opinions signed before the crash,
 * opinions signed and applications submitted while the broker is dead (the app keeps them and
 * sends them when it is back), then the broker restarts on its data. Every application is approved,
 * once; no opinion is lost; no assignment is made twice.
 */
class BrokerCrashIT extends IntegrationTest {

  static final int BEFORE = 12;
  static final int SIGNED_WHILE_DOWN = 2;
  static final int SUBMITTED_WHILE_DOWN = 2;
  static final Duration WAIT = Duration.ofMinutes(3);

  @Autowired JdbcClient jdbc;

  static Optional<Long> openTask(ApiClient user, String elementId, long applicationId) {
    ApiClient.Response response = user.get("/api/tasks");
    if (response.status() != 200) {
      return Optional.empty();
    }
    return StreamSupport.stream(response.body().spliterator(), false)
        .filter(t -> t.path("elementId").asText().equals(elementId))
        .filter(t -> t.path("variables").path("applicationId").asLong() == applicationId)
        .map(t -> t.path("id").asLong()).findFirst();
  }

  long awaitTask(ApiClient user, String elementId, long applicationId) {
    try {
      return await().atMost(WAIT).pollInterval(Duration.ofSeconds(1))
          .until(() -> openTask(user, elementId, applicationId), Optional::isPresent).get();
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError("no " + elementId + " for application " + applicationId + ": "
          + jdbc.sql("select status || ' key=' || coalesce(cast(process_instance_key as varchar), '-') from rotation_application where id = :id")
              .param("id", applicationId).query(String.class).single()
          + " tasks=" + jdbc.sql("select element_id || ':' || status || ':' || completion_attempts from inbox_task where subject_id = :id and subject_type = 'APPLICATION'")
              .param("id", applicationId).query(String.class).list(), e);
    }
  }

  @Test
  void applicationsInFlightSurviveAKilledBrokerAndNothingHappensTwice() {
    Infrastructure infra = Infrastructure.get();
    KeycloakAdmin.ensureUser("it.crash.principal.u03", "principal", "LC-U03", "LC");
    KeycloakAdmin.ensureUser("it.crash.principal.r04", "principal", "LC-R04", "LC");
    int total = BEFORE + SUBMITTED_WHILE_DOWN;
    List<ApiClient> teachers = new ArrayList<>();
    for (int i = 0; i < total; i++) {
      KeycloakAdmin.ensureUser("it.crash.teacher" + i, "teacher", "LC-U03", "LC");
      teachers.add(new ApiClient(infra.appBaseUrl(), infra.tokenFor("it.crash.teacher" + i, "demo")));
    }
    ApiClient dispatching = new ApiClient(infra.appBaseUrl(), infra.tokenFor("it.crash.principal.u03", "demo"));
    ApiClient receiving = new ApiClient(infra.appBaseUrl(), infra.tokenFor("it.crash.principal.r04", "demo"));
    ApiClient office = new ApiClient(infra.appBaseUrl(), infra.tokenFor("office.chen", "demo"));
    if (jdbc.sql("update batch_quota set quota = quota + :n where batch_id = 1 and school_code = 'LC-U03' and direction = 'URBAN_TO_RURAL'")
        .param("n", total).update() == 0) {
      jdbc.sql("insert into batch_quota (batch_id, school_code, direction, quota) values (1, 'LC-U03', 'URBAN_TO_RURAL', :n)")
          .param("n", total).update();
    }

    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < BEFORE; i++) {
      ids.add(submit(teachers.get(i)));
    }
    List<Long> signTasks = new ArrayList<>();
    for (long id : ids) {
      signTasks.add(awaitTask(dispatching, "Task_SignOpinion", id));
    }
    int signedBefore = BEFORE - SIGNED_WHILE_DOWN;
    for (int i = 0; i < signedBefore; i++) {
      assertThat(dispatching.post("/api/tasks/" + signTasks.get(i) + "/complete",
          Map.of("decision", "APPROVE", "comment", "同意（崩溃前）" + i)).status()).isEqualTo(200);
    }

    infra.broker().crash();
    try {
      for (int i = signedBefore; i < BEFORE; i++) {
        ApiClient.Response kept = dispatching.post("/api/tasks/" + signTasks.get(i) + "/complete",
            Map.of("decision", "APPROVE", "comment", "同意（引擎停止时）" + i));
        assertThat(kept.status()).as("the opinion is kept and sent later: %s", kept.body()).isEqualTo(202);
      }
      for (int i = BEFORE; i < total; i++) {
        ids.add(submit(teachers.get(i)));
      }
    } finally {
      infra.broker().restartAfterCrash();
    }

    // the applications submitted while the broker was dead start once it is back; their opinions now
    for (int i = BEFORE; i < total; i++) {
      long sign = awaitTask(dispatching, "Task_SignOpinion", ids.get(i));
      assertThat(dispatching.post("/api/tasks/" + sign + "/complete", Map.of("decision", "APPROVE", "comment", "同意"))
          .status()).isIn(200, 202);
    }
    for (long id : ids) {
      long accept = awaitTask(receiving, "Task_AcceptTeacher", id);
      // right after the restart the engine may still push back: then the app keeps the opinion (202) and sends it
      assertThat(receiving.post("/api/tasks/" + accept + "/complete", Map.of("decision", "ACCEPT", "comment", "欢迎"))
          .status()).isIn(200, 202);
    }
    for (long id : ids) {
      long approve = awaitTask(office, "Task_ApproveApplication", id);
      assertThat(office.post("/api/tasks/" + approve + "/complete", Map.of("decision", "APPROVE", "comment", "批准"))
          .status()).isIn(200, 202);
    }
    await().atMost(WAIT).until(() -> jdbc.sql("select count(*) from rotation_application where id in (:ids) and status = 'APPROVED'")
        .param("ids", ids).query(Long.class).single() == total);

    assertThat(jdbc.sql("select count(*) from assignment where application_id in (:ids)").param("ids", ids)
        .query(Long.class).single()).as("one assignment each").isEqualTo(total);
    assertThat(jdbc.sql("""
        select count(*) from inbox_task where subject_type = 'APPLICATION' and subject_id in (:ids) and status = 'COMPLETED'""")
        .param("ids", ids).query(Long.class).single()).as("three opinions each, none lost, none twice").isEqualTo(3L * total);
    assertThat(jdbc.sql("""
        select count(*) from inbox_task where subject_type = 'APPLICATION' and subject_id in (:ids)
          and element_id = 'Task_SignOpinion' and submission like '%引擎停止时%'""")
        .param("ids", ids).query(Long.class).single()).as("the opinions signed while the broker was dead")
        .isEqualTo(SIGNED_WHILE_DOWN);
  }

  private static long submit(ApiClient teacher) {
    Map<String, Object> form = RotationApplicationIT.application("物理");
    form.put("targetSchoolCode", "LC-R04");
    ApiClient.Response created = teacher.post("/api/applications", form);
    assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
    JsonNode body = created.body();
    return body.path("id").asLong();
  }
}
