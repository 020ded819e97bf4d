package cn.jiaoliu.app.planning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.jiaoliu.app.programme.BatchOpened;
import cn.jiaoliu.app.programme.Batches;
import cn.jiaoliu.app.security.JiaoliuUser;
import cn.jiaoliu.app.security.Role;
import cn.jiaoliu.app.web.UserFacingException;
import cn.jiaoliu.testsupport.TestDatabase;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/** The rules on the data set of {@link PlanningDataSet}, whose answers it states by hand. */
@SpringBootTest
@ActiveProfiles("test")
@ContextConfiguration(initializers = TestDatabase.class)
class RotationPlansTest {

  static final JiaoliuUser OFFICE = new JiaoliuUser("office.pl", "规划教学办", Set.of(Role.TEACHING_OFFICE), null, "PL");
  static final JiaoliuUser PRINCIPAL = new JiaoliuUser("principal.pl", "规划校长", Set.of(Role.PRINCIPAL), "PL-U01", "PL");

  @Autowired RotationPlans plans;
  @Autowired Exemptions exemptions;
  @Autowired PairingActivities activities;
  @Autowired JdbcClient jdbc;
  @Autowired Batches batches;
  @Autowired ApplicationEventPublisher events;

  long batchId;

  @BeforeEach
  void dataSet() {
    batchId = PlanningDataSet.ensure(jdbc);
  }

  private PlanningScope office() {
    return PlanningScope.of(OFFICE, Map.of());
  }

  private Map<String, Standing.Kind> standings(String school, LocalDate day) {
    Optional<Batches.Batch> batch = batches.batch(batchId);
    return plans.standings("PL", school, day, batch).stream()
        .collect(Collectors.toMap(d -> d.teacher().staffNumber(), d -> d.standing().kind()));
  }

  @Test
  void whoIsDueOnTheFirstDayOfTheBatch() {
    Map<String, Standing.Kind> u01 = standings("PL-U01", PlanningDataSet.DAY);
    assertThat(u01).containsEntry("PL-T01", Standing.Kind.DUE)
        .containsEntry("PL-T02", Standing.Kind.NOT_YET)
        .containsEntry("PL-T03", Standing.Kind.NEAR_RETIREMENT)
        .containsEntry("PL-T04", Standing.Kind.DUE)
        .containsEntry("PL-T05", Standing.Kind.DUE)
        .containsEntry("PL-T06", Standing.Kind.EXEMPT)
        .containsEntry("PL-T07", Standing.Kind.DUE)
        .containsEntry("PL-T08", Standing.Kind.DUE)
        .containsEntry("PL-T09", Standing.Kind.UNKNOWN)
        .containsEntry("PL-T10", Standing.Kind.SERVING)
        .containsEntry("PL-T11", Standing.Kind.DUE)
        .containsEntry("PL-T17", Standing.Kind.NOT_YET)
        .hasSize(17);
    assertThat(u01.values().stream().filter(k -> k == Standing.Kind.DUE).count()).isEqualTo(11);
    assertThat(standings("PL-R01", PlanningDataSet.DAY)).containsExactly(Map.entry("PL-R01", Standing.Kind.DUE));
  }

  @Test
  void exemptionsCoverTheirDaysOnly() {
    // before T05's exemption ran out it covered her; the day after, she is due again
    assertThat(standings("PL-U01", LocalDate.of(2027, 6, 30))).containsEntry("PL-T05", Standing.Kind.EXEMPT);
    assertThat(standings("PL-U01", LocalDate.of(2027, 7, 1))).containsEntry("PL-T05", Standing.Kind.DUE);
    // T06's runs until 2028-08-31; on 2028-09-01 she is due
    assertThat(standings("PL-U01", LocalDate.of(2028, 8, 31))).containsEntry("PL-T06", Standing.Kind.EXEMPT);
    assertThat(standings("PL-U01", LocalDate.of(2028, 9, 1))).containsEntry("PL-T06", Standing.Kind.DUE);
    // back from a rotation on 2023-07-15, T17's six years count again from the day after
    assertThat(standings("PL-U01", LocalDate.of(2029, 7, 15))).containsEntry("PL-T17", Standing.Kind.NOT_YET);
    assertThat(standings("PL-U01", LocalDate.of(2029, 7, 16))).containsEntry("PL-T17", Standing.Kind.DUE);
    // the vice-principal is due after 5 years, not 6; the day before, not yet
    assertThat(standings("PL-U01", LocalDate.of(2027, 8, 31))).containsEntry("PL-T08", Standing.Kind.NOT_YET)
        .containsEntry("PL-T01", Standing.Kind.NOT_YET);
  }

