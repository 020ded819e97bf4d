package cn.jiaoliu.app.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.jiaoliu.testsupport.TestDatabase;
import cn.jiaoliu.testsupport.TestUsers;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The honour certificate of 30 years at rural schools, on a district of its own ('HR') and a day
 * fixed for the rule's arithmetic, 2026-09-15. The answers are worked out by hand:
 *
 * <pre>
 * staff    school          rural since  away  credited rotation years   on 2026-09-15
 * HR-01    HR-R1 乡镇       1996-09      0     —                         360 months: eligible since 2026-09-01
 * HR-02    HR-R2 村         1996-10      0     —                         359 months (29 y 11 m): not yet, 2026-10-01
 * HR-03    HR-U1 城区       1980-01      0     —                         at an urban school: not listed
 * HR-04    HR-R1            1980-01      0     left the post 2026-07-31  not in post: not listed
 * HR-05    HR-R1            2000-09      12    1994-1995 … 1999-2000 (6) and 2001-2002 (inside the span)
 *                                              312 − 12 + 72 = 372 months: eligible since 2025-09-01
 * HR-06    HR-R2            1997-10      0     —                         reaches 2027-10-01, beyond a year: not listed
 * HR-07    HR-R1            —            —     —                         no start month: counted as missing
 * HR-08    HR-R1            1996-09      0     leaves 2026-12-31         still in post: eligible
 * </pre>
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
@ContextConfiguration(initializers = TestDatabase.class)
class HonourRollTest {

  static final LocalDate DAY = LocalDate.of(2026, 9, 15);

  @Autowired HonourRoll honour;
  @Autowired JdbcClient jdbc;
  @Autowired MockMvc mvc;
  @Autowired ZoneId zone;

  @BeforeEach
  synchronized void district() {
    if (jdbc.sql("select count(*) from district where code = 'HR'").query(Long.class).single() > 0) {
      return;
    }
    jdbc.sql("insert into district (code, name) values ('HR', '荣誉测试区')").update();
    jdbc.sql("""
        insert into school (code, name, district_code, area_type, remoteness_tier, pupils) values
          ('HR-U1', '荣誉城区小学', 'HR', 'URBAN', 0, 1500),
          ('HR-R1', '荣誉镇中心小学', 'HR', 'TOWNSHIP', 1, 400),
          ('HR-R2', '荣誉村小学', 'HR', 'VILLAGE', 3, 60)""").update();
    teacher("HR-01", "一号", "HR-R1", "1996-09-01", null, null, null);
    teacher("HR-02", "二号", "HR-R2", "1996-10-01", 0, null, null);
    teacher("HR-03", "三号", "HR-U1", "1980-01-01", null, null, null);
    teacher("HR-04", "四号", "HR-R1", "1980-01-01", null, "2026-07-31", null);
    teacher("HR-05", "五号", "HR-R1", "2000-09-01", 12, null, "honour.five");
    teacher("HR-06", "六号", "HR-R2", "1997-10-01", null, null, null);
    teacher("HR-07", "七号", "HR-R1", null, null, null, null);
    teacher("HR-08", "八号", "HR-R1", "1996-09-01", null, "2026-12-31", null);
    // today's district: someone at 30 years whatever the day, for the page and the export
    teacher("HR-09", "九号", "HR-R1", YearMonth.now(zone).minusMonths(360).atDay(1).toString(), null, null, null);
    long assignment = assignment("honour.five");
    for (String year : List.of("1994-1995", "1995-1996", "1996-1997", "1997-1998", "1998-1999", "1999-2000",
        "2001-2002")) {
      credit("honour.five", assignment, year);
    }
  }

  @Test
  void thirtyYearsAtRuralSchoolsInPostMakeATeacherEligible() {
    HonourRoll.Roll roll = honour.on("HR", DAY);
    List<String> rows = new ArrayList<>();
    roll.rows().stream().filter(r -> !r.staffNumber().equals("HR-09")).forEach(r -> rows.add(r.staffNumber() + " "
        + r.years() + "y" + r.months() + "m " + r.creditedYearsBefore() + " " + r.reachesOn() + " " + r.eligible()));
    assertThat(rows).containsExactly(
        "HR-05 31y0m 6 2025-09-01 true",
        "HR-01 30y0m 0 2026-09-01 true",
        "HR-08 30y0m 0 2026-09-01 true",
        "HR-02 29y11m 0 2026-10-01 false");
    assertThat(roll.missingStart()).isEqualTo(1);
    // the day before HR-01's thirtieth year is complete, it is not eligible yet
    assertThat(honour.on("HR", LocalDate.of(2026, 8, 31)).rows().stream()
        .filter(r -> r.staffNumber().equals("HR-01")).findFirst().orElseThrow().eligible()).isFalse();
    // a revoked credited year no longer counts: HR-05 then has 360 months
    jdbc.sql("update rural_service_credit set revoked_at = :now where teacher_username = 'honour.five'"
        + " and school_year = '1994-1995'").param("now", OffsetDateTime.now()).update();
    try {
      assertThat(honour.on("HR", DAY).rows().stream().filter(r -> r.staffNumber().equals("HR-05")).findFirst()
          .orElseThrow()).satisfies(r -> {
            assertThat(r.creditedYearsBefore()).isEqualTo(5);
            assertThat(r.reachesOn()).isEqualTo(LocalDate.of(2026, 9, 1));
            assertThat(r.eligible()).isTrue();
          });
    } finally {
      jdbc.sql("update rural_service_credit set revoked_at = null where teacher_username = 'honour.five'").update();
    }
  }

