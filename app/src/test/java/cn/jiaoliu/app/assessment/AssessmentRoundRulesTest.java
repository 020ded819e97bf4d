package cn.jiaoliu.app.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.jiaoliu.app.programme.SchoolDirectory;
import cn.jiaoliu.testsupport.TestDatabase;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * A round opens only once its school year has been served (or as near its end as the district
 * sets), never for an empty year, and no year is credited as rural service before it has been
 * served: a round opened on 2026-12-05 for 2027-2028 once asked a teacher to evaluate a year she
 * had not taught and, once approved, credited it "满足评聘高级职称".
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
@ContextConfiguration(initializers = TestDatabase.class)
class AssessmentRoundRulesTest {

  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  @Autowired MockMvc mvc;
  @Autowired JdbcClient jdbc;
  @Autowired SchoolDirectory directory;

  private ServedYears on(String day) {
    return new ServedYears(directory, Clock.fixed(LocalDate.parse(day).atStartOfDay(SHANGHAI).toInstant(), SHANGHAI), SHANGHAI);
  }

  private String district(int openDays) {
    String code = "S" + Long.toString(System.nanoTime(), 36).toUpperCase();
    jdbc.sql("insert into district (code, name, assessment_open_days) values (:c, '考核规则区', :days)")
        .param("c", code).param("days", openDays).update();
    return code;
  }

  @Test
  void aSchoolYearIsServedFromTheDistrictsDaysBeforeItsEnd() {
    String usual = district(ServedYears.DEFAULT_DAYS_BEFORE_END);
    ServedYears december = on("2026-12-05");
    assertThat(december.served(usual, "2027-2028")).as("next year, not taught").isFalse();
    assertThat(december.served(usual, "2026-2027")).as("the year under way").isFalse();
    assertThat(december.served(usual, "2025-2026")).isTrue();
    assertThat(december.earliestOpening(usual, "2026-2027")).isEqualTo(LocalDate.of(2027, 7, 2));
    assertThat(on("2027-07-01").served(usual, "2026-2027")).isFalse();
    assertThat(on("2027-07-02").served(usual, "2026-2027")).isTrue();
    String early = district(120);
    assertThat(on("2027-05-03").served(early, "2026-2027")).isTrue();
    assertThat(on("2027-05-02").served(early, "2026-2027")).isFalse();
  }

  @Test
  void aRoundForAYearNotYetServedOrWithNobodyToAssessIsRefusedAndNothingOpens() throws Exception {
    String district = district(ServedYears.DEFAULT_DAYS_BEFORE_END);
    int next = LocalDate.now(SHANGHAI).getYear() + 1;
    String future = next + "-" + (next + 1);
    String past = (next - 3) + "-" + (next - 2);
    RequestPostProcessor office = jwt().jwt(j -> j.claim("preferred_username", "office.rules").claim("name", "规则")
        .claim("roles", List.of("teaching-office")).claim("district_code", district));

    mvc.perform(post("/api/assessment-rounds").with(office).contentType("application/json")
            .content("{\"schoolYear\":\"" + future + "\"}"))
        .andExpect(status().isConflict()).andExpect(jsonPath("$.code").value("assessment.error.yearNotServed"));
    mvc.perform(post("/api/assessment-rounds").with(office).contentType("application/json")
            .content("{\"schoolYear\":\"" + past + "\"}"))
        .andExpect(status().isConflict()).andExpect(jsonPath("$.code").value("assessment.error.emptyRound"));
    mvc.perform(put("/api/assessment-rounds/" + future + "/schedule").with(office).contentType("application/json")
            .content("{\"opensAt\":\"" + (next + 1) + "-06-20T08:00\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.fields.opensAt").value(org.hamcrest.Matchers.containsString("开启时间过早")));
    assertThat(jdbc.sql("select count(*) from assessment_round where district_code = :d").param("d", district)
        .query(Long.class).single()).isZero();
    assertThat(jdbc.sql("select count(*) from assessment_schedule where district_code = :d").param("d", district)
        .query(Long.class).single()).isZero();
  }

  @Test
  void noYearIsCreditedAsRuralServiceBeforeItHasBeenServed() {
    ArchiveService archives = context.getBean(ArchiveService.class);
    Object rule = org.springframework.test.util.ReflectionTestUtils.getField(archives, "servedYears");
    long future = assessment("2027-2028");
    long served = assessment("2025-2026");
    try {
      // the context's archive service, with the rule's clock set to the day of the report
      org.springframework.test.util.ReflectionTestUtils.setField(archives, "servedYears", on("2026-12-05"));
      archives.archive(future, "EXCELLENT", true);
      archives.archive(served, "EXCELLENT", true);
    } finally {
      org.springframework.test.util.ReflectionTestUtils.setField(archives, "servedYears", rule);
    }

    assertThat(credits(future)).as("2027-2028 on 2026-12-05").isZero();
    assertThat(credits(served)).isEqualTo(1);
  }

  @Autowired org.springframework.context.ApplicationContext context;

  private long credits(long assessment) {
    return jdbc.sql("select count(*) from rural_service_credit where assessment_id = :a").param("a", assessment)
        .query(Long.class).single();
  }

  private long assessment(String year) {
    String token = "rules-" + System.nanoTime();
    jdbc.sql("""
        insert into rotation_application (teacher_username, teacher_name, home_school_code, target_school_code,
          district_code, batch_id, direction, post, subject, period_start, period_end, years_of_service, reasons,
          status, request_token, created_at, updated_at, version)
        values ('teacher.rules', '规则教师', 'LC-U01', 'LC-R01', 'LC', 1, 'URBAN_TO_RURAL', 'TEACHER', '数学',
          date '2025-09-01', date '2028-07-31', 8, '支教', 'APPROVED', :token, current_timestamp, current_timestamp, 0)""")
        .param("token", token).update();
    jdbc.sql("""
        insert into assignment (application_id, teacher_username, teacher_name, dispatching_school_code,
          receiving_school_code, batch_id, direction, post, starts_on, ends_on, monthly_subsidy, created_at)
        select id, 'teacher.rules', '规则教师', 'LC-U01', 'LC-R01', 1, 'URBAN_TO_RURAL', 'TEACHER', date '2025-09-01',
          date '2028-07-31', 400, current_timestamp from rotation_application where request_token = :token""")
        .param("token", token).update();
    long assignment = jdbc.sql("""
        select a.id from assignment a join rotation_application r on r.id = a.application_id where r.request_token = :t""")
        .param("t", token).query(Long.class).single();
    jdbc.sql("insert into assessment_round (district_code, school_year, opened_at, opened_by) values ('LC', :y, :at, 'x')"
            + " on conflict do nothing")
        .param("y", year).param("at", java.time.OffsetDateTime.ofInstant(Instant.now(), SHANGHAI)).update();
    long round = jdbc.sql("select id from assessment_round where district_code = 'LC' and school_year = :y")
        .param("y", year).query(Long.class).single();
    jdbc.sql("""
        insert into annual_assessment (round_id, assignment_id, teacher_username, teacher_name, dispatching_school_code,
          receiving_school_code, district_code, school_year, status, self_evaluation, created_at, updated_at, version)
        values (:r, :a, 'teacher.rules', '规则教师', 'LC-U01', 'LC-R01', 'LC', :y, 'IN_PROGRESS', '自我鉴定',
          current_timestamp, current_timestamp, 0)""").param("r", round).param("a", assignment).param("y", year).update();
    return jdbc.sql("select id from annual_assessment where assignment_id = :a and school_year = :y")
        .param("a", assignment).param("y", year).query(Long.class).single();
  }
}