  @Test
  void targetsAndTheirFulfilment() {
    RotationPlans.Dashboard d = plans.dashboard(office(), batches.batch(batchId).orElseThrow());
    assertThat(d.schools()).extracting(s -> s.schoolCode() + " due " + s.due() + " target " + s.target().target()
            + "/" + s.target().backboneTarget() + " applied " + s.applied() + " approved " + s.approved()
            + " backbone " + s.approvedBackbone() + " " + s.backboneShare() + "% " + (s.met() ? "met" : "not met"))
        .containsExactly(
            "PL-U01 due 11 target 2/1 applied 3 approved 2 backbone 1 50% met",
            "PL-U02 due 3 target 1/1 applied 1 approved 1 backbone 0 0% not met");
    assertThat(List.of(d.due(), d.target(), d.backboneTarget(), d.applied(), d.approved(), d.approvedBackbone(),
        d.backboneShare())).containsExactly(14, 3, 2, 4, 3, 1, 33);
    assertThat(d.met()).isEqualTo(1);
  }

  @Test
  void aPrincipalSeesTheirOwnSchoolOnly() {
    PlanningScope principal = PlanningScope.of(PRINCIPAL, Map.of("PL-U01", "PL"));
    RotationPlans.Dashboard d = plans.dashboard(principal, batches.batch(batchId).orElseThrow());
    assertThat(d.schools()).extracting(RotationPlans.SchoolProgress::schoolCode).containsExactly("PL-U01");
    Map<String, String> schools = plans.schoolDistricts("PL");
    assertThat(principal.school(null, schools)).isEqualTo("PL-U01");
    assertThatThrownBy(() -> principal.school("PL-U02", schools)).isInstanceOf(UserFacingException.class)
        .extracting(e -> ((UserFacingException) e).status().value()).isEqualTo(404);
    assertThatThrownBy(() -> office().school("PX-U01", schools)).isInstanceOf(UserFacingException.class)
        .extracting(e -> ((UserFacingException) e).status().value()).isEqualTo(404);
    assertThatThrownBy(principal::requireOffice).isInstanceOf(UserFacingException.class)
        .extracting(e -> ((UserFacingException) e).status().value()).isEqualTo(403);
  }

  @Test
  void whoOnTheListHasNotApplied() {
    List<String> notApplied = plans.standings("PL", "PL-U01", PlanningDataSet.DAY, batches.batch(batchId))
        .stream().filter(RotationPlans.DueTeacher::notApplied).map(d -> d.teacher().staffNumber()).sorted().toList();
    assertThat(notApplied).containsExactly("PL-T04", "PL-T07", "PL-T08", "PL-T11", "PL-T13", "PL-T14", "PL-T15",
        "PL-T16");
  }

  @Test
  void eachPairingsActivitiesPerSemesterAgainstTheMinimum() {
    PairingActivities.Overview first = activities.overview(office(), Semester.parse("2026-2027-1"));
    assertThat(first.minimum()).isEqualTo(2);
    assertThat(first.pairings()).extracting(r -> r.pairing().urbanCode() + "-" + r.pairing().ruralCode() + " "
            + r.jointResearch() + "+" + r.sendings() + " " + (r.met() ? "met" : "not met"))
        .containsExactly("PL-U01-PL-R01 2+1 met", "PL-U02-PL-R01 1+0 not met");
    assertThat(first.met()).isEqualTo(1);
    assertThat(first.pairings().getFirst().activities()).extracting(a -> a.day().toString())
        .containsExactly("2026-10-15", "2026-11-20", "2026-12-01");
    PairingActivities.Overview second = activities.overview(office(), Semester.parse("2026-2027-2"));
    assertThat(second.pairings()).extracting(r -> r.jointResearch() + " " + r.met()).containsExactly("1 false", "0 false");
    // a principal of PL-U02 sees the pairings of their school only
    PlanningScope u02 = PlanningScope.of(new JiaoliuUser("principal.pl2", "校长", Set.of(Role.PRINCIPAL), "PL-U02", "PL"),
        Map.of("PL-U02", "PL"));
    assertThat(activities.overview(u02, Semester.parse("2026-2027-1")).pairings())
        .extracting(r -> r.pairing().urbanCode()).containsExactly("PL-U02");
  }

