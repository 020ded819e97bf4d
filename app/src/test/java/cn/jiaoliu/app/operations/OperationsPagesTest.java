package cn.jiaoliu.app.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oidcLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.jiaoliu.testsupport.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The operations view without an engine: only administrators get in (page and API); a running
 * application shows its step, its holder in words and how long it waits; a failed step shows its
 * error, attempts and incident; the downloads carry Chinese headers.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
@ContextConfiguration(initializers = TestDatabase.class)
class OperationsPagesTest {

  @Autowired MockMvc mvc;
  @Autowired JdbcClient jdbc;
  @Autowired JobFailures failures;

  private long applicationId;
  private long processInstanceKey;
  private long jobKey;

  @BeforeEach
  void aRunningApplicationWaitingForItsPrincipalAndAFailedStep() {
    String token = "ops-" + System.nanoTime();
    processInstanceKey = System.nanoTime();
    jdbc.sql("""
        insert into rotation_application (teacher_username, teacher_name, home_school_code, target_school_code,
          district_code, batch_id, direction, post, subject, period_start, period_end, years_of_service, reasons,
          status, process_instance_key, request_token, created_at, updated_at, version)
        values ('ops.teacher', '张运维', 'LC-U01', 'LC-R01', 'LC', 1, 'URBAN_TO_RURAL', 'TEACHER', '数学',
          date '2027-09-01', date '2028-07-31', 8, '支教', 'AWAITING_OPINION', :key, :token, current_timestamp,
          current_timestamp, 0)""").param("key", processInstanceKey).param("token", token).update();
    applicationId = jdbc.sql("select id from rotation_application where request_token = :token").param("token", token)
        .query(Long.class).single();
    long taskJob = System.nanoTime();
    OffsetDateTime threeHoursAgo = OffsetDateTime.now().minusHours(3).minusMinutes(5);
    jdbc.sql("""
        insert into inbox_task (job_key, process_instance_key, element_instance_key, bpmn_process_id, element_id,
          form_key, variables, status, created_at, due_at, checked_at, version, subject_type, subject_id)
        values (:job, :key, 2, 'rotation-application', 'Task_SignOpinion', 'sign-opinion', '{}', 'OPEN',
          :created, :due, current_timestamp, 0, 'APPLICATION', :app)""")
        .param("job", taskJob).param("key", processInstanceKey).param("created", threeHoursAgo)
        .param("due", OffsetDateTime.now().minusHours(1)).param("app", applicationId).update();
    long taskId = jdbc.sql("select id from inbox_task where job_key = :job").param("job", taskJob)
        .query(Long.class).single();
    jdbc.sql("insert into inbox_task_candidate (task_id, candidate) values (:id, 'group:principal:LC-U01')")
        .param("id", taskId).update();

    // a notification step of the same instance ran out of retries
    jobKey = System.nanoTime();
    var attempt = new JobFailures.FailedAttempt(jobKey, "send-reminder", "rotation-application", processInstanceKey,
        jobKey + 1, "Task_RemindSignOpinion", "send-reminder failed, will retry: mail server down", 1);
    failures.failed(attempt, OffsetDateTime.now().minusMinutes(2));
    failures.failed(new JobFailures.FailedAttempt(jobKey, "send-reminder", "rotation-application",
        processInstanceKey, jobKey + 1, "Task_RemindSignOpinion", "send-reminder failed, will retry: mail server down",
        0), OffsetDateTime.now().minusMinutes(1));
  }

  static RequestPostProcessor bearer(String username, String role) {
    return jwt().jwt(j -> j.claim("preferred_username", username).claim("roles", List.of(role))
        .claim("district_code", "LC").claim("school_code", "LC-U01"));
  }

  static RequestPostProcessor browser(String username, String role) {
    return oidcLogin().idToken(t -> t.claims(c -> {
          c.put("sub", username);
          c.put("preferred_username", username);
          c.put("name", username);
          c.put("roles", List.of(role));
          c.put("district_code", "LC");
          c.put("school_code", "LC-U01");
        }))
        .authorities(new SimpleGrantedAuthority("ROLE_" + role.toUpperCase().replace('-', '_')));
  }

  @Test
  void onlyAdministratorsGetIn() throws Exception {
    for (String role : List.of("teacher", "principal", "teaching-office")) {
      mvc.perform(get("/operations").with(browser("someone", role))).andExpect(status().isForbidden());
      mvc.perform(get("/operations/export?format=csv").with(browser("someone", role))).andExpect(status().isForbidden());
      mvc.perform(post("/operations/failures/" + jobKey + "/retry").with(browser("someone", role)).with(csrf()))
          .andExpect(status().isForbidden());
      mvc.perform(get("/api/operations/cases").with(bearer("someone", role))).andExpect(status().isForbidden())
          .andExpect(jsonPath("$.code").value("error.forbidden"));
      mvc.perform(get("/api/operations/failures").with(bearer("someone", role))).andExpect(status().isForbidden());
      mvc.perform(post("/api/operations/failures/" + jobKey + "/retry").with(bearer("someone", role)))
          .andExpect(status().isForbidden());
    }
    assertThat(failures.find(jobKey).orElseThrow().status()).isEqualTo(JobFailure.OPEN);
  }

