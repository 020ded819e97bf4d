package cn.jiaoliu.app.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import cn.jiaoliu.app.security.JiaoliuUser;
import cn.jiaoliu.app.security.Role;
import cn.jiaoliu.app.statistics.Statistics.DirectionCount;
import cn.jiaoliu.app.statistics.Statistics.Flow;
import cn.jiaoliu.app.statistics.Statistics.GradeCount;
import cn.jiaoliu.app.statistics.Statistics.RuralSchool;
import cn.jiaoliu.app.statistics.Statistics.SchoolCount;
import cn.jiaoliu.app.statistics.Statistics.StepAge;
import cn.jiaoliu.app.statistics.Statistics.StepDuration;
import cn.jiaoliu.app.web.UserFacingException;
import cn.jiaoliu.testsupport.TestDatabase;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * The statistics of the test district 'ST' (see {@link StatisticsDataSet} for every row), counted
 * by hand: person-times by direction, school year, batch, school and subject; rural schools
 * reached; open approvals by age; average time per step; grades. Then the scopes: a principal gets
 * their school's numbers only, another school is a 404, a teacher a 403, another district's office
 * nothing of 'ST'. On H2, and on PostgreSQL with -Ppostgres.
 */
@SpringBootTest
@ActiveProfiles("test")
@ContextConfiguration(initializers = TestDatabase.class)
class StatisticsServiceTest {

  static final JiaoliuUser OFFICE = user("office.st", Role.TEACHING_OFFICE, null, "ST");
  static final JiaoliuUser ADMIN = user("admin.st", Role.ADMIN, null, "ST");
  static final JiaoliuUser PRINCIPAL_U1 = user("principal.st.u1", Role.PRINCIPAL, "ST-U1", "ST");
  static final JiaoliuUser TEACHER = user("teacher.st", Role.TEACHER, "ST-U1", "ST");
  static final JiaoliuUser OTHER_OFFICE = user("office.sx", Role.TEACHING_OFFICE, null, "SX");

  @Autowired StatisticsService service;
  @Autowired StatisticsScopes scopes;
  @Autowired JdbcClient jdbc;

  static JiaoliuUser user(String name, Role role, String school, String district) {
    return new JiaoliuUser(name, name, Set.of(role), school, district);
  }

  @BeforeEach
  void dataSet() {
    StatisticsDataSet.ensure(jdbc);
  }

  private Statistics of(JiaoliuUser user, String school, String year, String batch) {
    return service.of(scopes.scope(user, school, year, batch));
  }

  @Test
  void personTimesOfTheWholeDistrictByDirectionYearBatchSchoolAndSubject() {
    Statistics s = of(OFFICE, null, null, null);

    // A1, A2, A3, A5 go down to rural schools; A4, A6 come up
    assertThat(s.personTimes().urbanToRural()).isEqualTo(4);
    assertThat(s.personTimes().ruralToUrban()).isEqualTo(2);
    assertThat(s.personTimes().total()).isEqualTo(6);
    // 2026-2027: A1, A2, A3 (支教) and A4, A6 (跟岗; A6 starts on 31 August 2027); 2027-2028: A5
    assertThat(s.personTimes().byYear()).extracting(DirectionCount::label, DirectionCount::urbanToRural,
            DirectionCount::ruralToUrban)
        .containsExactly(tuple("2026-2027", 3, 2), tuple("2027-2028", 1, 0));
    assertThat(s.personTimes().byBatch()).extracting(DirectionCount::label, DirectionCount::urbanToRural,
            DirectionCount::ruralToUrban)
        .containsExactly(tuple(StatisticsDataSet.BATCH_1, 3, 1), tuple(StatisticsDataSet.BATCH_2, 1, 1));
    // 数学 A1, A3, A5; then one each, by name
    assertThat(s.personTimes().bySubject()).extracting(DirectionCount::label, DirectionCount::total)
        .containsExactly(tuple("数学", 3), tuple("英语", 1), tuple("语文", 1), tuple("音乐", 1));
    // R1 sent A4 and received A1, A2, A5; U1 sent A1, A2 and received A4; U2 sent A3, A5 and received A6;
    // R2 sent A6 and received A3; R3 took part in nothing
    assertThat(s.personTimes().bySchool()).extracting(SchoolCount::code, SchoolCount::dispatched, SchoolCount::received)
        .containsExactly(tuple("ST-R1", 1, 3), tuple("ST-U1", 2, 1), tuple("ST-U2", 2, 1), tuple("ST-R2", 1, 1));
  }

