package cn.jiaoliu.app.application;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jiaoliu.app.security.JiaoliuUser;
import cn.jiaoliu.testsupport.TestDatabase;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * The rules shown on the teacher's form, one by one, in words that are true: a rotation that has
 * not started yet overlaps the period as much as one under way, and one that ended before it does not.
 */
@SpringBootTest
@ActiveProfiles("test")
@ContextConfiguration(initializers = TestDatabase.class)
class EligibilityHintsTest {

  @Autowired EligibilityHints hints;
  @Autowired MessageSource messages;
  @Autowired JdbcClient jdbc;

  private String district;
  private long batch;
  private JiaoliuUser teacher;

  @BeforeEach
  void aDistrictWithAnOpenBatch() {
    String n = Long.toString(System.nanoTime(), 36).toUpperCase();
    district = "E" + n;
    jdbc.sql("insert into district (code, name) values (:d, '条件区')").param("d", district).update();
    for (String[] s : new String[][] {{"-U", "URBAN", "0"}, {"-R", "TOWNSHIP", "1"}}) {
      jdbc.sql("insert into school (code, name, district_code, area_type, remoteness_tier) values (:c, :c, :d, :a, :t)")
          .param("c", district + s[0]).param("d", district).param("a", s[1]).param("t", Integer.parseInt(s[2])).update();
    }
    LocalDate today = LocalDate.now();
    jdbc.sql("""
        insert into rotation_batch (district_code, name, opens_on, closes_on, period_starts, period_ends, status,
          min_years_of_service)
        values (:d, '条件批次', :opens, :closes, date '2030-09-01', date '2031-07-31', 'OPEN', 5)""")
        .param("d", district).param("opens", today.minusDays(5)).param("closes", today.plusDays(20)).update();
    batch = jdbc.sql("select id from rotation_batch where district_code = :d").param("d", district)
        .query(Long.class).single();
    jdbc.sql("insert into batch_quota (batch_id, school_code, direction, quota, used) values (:b, :s, 'URBAN_TO_RURAL', 2, 1)")
        .param("b", batch).param("s", district + "-U").update();
    jdbc.sql("insert into batch_quota (batch_id, school_code, direction, quota, used) values (:b, :s, 'RURAL_TO_URBAN', 1, 1)")
        .param("b", batch).param("s", district + "-U").update();
    teacher = JiaoliuUser.fromClaims(Map.of(JiaoliuUser.CLAIM_USERNAME, "hint.t" + n.toLowerCase(),
        JiaoliuUser.CLAIM_ROLES, List.of("teacher"), JiaoliuUser.CLAIM_SCHOOL, district + "-U",
        JiaoliuUser.CLAIM_DISTRICT, district, "name", "条件教师"));
  }

  @Test
  void eachRuleIsShownMetOrNot() {
    assertThat(texts(hints.of(teacher, batch, "URBAN_TO_RURAL", null, null, null))).containsExactly(
        "ok:批次正在报名，截止 " + LocalDate.now().plusDays(20),
        "info:本批次要求教龄不少于 5 年",
        "ok:没有与该期间（2030-09-01 至 2031-07-31）重叠的交流申请或安排",
        "ok:本校该方向名额剩余 1 个");
    assertThat(texts(hints.of(teacher, batch, "RURAL_TO_URBAN", null, null, 8)))
        .contains("ok:教龄 8 年，达到本批次要求的 5 年", "warn:本校该方向名额已满");
    assertThat(texts(hints.of(teacher, batch, "URBAN_TO_RURAL", null, null, 3)))
        .contains("warn:教龄 3 年，不足本批次要求的 5 年");
  }

  @Test
  void aRotationThatHasNotStartedOverlapsAndOneThatEndedBeforeDoesNot() {
    assignment("2029-09-01", "2030-07-31");
    assertThat(texts(hints.of(teacher, batch, "URBAN_TO_RURAL", null, null, null)))
        .as("ended before the period").contains("ok:没有与该期间（2030-09-01 至 2031-07-31）重叠的交流申请或安排");
    assignment("2031-03-01", "2032-02-28");
    assertThat(texts(hints.of(teacher, batch, "URBAN_TO_RURAL", null, null, null)))
        .as("not started yet, but overlapping").contains("warn:已有交流申请或安排与该期间（2030-09-01 至 2031-07-31）重叠");
    assertThat(texts(hints.of(teacher, batch, "URBAN_TO_RURAL", LocalDate.parse("2032-03-01"),
        LocalDate.parse("2033-01-31"), null))).contains("ok:没有与该期间（2032-03-01 至 2033-01-31）重叠的交流申请或安排");
  }

  @Test
  void anApplicationInProgressOverlapsButAWithdrawnOneDoesNot() {
    long withdrawn = application("WITHDRAWN");
    assertThat(texts(hints.of(teacher, batch, "URBAN_TO_RURAL", null, null, null)))
        .contains("ok:没有与该期间（2030-09-01 至 2031-07-31）重叠的交流申请或安排");
    jdbc.sql("update rotation_application set status = 'AWAITING_OPINION' where id = :id").param("id", withdrawn).update();
    assertThat(texts(hints.of(teacher, batch, "URBAN_TO_RURAL", null, null, null)))
        .contains("warn:已有交流申请或安排与该期间（2030-09-01 至 2031-07-31）重叠");
  }

  @Test
  void aBatchOfAnotherDistrictGivesNoHints() {
    JiaoliuUser other = JiaoliuUser.fromClaims(Map.of(JiaoliuUser.CLAIM_USERNAME, "hint.other",
        JiaoliuUser.CLAIM_ROLES, List.of("teacher"), JiaoliuUser.CLAIM_DISTRICT, "LC", "name", "他区教师"));
    assertThat(hints.of(other, batch, "URBAN_TO_RURAL", null, null, null)).isEmpty();
  }

  private List<String> texts(List<EligibilityHints.Hint> found) {
    return found.stream()
        .map(h -> h.tone() + ":" + messages.getMessage(h.messageKey(), h.args(), Locale.SIMPLIFIED_CHINESE)).toList();
  }

  private long application(String status) {
    String token = "hint-" + System.nanoTime();
    jdbc.sql("""
        insert into rotation_application (teacher_username, teacher_name, home_school_code, target_school_code,
          district_code, batch_id, direction, post, subject, period_start, period_end, years_of_service, reasons,
          status, request_token, created_at, updated_at, version)
        values (:t, '条件教师', :h, :r, :d, :b, 'URBAN_TO_RURAL', 'TEACHER', '数学', date '2030-09-01',
          date '2031-07-31', 8, '支教', :status, :token, current_timestamp, current_timestamp, 0)""")
        .param("t", teacher.username()).param("h", district + "-U").param("r", district + "-R").param("d", district)
        .param("b", batch).param("status", status).param("token", token).update();
    return jdbc.sql("select id from rotation_application where request_token = :t").param("t", token)
        .query(Long.class).single();
  }

  private void assignment(String starts, String ends) {
    long app = application("APPROVED");
    jdbc.sql("""
        insert into assignment (application_id, teacher_username, teacher_name, dispatching_school_code,
          receiving_school_code, batch_id, direction, post, starts_on, ends_on, monthly_subsidy, created_at)
        select id, teacher_username, teacher_name, home_school_code, target_school_code, batch_id, direction, post,
          cast(:s as date), cast(:e as date), 400, current_timestamp from rotation_application where id = :a""")
        .param("a", app).param("s", starts).param("e", ends).update();
  }
}