  @Test
  void theOfficeOfTheDistrictSeesItsListAsAPageAndASpreadsheetAndNoOneElseDoes() throws Exception {
    var office = TestUsers.browser("office.hr", "teaching-office", "HR");
    String page = mvc.perform(get("/rural-service/honour").with(office)).andExpect(status().isOk())
        .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    assertThat(page).contains("九号", "荣誉镇中心小学", "符合条件").doesNotContain("三号", "四号");

    byte[] xlsx = mvc.perform(get("/rural-service/honour/export").param("format", "xlsx").with(office))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
    assertThat(new String(xlsx, 0, 2, StandardCharsets.ISO_8859_1)).as("a zip: XLSX").isEqualTo("PK");
    String csv = mvc.perform(get("/rural-service/honour/export").param("format", "csv").with(office))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    List<String> lines = csv.lines().map(l -> l.replace("\uFEFF", "").replace("\"", "").replace(',', '|')).toList();
    assertThat(lines).anyMatch(l -> l.startsWith("工号|姓名|学校代码|学校|农村从教起始年月"));
    assertThat(lines).anyMatch(l -> l.startsWith("HR-09|九号|HR-R1|荣誉镇中心小学|") && l.endsWith("|符合条件"));
    assertThat(lines).noneMatch(l -> l.startsWith("HR-03") || l.startsWith("HR-04"));

    // another district's office sees its own (nothing of HR); a principal and a teacher are refused
    String other = mvc.perform(get("/rural-service/honour").with(TestUsers.browser("office.lc", "teaching-office", "LC")))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    assertThat(other).doesNotContain("九号");
    mvc.perform(get("/api/rural-service/honour").with(TestUsers.bearer("principal.hr", "principal", "HR", "HR-R1")))
        .andExpect(status().isForbidden());
    mvc.perform(get("/rural-service/honour").with(TestUsers.browser("teacher.hr", "teacher", "HR")))
        .andExpect(status().isForbidden());
  }

  private void teacher(String staff, String name, String school, String since, Integer away, String left,
      String username) {
    jdbc.sql("""
        insert into teacher (staff_number, name, school_code, username, rural_teaching_since, rural_break_months,
          left_post_on, updated_at)
        values (:s, :n, :school, :u, :since, :away, :left, current_timestamp)""")
        .param("s", staff).param("n", name).param("school", school).param("u", username)
        .param("since", since == null ? null : LocalDate.parse(since)).param("away", away)
        .param("left", left == null ? null : LocalDate.parse(left)).update();
  }

  private long assignment(String username) {
    String token = "honour-" + System.nanoTime();
    jdbc.sql("""
        insert into rotation_application (teacher_username, teacher_name, home_school_code, target_school_code,
          district_code, batch_id, direction, post, subject, period_start, period_end, years_of_service, reasons,
          status, request_token, created_at, updated_at, version)
        values (:u, '五号', 'LC-U01', 'LC-R01', 'LC', 1, 'URBAN_TO_RURAL', 'TEACHER', '数学',
          date '1994-09-01', date '2002-07-31', 8, '支教', 'APPROVED', :token, current_timestamp, current_timestamp, 0)""")
        .param("u", username).param("token", token).update();
    jdbc.sql("""
        insert into assignment (application_id, teacher_username, teacher_name, dispatching_school_code,
          receiving_school_code, batch_id, direction, post, starts_on, ends_on, monthly_subsidy, created_at)
        select id, :u, '五号', 'LC-U01', 'LC-R01', 1, 'URBAN_TO_RURAL', 'TEACHER', date '1994-09-01',
          date '2002-07-31', 400, current_timestamp from rotation_application where request_token = :token""")
        .param("u", username).param("token", token).update();
    return jdbc.sql("""
        select a.id from assignment a join rotation_application r on r.id = a.application_id where r.request_token = :t""")
        .param("t", token).query(Long.class).single();
  }

  private void credit(String username, long assignment, String year) {
    jdbc.sql("insert into assessment_round (district_code, school_year, opened_at, opened_by) values ('LC', :y, :at, 'x')"
        + " on conflict do nothing").param("y", year).param("at", OffsetDateTime.now()).update();
    long round = jdbc.sql("select id from assessment_round where district_code = 'LC' and school_year = :y")
        .param("y", year).query(Long.class).single();
    jdbc.sql("""
        insert into annual_assessment (round_id, assignment_id, teacher_username, teacher_name, dispatching_school_code,
          receiving_school_code, district_code, school_year, status, grade, created_at, updated_at, version)
        values (:r, :a, :u, '五号', 'LC-U01', 'LC-R01', 'LC', :y, 'ARCHIVED', 'QUALIFIED', current_timestamp,
          current_timestamp, 0)""").param("r", round).param("a", assignment).param("u", username).param("y", year)
        .update();
    jdbc.sql("""
        insert into rural_service_credit (teacher_username, assessment_id, school_year, grade, credited_at)
        select :u, id, :y, 'QUALIFIED', current_timestamp from annual_assessment where assignment_id = :a
          and school_year = :y""").param("u", username).param("a", assignment).param("y", year).update();
  }
}