  @Test
  void flowsOfTeachersFromDispatchingToReceivingSchools() {
    // U1 → R1 A1, A2; then one each (A4, A6, A5, A3) by the dispatching and the receiving school's code
    assertThat(of(OFFICE, null, null, null).personTimes().flows())
        .extracting(Flow::fromCode, Flow::fromName, Flow::toCode, Flow::toName, Flow::personTimes)
        .containsExactly(tuple("ST-U1", "城区一小", "ST-R1", "甲镇中心小学", 2), tuple("ST-R1", "甲镇中心小学", "ST-U1", "城区一小", 1),
            tuple("ST-R2", "乙村小学", "ST-U2", "城区二中", 1), tuple("ST-U2", "城区二中", "ST-R1", "甲镇中心小学", 1),
            tuple("ST-U2", "城区二中", "ST-R2", "乙村小学", 1));
    // the principal of U1: only what U1 sends or receives
    assertThat(of(PRINCIPAL_U1, null, null, null).personTimes().flows())
        .extracting(Flow::fromCode, Flow::toCode, Flow::personTimes)
        .containsExactly(tuple("ST-U1", "ST-R1", 2), tuple("ST-R1", "ST-U1", 1));
    // the school year filter: A5 alone
    assertThat(of(OFFICE, null, "2027-2028", null).personTimes().flows())
        .extracting(Flow::fromCode, Flow::toCode, Flow::personTimes).containsExactly(tuple("ST-U2", "ST-R1", 1));
    assertThat(of(OTHER_OFFICE, null, null, null).personTimes().flows()).isEmpty();
  }

  @Test
  void theTrendCountsEverySchoolYearWhicheverYearIsChosen() {
    // A1, A2, A3 / A4, A6 start in 2026-2027; A5 in 2027-2028
    assertThat(of(OFFICE, null, null, null).personTimes().trend())
        .extracting(DirectionCount::label, DirectionCount::urbanToRural, DirectionCount::ruralToUrban)
        .containsExactly(tuple("2026-2027", 3, 2), tuple("2027-2028", 1, 0));
    // the year chosen does not narrow the trend (its years are the axis)
    assertThat(of(OFFICE, null, "2027-2028", null).personTimes().trend())
        .extracting(DirectionCount::label, DirectionCount::urbanToRural, DirectionCount::ruralToUrban)
        .containsExactly(tuple("2026-2027", 3, 2), tuple("2027-2028", 1, 0));
    // batch B2: A6 (跟岗, 31 August 2027) and A5 (支教, 1 September 2027)
    String b2 = String.valueOf(StatisticsDataSet.batchId(jdbc, StatisticsDataSet.BATCH_2));
    assertThat(of(OFFICE, null, null, b2).personTimes().trend())
        .extracting(DirectionCount::label, DirectionCount::urbanToRural, DirectionCount::ruralToUrban)
        .containsExactly(tuple("2026-2027", 0, 1), tuple("2027-2028", 1, 0));
    // the principal of U1: A1, A2 / A4
    assertThat(of(PRINCIPAL_U1, null, null, null).personTimes().trend())
        .extracting(DirectionCount::label, DirectionCount::urbanToRural, DirectionCount::ruralToUrban)
        .containsExactly(tuple("2026-2027", 2, 1));
    assertThat(of(OTHER_OFFICE, null, null, null).personTimes().trend()).isEmpty();
  }

  @Test
  void aSchoolYearWithoutRotationsBetweenTwoWithCountsZeroInTheTrend() {
    List<DirectionCount> trend = StatisticsService.trend(List.of(
        new StatisticsQueries.TrendRow(2024, "URBAN_TO_RURAL", 2), new StatisticsQueries.TrendRow(2026, "RURAL_TO_URBAN", 1),
        new StatisticsQueries.TrendRow(2026, "URBAN_TO_RURAL", 4)));

    assertThat(trend).extracting(DirectionCount::label, DirectionCount::urbanToRural, DirectionCount::ruralToUrban)
        .containsExactly(tuple("2024-2025", 2, 0), tuple("2025-2026", 0, 0), tuple("2026-2027", 4, 1));
  }