  @Test
  void theAdministratorSeesWhereTheApplicationStandsAndWhoHoldsIt() throws Exception {
    mvc.perform(get("/api/operations/cases?kind=APPLICATION&district=LC").with(bearer("admin", "admin")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$[?(@.id == " + applicationId + ")].stepId").value("Task_SignOpinion"))
        .andExpect(jsonPath("$[?(@.id == " + applicationId + ")].stepLabel").value("派出学校签署意见"))
        .andExpect(jsonPath("$[?(@.id == " + applicationId + ")].holders[0]").value("莱城区实验小学 校长"))
        .andExpect(jsonPath("$[?(@.id == " + applicationId + ")].waited").value("3 小时 5 分"))
        .andExpect(jsonPath("$[?(@.id == " + applicationId + ")].overdue").value(true));
    mvc.perform(get("/api/operations/cases?kind=ASSESSMENT").with(bearer("admin", "admin")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$[?(@.id == " + applicationId + " && @.kind == 'APPLICATION')]").isEmpty());

    mvc.perform(get("/operations").with(browser("admin", "admin")))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("张运维")))
        .andExpect(content().string(containsString("莱城区实验小学 校长")))
        .andExpect(content().string(containsString("已逾期")));
  }

  /**
   * A task held by a school the case does not name (the application was revised to LC-R03 while its
   * task went to LC-R01's principal) is flagged; a task at the case's own school is not.
   */
  @Test
  void aTaskHeldByASchoolTheCaseDoesNotNameIsFlagged() throws Exception {
    mvc.perform(get("/api/operations/cases?kind=APPLICATION&district=LC").with(bearer("admin", "admin")))
        .andExpect(jsonPath("$[?(@.id == " + applicationId + ")].heldElsewhere[0]").doesNotExist());
    jdbc.sql("update rotation_application set target_school_code = 'LC-R03', status = 'AWAITING_ACCEPTANCE' where id = :id")
        .param("id", applicationId).update();
    jdbc.sql("""
        update inbox_task_candidate set candidate = 'group:principal:LC-R01'
        where task_id in (select id from inbox_task where subject_type = 'APPLICATION' and subject_id = :id)""")
        .param("id", applicationId).update();

    mvc.perform(get("/api/operations/cases?kind=APPLICATION&district=LC").with(bearer("admin", "admin")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$[?(@.id == " + applicationId + ")].heldElsewhere[0]").value("LC-R01"));
    mvc.perform(get("/operations").with(browser("admin", "admin")))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("任务在本案未涉及的学校（LC-R01）")));
  }

  @Test
  void aCaseWithoutAnOpenTaskShowsTheAutomatedStepAndItsFailure() throws Exception {
    String token = "ops-approving-" + System.nanoTime();
    long instance = System.nanoTime();
    jdbc.sql("""
        insert into rotation_application (teacher_username, teacher_name, home_school_code, target_school_code,
          district_code, batch_id, direction, post, subject, period_start, period_end, years_of_service, reasons,
          status, process_instance_key, request_token, created_at, updated_at, version)
        values ('ops.teacher', '李自动', 'LC-U01', 'LC-R01', 'LC', 1, 'URBAN_TO_RURAL', 'TEACHER', '语文',
          date '2027-09-01', date '2028-07-31', 8, '支教', 'APPROVING', :key, :token, current_timestamp,
          current_timestamp, 0)""").param("key", instance).param("token", token).update();
    long approving = jdbc.sql("select id from rotation_application where request_token = :token").param("token", token)
        .query(Long.class).single();
    String row = "$[?(@.id == " + approving + " && @.kind == 'APPLICATION')]";
    mvc.perform(get("/api/operations/cases").with(bearer("admin", "admin")))
        .andExpect(jsonPath(row + ".automated").value(true))
        .andExpect(jsonPath(row + ".stepLabel").value("自动环节处理中"))
        .andExpect(jsonPath(row + ".statusLabel").value("审批通过，生成交流记录中"))
        .andExpect(jsonPath(row + ".holders[0]").value("系统"));

    long failing = System.nanoTime();
    failures.failed(new JobFailures.FailedAttempt(failing, "create-assignment", "rotation-application", instance,
        failing + 1, "Task_CreateAssignment", "create-assignment failed, will retry: lock timeout", 0),
        OffsetDateTime.now());
    mvc.perform(get("/api/operations/cases").with(bearer("admin", "admin")))
        .andExpect(jsonPath(row + ".automated").value(true))
        .andExpect(jsonPath(row + ".stepId").value("Task_CreateAssignment"))
        .andExpect(jsonPath(row + ".stepLabel").value("创建交流记录"))
        .andExpect(jsonPath(row + ".failingJobKey").value(failing))
        .andExpect(jsonPath(row + ".incident").value(true));
    mvc.perform(get("/operations").with(browser("admin", "admin")))
        .andExpect(content().string(containsString("href=\"#failure-" + failing + "\"")));
  }

  @Test
  void aClaimedTaskShowsWhoClaimedIt() throws Exception {
    jdbc.sql("update inbox_task set claimed_by = 'ops.principal' where subject_type = 'APPLICATION' and subject_id = :id")
        .param("id", applicationId).update();
    jdbc.sql("""
        insert into app_user (username, display_name, roles, school_code, district_code, last_seen_at)
        select 'ops.principal', '王运维', 'principal', 'LC-U01', 'LC', current_timestamp
        where not exists (select 1 from app_user where username = 'ops.principal')""").update();
    mvc.perform(get("/api/operations/cases").with(bearer("admin", "admin")))
        .andExpect(jsonPath("$[?(@.id == " + applicationId + " && @.kind == 'APPLICATION')].holders[0]")
            .value("王运维（已认领）"));
  }

  @Test
  void aFailedStepShowsItsErrorAttemptsAndIncident() throws Exception {
    mvc.perform(get("/api/operations/failures").with(bearer("admin", "admin")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$[?(@.jobKey == " + jobKey + ")].errorMessage")
            .value("send-reminder failed, will retry: mail server down"))
        .andExpect(jsonPath("$[?(@.jobKey == " + jobKey + ")].attempts").value(2))
        .andExpect(jsonPath("$[?(@.jobKey == " + jobKey + ")].retriesLeft").value(0))
        .andExpect(jsonPath("$[?(@.jobKey == " + jobKey + ")].incident").value(true))
        .andExpect(jsonPath("$[?(@.jobKey == " + jobKey + ")].subjectType").value("APPLICATION"))
        .andExpect(jsonPath("$[?(@.jobKey == " + jobKey + ")].subjectId").value((int) applicationId));
    mvc.perform(get("/operations").with(browser("admin", "admin")))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("发送办理提醒")))
        .andExpect(content().string(containsString("mail server down")))
        .andExpect(content().string(containsString("失败 2 次 / 剩 0 次")))
        .andExpect(content().string(containsString("/operations/failures/" + jobKey + "/retry")));
  }

  @Test
  void aStepThatCompletesLeavesTheFailingList() throws Exception {
    failures.completed(jobKey, OffsetDateTime.now());
    mvc.perform(get("/api/operations/failures").with(bearer("admin", "admin")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$[?(@.jobKey == " + jobKey + ")]").isEmpty());
    mvc.perform(post("/api/operations/failures/" + jobKey + "/retry").with(bearer("admin", "admin")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("RESOLVED"));
  }

  @Test
  void aStepTheEngineNoLongerHasCannotBeRetried() throws Exception {
    assertThat(failures.move(jobKey, JobFailure.OPEN, JobFailure.GONE, OffsetDateTime.now())).isTrue();
    mvc.perform(post("/api/operations/failures/" + jobKey + "/retry").with(bearer("admin", "admin")))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.code").value("operations.error.gone"));
    mvc.perform(post("/api/operations/failures/424242/retry").with(bearer("admin", "admin")))
        .andExpect(status().isNotFound());
  }

  @Test
  void aRetryIsTakenOnceUnlessItsSenderStopped() {
    OffsetDateTime now = OffsetDateTime.now();
    assertThat(failures.dueForCheck(now.plusSeconds(1), 10_000)).extracting(JobFailure::jobKey).contains(jobKey);
    assertThat(failures.startRetry(jobKey, "admin", now, now.minusMinutes(1))).isTrue();
    assertThat(failures.startRetry(jobKey, "admin2", now, now.minusMinutes(1))).isFalse();
    assertThat(failures.dueForCheck(now.plusSeconds(1), 10_000)).extracting(JobFailure::jobKey).doesNotContain(jobKey);
    // the first sender went down before it finished: a minute later the retry may be taken again
    assertThat(failures.startRetry(jobKey, "admin2", now.plusMinutes(2), now.plusMinutes(1))).isTrue();
    assertThat(failures.find(jobKey).orElseThrow().retriedBy()).isEqualTo("admin2");
  }

  @Test
  void aBadKindIsAFieldError() throws Exception {
    mvc.perform(get("/api/operations/cases?kind=SAMPLE").with(bearer("admin", "admin")))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.fields.kind").value("类型只能是交流申请或年度考核。"));
  }

  @Test
  void runningCasesDownloadWithChineseHeaders() throws Exception {
    byte[] csv = mvc.perform(get("/api/operations/cases?format=csv").with(bearer("admin", "admin")))
        .andExpect(status().isOk())
        .andReturn().getResponse().getContentAsByteArray();
    String text = new String(csv, StandardCharsets.UTF_8);
    assertThat(text).startsWith("\uFEFF\"类型\",\"编号\",\"教师\"");
    assertThat(text).contains("\"张运维\"", "\"莱城区实验小学 校长\"", "\"派出学校签署意见\"");
    mvc.perform(get("/operations/export?format=xlsx&kind=APPLICATION").with(browser("admin", "admin")))
        .andExpect(status().isOk())
        .andExpect(content().contentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
  }
}