  @Test
  void semestersFromDatesAndLinks() {
    assertThat(Semester.of(LocalDate.of(2026, 9, 1)).code()).isEqualTo("2026-2027-1");
    assertThat(Semester.of(LocalDate.of(2027, 1, 31)).code()).isEqualTo("2026-2027-1");
    assertThat(Semester.of(LocalDate.of(2027, 2, 1)).code()).isEqualTo("2026-2027-2");
    assertThat(Semester.of(LocalDate.of(2027, 8, 31)).code()).isEqualTo("2026-2027-2");
    assertThat(Semester.parse("2026-2027-2").starts()).isEqualTo(LocalDate.of(2027, 2, 1));
    assertThat(Semester.parse("2026-2027-1").previous().code()).isEqualTo("2025-2026-2");
    assertThatThrownBy(() -> Semester.parse("2026-2028-1")).isInstanceOf(UserFacingException.class);
    assertThatThrownBy(() -> Semester.parse("2026-2027-3")).isInstanceOf(UserFacingException.class);
  }

  @Test
  void openingABatchGivesTargetsOnceWithTheRulesOfThatMoment() {
    jdbc.sql("""
        insert into rotation_batch (district_code, name, opens_on, closes_on, period_starts, period_ends, status)
        values ('PL', '规划新批', date '2027-03-01', date '2027-06-30', date '2027-09-01', date '2028-07-31', 'OPEN')""")
        .update();
    long id = jdbc.sql("select id from rotation_batch where name = '规划新批'").query(Long.class).single();
    events.publishEvent(new BatchOpened(id, "PL", "office.pl"));
    assertThat(jdbc.sql("""
            select school_code || ' ' || eligible || ' ' || target || ' ' || backbone_target || ' ' || computed_by
            from batch_target where batch_id = :b order by school_code""").param("b", id).query(String.class).list())
        .containsExactly("PL-U01 11 2 1 office.pl", "PL-U02 3 1 1 office.pl");
    // a second event (the batch closed and opened again) keeps what was given
    events.publishEvent(new BatchOpened(id, "PL", "someone.else"));
    assertThat(jdbc.sql("select count(*) from batch_target where batch_id = :b and computed_by = 'office.pl'")
        .param("b", id).query(Long.class).single()).isEqualTo(2);
  }

  @Test
  void anExemptionIsCheckedBeforeItIsRecordedAndEndsEarlyWhenRevoked() {
    UserFacingException bad = org.assertj.core.api.Assertions.catchThrowableOfType(UserFacingException.class,
        () -> exemptions.grant(office(), new Exemptions.ExemptionForm("PX-NOPE", "OTHER", "", LocalDate.of(2027, 1, 1),
            LocalDate.of(2033, 1, 1)), Map.of()));
    assertThat(bad.fieldErrors()).containsEntry("staffNumber", "planning.error.unknownTeacher")
        .containsEntry("note", "planning.error.noteForOther")
        .containsEntry("validUntil", "planning.error.exemptionTooLong");
    assertThatThrownBy(() -> exemptions.grant(PlanningScope.of(PRINCIPAL, Map.of("PL-U01", "PL")),
        new Exemptions.ExemptionForm("PL-T16", "SERIOUS_ILLNESS", "", LocalDate.of(2027, 1, 1), LocalDate.of(2027, 12, 31)),
        Map.of())).isInstanceOf(UserFacingException.class);

    Exemption granted = exemptions.grant(office(), new Exemptions.ExemptionForm("PL-T16", "SERIOUS_ILLNESS", "",
        LocalDate.of(2027, 1, 1), LocalDate.of(2027, 12, 31)), Map.of());
    assertThat(standings("PL-U01", PlanningDataSet.DAY)).containsEntry("PL-T16", Standing.Kind.EXEMPT);
    exemptions.revoke(office(), granted.id());
    assertThat(standings("PL-U01", PlanningDataSet.DAY)).containsEntry("PL-T16", Standing.Kind.DUE);
    assertThat(jdbc.sql("select count(*) from audit_event where action in ('EXEMPTION_GRANTED', 'EXEMPTION_REVOKED') "
        + "and subject_id = :id").param("id", granted.id()).query(Long.class).single()).isEqualTo(2);
  }
}