  @Test
  void twoOfThreeRuralSchoolsAreReached() {
    Statistics s = of(OFFICE, null, null, null);

    assertThat(s.ruralReach().reached()).isEqualTo(2);
    assertThat(s.ruralReach().ruralSchools()).isEqualTo(3);
    assertThat(s.ruralReach().percent()).isEqualByComparingTo("66.7");
    assertThat(s.ruralReach().schools()).extracting(RuralSchool::code, RuralSchool::personTimes, RuralSchool::reached)
        .containsExactly(tuple("ST-R1", 4, true), tuple("ST-R2", 2, true), tuple("ST-R3", 0, false));
  }

  @Test
  void openApprovalsByStepAndAgeCountOnlyOpenTasks() {
    Statistics s = of(OFFICE, null, null, null);

    // P1 1 day, P2 5 days (签署意见); P3 10 days (接收); P4 8 days (审批); P1's cancelled and completing tasks are not open
    assertThat(s.openApprovals()).extracting(StepAge::elementId, StepAge::underThreeDays, StepAge::threeToSevenDays,
            StepAge::overSevenDays)
        .containsExactly(tuple("Task_SignOpinion", 1, 1, 0), tuple("Task_ReviseApplication", 0, 0, 0),
            tuple("Task_AcceptTeacher", 0, 0, 1), tuple("Task_ApproveApplication", 0, 0, 1));
  }

  @Test
  void averageTimePerStepOfBothProcesses() {
    Statistics s = of(OFFICE, null, null, null);

    // 签署意见 (10 h + 30 h) / 2 = 20 h; 接收 20 h; 审批 (48 h + 24 h) / 2 = 36 h; 自我鉴定 (72 h + 24 h) / 2 = 48 h
    assertThat(s.stepDurations()).extracting(StepDuration::processId, StepDuration::elementId, StepDuration::completed,
            StepDuration::averageHours)
        .containsExactly(
            tuple("rotation-application", "Task_SignOpinion", 2, new BigDecimal("20.0")),
            tuple("rotation-application", "Task_ReviseApplication", 0, null),
            tuple("rotation-application", "Task_AcceptTeacher", 1, new BigDecimal("20.0")),
            tuple("rotation-application", "Task_ApproveApplication", 2, new BigDecimal("36.0")),
            tuple("annual-assessment", "Task_WriteSelfEvaluation", 2, new BigDecimal("48.0")),
            tuple("annual-assessment", "Task_AssessTeacher", 1, new BigDecimal("12.0")),
            tuple("annual-assessment", "Task_SignDispatchingOpinion", 0, null),
            tuple("annual-assessment", "Task_ApproveAssessment", 0, null));
  }

  @Test
  void gradesOfArchivedAssessmentsPerSchoolYear() {
    Statistics s = of(OFFICE, null, null, null);

    // AS4 is still in progress and does not count
    assertThat(s.grades()).extracting(GradeCount::schoolYear, GradeCount::excellent, GradeCount::qualified,
            GradeCount::basicallyQualified, GradeCount::unqualified, GradeCount::total)
        .containsExactly(tuple("2026-2027", 1, 2, 0, 0, 3), tuple("2027-2028", 0, 0, 1, 0, 1));
  }

  @Test
  void theSchoolYearFilterCountsByStartDate() {
    Statistics s = of(OFFICE, null, "2027-2028", null);

    assertThat(s.personTimes().urbanToRural()).isEqualTo(1);
    assertThat(s.personTimes().ruralToUrban()).isZero();
    assertThat(s.ruralReach().reached()).isEqualTo(1);
    assertThat(s.ruralReach().percent()).isEqualByComparingTo("33.3");
    assertThat(s.grades()).extracting(GradeCount::schoolYear).containsExactly("2027-2028");
    // the open applications P1..P4 all start on 1 September 2027
    assertThat(s.openApprovals().stream().mapToInt(StepAge::total).sum()).isEqualTo(4);
    assertThat(of(OFFICE, null, "2026-2027", null).openApprovals().stream().mapToInt(StepAge::total).sum()).isZero();
    assertThat(of(OFFICE, null, "2026-2027", null).personTimes().total()).isEqualTo(5);
  }

  @Test
  void theBatchFilterCountsOneBatch() {
    long b1 = StatisticsDataSet.batchId(jdbc, StatisticsDataSet.BATCH_1);
    Statistics s = of(OFFICE, null, null, String.valueOf(b1));

    assertThat(s.scope().batchName()).isEqualTo(StatisticsDataSet.BATCH_1);
    assertThat(s.personTimes().urbanToRural()).isEqualTo(3);
    assertThat(s.personTimes().ruralToUrban()).isEqualTo(1);
    assertThat(s.ruralReach().reached()).isEqualTo(2);
    assertThat(s.grades()).extracting(GradeCount::schoolYear, GradeCount::total).containsExactly(tuple("2026-2027", 3));
    assertThat(s.openApprovals().stream().mapToInt(StepAge::total).sum()).as("P1..P4 are in batch 2").isZero();
    assertThat(s.stepDurations()).filteredOn(d -> d.elementId().equals("Task_SignOpinion"))
        .extracting(StepDuration::completed).containsExactly(2);
  }

  @Test
  void anAdministratorSeesTheDistrictOfTheirToken() {
    assertThat(of(ADMIN, null, null, null).personTimes().total()).isEqualTo(6);
  }

  @Test
  void thePrincipalOfU1CountsOnlyWhatU1DispatchesOrReceives() {
    Statistics s = of(PRINCIPAL_U1, null, null, null);

    assertThat(s.scope().schoolCode()).isEqualTo("ST-U1");
    // A1, A2 (sent), A4 (received)
    assertThat(s.personTimes().urbanToRural()).isEqualTo(2);
    assertThat(s.personTimes().ruralToUrban()).isEqualTo(1);
    assertThat(s.personTimes().bySchool()).extracting(SchoolCount::code, SchoolCount::dispatched, SchoolCount::received)
        .containsExactly(tuple("ST-U1", 2, 1));
    assertThat(s.personTimes().bySubject()).extracting(DirectionCount::label).containsExactlyInAnyOrder("数学", "语文", "英语");
    // only R1 is reached through U1
    assertThat(s.ruralReach().reached()).isEqualTo(1);
    assertThat(s.ruralReach().percent()).isEqualByComparingTo("33.3");
    // P1 (home U1, 1 day), P3 (home U1, 10 days), P4 (target U1, 8 days); not P2
    assertThat(s.openApprovals()).extracting(StepAge::elementId, StepAge::total)
        .containsExactly(tuple("Task_SignOpinion", 1), tuple("Task_ReviseApplication", 0),
            tuple("Task_AcceptTeacher", 1), tuple("Task_ApproveApplication", 1));
    // only A1's application and AS1
    assertThat(s.stepDurations()).filteredOn(d -> d.completed() > 0)
        .extracting(StepDuration::elementId, StepDuration::averageHours)
        .containsExactly(tuple("Task_SignOpinion", new BigDecimal("10.0")), tuple("Task_AcceptTeacher", new BigDecimal("20.0")),
            tuple("Task_ApproveApplication", new BigDecimal("48.0")), tuple("Task_WriteSelfEvaluation", new BigDecimal("72.0")),
            tuple("Task_AssessTeacher", new BigDecimal("12.0")));
    // AS1 (U1 → R1, 优秀) and AS3 (R1 → U1, 合格); not AS2 or AS5 of U2
    assertThat(s.grades()).extracting(GradeCount::schoolYear, GradeCount::excellent, GradeCount::qualified,
            GradeCount::total)
        .containsExactly(tuple("2026-2027", 1, 1, 2));
    // naming their own school is the same
    assertThat(of(PRINCIPAL_U1, "ST-U1", null, null).personTimes().total()).isEqualTo(3);
  }

  @Test
  void aPrincipalAskingForAnotherSchoolGetsNotFound() {
    assertStatus(() -> scopes.scope(PRINCIPAL_U1, "ST-U2", null, null), HttpStatus.NOT_FOUND);
    assertStatus(() -> scopes.scope(PRINCIPAL_U1, "LC-U01", null, null), HttpStatus.NOT_FOUND);
  }

  @Test
  void aTeacherIsForbidden() {
    assertStatus(() -> scopes.scope(TEACHER, null, null, null), HttpStatus.FORBIDDEN);
    assertStatus(() -> scopes.scope(user("nobody", Role.TEACHING_OFFICE, null, null), null, null, null),
        HttpStatus.FORBIDDEN);
  }

  @Test
  void theOfficeOfAnotherDistrictSeesNothingOfSt() {
    Statistics s = of(OTHER_OFFICE, null, null, null);

    assertThat(s.scope().districtCode()).isEqualTo("SX");
    assertThat(s.personTimes().total()).isZero();
    assertThat(s.personTimes().bySchool()).isEmpty();
    assertThat(s.ruralReach().reached()).isZero();
    assertThat(s.ruralReach().ruralSchools()).isEqualTo(1);
    assertThat(s.ruralReach().schools()).extracting(RuralSchool::code).containsExactly("SX-R1");
    assertThat(s.openApprovals()).allSatisfy(a -> assertThat(a.total()).isZero());
    assertThat(s.stepDurations()).allSatisfy(d -> assertThat(d.completed()).isZero());
    assertThat(s.grades()).isEmpty();
    // nor by naming a school or a batch of ST
    assertStatus(() -> scopes.scope(OTHER_OFFICE, "ST-U1", null, null), HttpStatus.NOT_FOUND);
    String stBatch = String.valueOf(StatisticsDataSet.batchId(jdbc, StatisticsDataSet.BATCH_1));
    assertStatus(() -> scopes.scope(OTHER_OFFICE, null, null, stBatch), HttpStatus.NOT_FOUND);
    assertStatus(() -> scopes.scope(PRINCIPAL_U1, null, null,
        String.valueOf(jdbc.sql("select min(id) from rotation_batch where district_code = 'LC'").query(Long.class).single())),
        HttpStatus.NOT_FOUND);
  }

  @Test
  void theOfficeMayNarrowToOneOfItsSchools() {
    Statistics s = of(OFFICE, "ST-U2", null, null);

    // A3, A5 (sent), A6 (received)
    assertThat(s.personTimes().total()).isEqualTo(3);
    assertThat(s.personTimes().bySchool()).extracting(SchoolCount::code).containsExactly("ST-U2");
  }

  @Test
  void badFiltersAreFieldErrors() {
    assertThatThrownBy(() -> scopes.scope(OFFICE, null, "2026-2028", null))
        .isInstanceOfSatisfying(UserFacingException.class,
            e -> assertThat(e.fieldErrors()).containsEntry("year", "statistics.error.schoolYear"));
    assertThatThrownBy(() -> scopes.scope(OFFICE, null, null, "eins"))
        .isInstanceOfSatisfying(UserFacingException.class,
            e -> assertThat(e.fieldErrors()).containsEntry("batch", "error.invalidNumber"));
  }

  @Test
  void theFiltersOfferTheDistrictsYearsAndBatches() {
    StatisticsScopes.Filters filters = scopes.filters(scopes.scope(OFFICE, null, null, null), OFFICE);

    assertThat(filters.schoolYears()).contains("2027-2028", "2026-2027");
    assertThat(filters.batches()).extracting(StatisticsQueries.BatchRow::name)
        .containsExactly(StatisticsDataSet.BATCH_2, StatisticsDataSet.BATCH_1);
    assertThat(filters.schools()).hasSize(5);
    assertThat(scopes.filters(scopes.scope(PRINCIPAL_U1, null, null, null), PRINCIPAL_U1).schools()).isEmpty();
  }

  private static void assertStatus(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, HttpStatus status) {
    assertThatThrownBy(call).isInstanceOfSatisfying(UserFacingException.class,
        e -> assertThat(e.status()).isEqualTo(status));
  }
}
