package cn.jiaoliu.app.planning;

import cn.jiaoliu.app.application.Assignments;
import cn.jiaoliu.app.application.BatchApplicants;
import cn.jiaoliu.app.application.BatchApplicants.Applicant;
import cn.jiaoliu.app.application.Direction;
import cn.jiaoliu.app.audit.AuditTrail;
import cn.jiaoliu.app.persistence.RecordRows;
import cn.jiaoliu.app.programme.BatchOpened;
import cn.jiaoliu.app.programme.Batches;
import cn.jiaoliu.app.programme.Roster;
import cn.jiaoliu.app.programme.School;
import cn.jiaoliu.app.programme.SchoolRepository;
import cn.jiaoliu.app.web.UserFacingException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The district's plan for a batch: who is due to rotate at each school on the day the batch's period
 * starts (应交流人员), the target each urban school was given when the batch opened, and how far each
 * school has come (applied, approved, backbone share). Targets go to urban schools: the national
 * opinion asks the stronger, urban schools to send; rural schools' teachers are listed as due all the
 * same.
 */
@Service
class RotationPlans {

  /** How far back a teacher's last rotation is looked for. */
  static final int HISTORY_YEARS = 40;

  private final JdbcClient jdbc;
  private final Roster roster;
  private final RuleBook rules;
  private final Exemptions exemptions;
  private final Assignments assignments;
  private final BatchApplicants applicants;
  private final Batches batches;
  private final SchoolRepository schools;
  private final AuditTrail audit;
  private final Clock clock;

  RotationPlans(JdbcClient jdbc, Roster roster, RuleBook rules, Exemptions exemptions, Assignments assignments,
      BatchApplicants applicants, Batches batches, SchoolRepository schools, AuditTrail audit, Clock clock) {
    this.jdbc = jdbc;
    this.roster = roster;
    this.rules = rules;
    this.exemptions = exemptions;
    this.assignments = assignments;
    this.applicants = applicants;
    this.batches = batches;
    this.schools = schools;
    this.audit = audit;
    this.clock = clock;
  }

  /** The district of each school of the district (for scoping). */
  Map<String, String> schoolDistricts(String district) {
    return schoolsOf(district).stream().collect(Collectors.toMap(School::code, School::districtCode));
  }

  /** A principal's school and its district; empty if the school is unknown. */
  Map<String, String> placeOf(String schoolCode) {
    return schoolCode == null ? Map.of()
        : schools.findById(schoolCode).map(s -> Map.of(s.code(), s.districtCode())).orElse(Map.of());
  }

  List<School> schoolsOf(String district) {
    return schools.findByDistrictCodeOrderByCode(district);
  }

  /** The name of each school of the district, by code. */
  Map<String, String> schoolNames(String district) {
    return schoolsOf(district).stream().collect(Collectors.toMap(School::code, School::name));
  }

  /** The batch of the district the user asked for; 404 for another district's. */
  Optional<Batches.Batch> batch(PlanningScope scope, Long batchId) {
    if (batchId == null) {
      return Optional.empty();
    }
    return Optional.of(batches.batch(batchId).filter(b -> b.districtCode().equals(scope.district()))
        .orElseThrow(UserFacingException::notFound));
  }

  /** The day the rules are applied: the batch's first day of rotation, else today. */
  LocalDate dayOf(Optional<Batches.Batch> batch) {
    return batch.map(Batches.Batch::periodStarts).orElseGet(() -> LocalDate.now(clock));
  }

  /** Every teacher of the district (or of one school) with where they stand on the day, by school. */
  List<DueTeacher> standings(String district, String school, LocalDate day, Optional<Batches.Batch> batch) {
    return standings(rules.of(district), school, day,
        batch.map(b -> applicants.of(b.id())).orElse(List.of()));
  }

  /** The same, with the rules and the batch's applicants already read (the dashboard needs both again). */
  private List<DueTeacher> standings(RotationRules r, String school, LocalDate day, List<Applicant> batchApplicants) {
    String district = r.districtCode();
    List<Roster.Teacher> teachers = roster.ofDistrict(district).stream()
        .filter(t -> school == null || school.equals(t.schoolCode())).toList();
    List<String> schoolCodes = teachers.stream().map(Roster.Teacher::schoolCode).distinct().toList();
    List<Assignments.Rotation> rotations = assignments.rotationsDuring(schoolCodes, day.minusYears(HISTORY_YEARS), day);
    Set<String> serving = rotations.stream().filter(x -> !x.startsOn().isAfter(day) && !x.endsOn().isBefore(day))
        .map(Assignments.Rotation::teacherUsername).collect(Collectors.toSet());
    Map<String, LocalDate> lastEnded = rotations.stream().filter(x -> x.endsOn().isBefore(day))
        .collect(Collectors.toMap(Assignments.Rotation::teacherUsername, Assignments.Rotation::endsOn,
            (a, b) -> a.isAfter(b) ? a : b));
    Map<String, List<Exemption>> granted = exemptions.ofDistrict(district).stream()
        .collect(Collectors.groupingBy(Exemption::staffNumber));
    Map<String, Applicant> applied = batchApplicants.stream()
        .collect(Collectors.toMap(Applicant::teacherUsername, Function.identity(), (a, b) -> b));
    List<DueTeacher> rows = new ArrayList<>();
    for (Roster.Teacher t : teachers) {
      Standing s = DueRule.standing(r, t, day, t.username() != null && serving.contains(t.username()),
          t.username() == null ? null : lastEnded.get(t.username()), granted.getOrDefault(t.staffNumber(), List.of()));
      rows.add(new DueTeacher(t, s, t.username() == null ? null : applied.get(t.username())));
    }
    return rows;
  }

  /** Gives each urban school of the batch's district its target, once, from the due list of that moment. */
  @EventListener
  void onBatchOpened(BatchOpened opened) {
    batches.batch(opened.batchId()).ifPresent(b -> giveTargets(b, opened.openedBy(), false, dueOn(b)));
  }

  /**
   * Targets of an open batch given before this version had none: given on first sight, by the system,
   * from the due list the caller already holds.
   */
  private List<Target> targets(Batches.Batch batch, List<DueTeacher> due) {
    List<Target> given = storedTargets(batch.id());
    if (given.isEmpty() && "OPEN".equals(batch.status())) {
      giveTargets(batch, "system", false, due);
      given = storedTargets(batch.id());
    }
    return given;
  }

  /** The office gives the targets again from today's due list (after a roster import, say). */
  @Transactional
  List<Target> recompute(PlanningScope scope, Batches.Batch batch) {
    scope.requireOffice();
    giveTargets(batch, scope.username(), true, dueOn(batch));
    audit.record("BATCH", batch.id(), scope.username(), scope.actorRole(), "TARGETS_GIVEN", batch.name());
    return storedTargets(batch.id());
  }

  /** The whole district's standings on the batch's first day of rotation. */
  private List<DueTeacher> dueOn(Batches.Batch batch) {
    return standings(batch.districtCode(), null, batch.periodStarts(), Optional.of(batch));
  }

  private void giveTargets(Batches.Batch batch, String by, boolean replace, List<DueTeacher> standings) {
    RotationRules r = rules.of(batch.districtCode());
    Map<String, Long> eligible = standings.stream().filter(d -> d.standing().due())
        .collect(Collectors.groupingBy(d -> d.teacher().schoolCode(), Collectors.counting()));
    if (replace) {
      jdbc.sql("delete from batch_target where batch_id = :b").param("b", batch.id()).update();
    }
    OffsetDateTime now = OffsetDateTime.now(clock);
    for (School s : schoolsOf(batch.districtCode())) {
      if (s.rural()) {
        continue;
      }
      int n = eligible.getOrDefault(s.code(), 0L).intValue();
      int target = r.target(n);
      try {
        jdbc.sql("""
              insert into batch_target (batch_id, school_code, eligible, target, backbone_target, target_percent,
                backbone_percent, rounding, computed_by, computed_at)
              select :b, :s, :eligible, :target, :backbone, :tp, :bp, :rounding, :by, :now
              where not exists (select 1 from batch_target where batch_id = :b and school_code = :s)""")
          .param("b", batch.id()).param("s", s.code()).param("eligible", n).param("target", target)
          .param("backbone", r.backboneTarget(target)).param("tp", r.targetPercent()).param("bp", r.backbonePercent())
          .param("rounding", r.rounding().name()).param("by", by).param("now", now).update();
      } catch (DuplicateKeyException e) {
        // given meanwhile by another request: the first one stands
      }
    }
  }

  private List<Target> storedTargets(long batchId) {
    return jdbc.sql("""
            select school_code, eligible, target, backbone_target, target_percent, backbone_percent, rounding,
                   computed_by, computed_at
            from batch_target where batch_id = :b order by school_code""")
        .param("b", batchId).query(RecordRows.of(Target.class)).list();
  }

  /** Each urban school's progress towards its target in the batch, and the district's totals. */
  Dashboard dashboard(PlanningScope scope, Batches.Batch batch) {
    RotationRules r = rules.of(scope.district());
    List<Applicant> batchApplicants = applicants.of(batch.id());
    List<DueTeacher> standings = standings(r, null, batch.periodStarts(), batchApplicants);
    Map<String, Long> dueBySchool = standings.stream().filter(d -> d.standing().due())
        .collect(Collectors.groupingBy(d -> d.teacher().schoolCode(), Collectors.counting()));
    Map<String, Roster.Teacher> byUsername = new HashMap<>();
    standings.stream().filter(d -> d.teacher().username() != null)
        .forEach(d -> byUsername.put(d.teacher().username(), d.teacher()));
    Map<String, List<Applicant>> applied = batchApplicants.stream()
        .filter(a -> a.direction() == Direction.URBAN_TO_RURAL && a.applied())
        .collect(Collectors.groupingBy(Applicant::homeSchoolCode));
    Map<String, String> names = schoolNames(scope.district());
    List<SchoolProgress> rows = new ArrayList<>();
    for (Target t : targets(batch, standings)) {
      if (!scope.covers(t.schoolCode())) {
        continue;
      }
      List<Applicant> apps = applied.getOrDefault(t.schoolCode(), List.of());
      int approved = (int) apps.stream().filter(Applicant::approved).count();
      int backbone = (int) apps.stream().filter(Applicant::approved)
          .filter(a -> Optional.ofNullable(byUsername.get(a.teacherUsername())).map(Roster.Teacher::backbone)
              .orElse(false))
          .count();
      rows.add(new SchoolProgress(t.schoolCode(), names.getOrDefault(t.schoolCode(), t.schoolCode()),
          dueBySchool.getOrDefault(t.schoolCode(), 0L).intValue(), t, apps.size(), approved, backbone));
    }
    rows.sort(Comparator.comparing(SchoolProgress::schoolCode));
    return new Dashboard(batch, r, rows);
  }

  /** One teacher on the list: who, where they stand, and their application in the batch if any. */
  record DueTeacher(Roster.Teacher teacher, Standing standing, Applicant application) {

    /** Due and without an application in the batch (or only a withdrawn one). */
    public boolean notApplied() {
      return standing.due() && (application == null || !application.applied());
    }
  }

  /** The target a school was given when the batch opened, with the rules of that moment. */
  record Target(String schoolCode, int eligible, int target, int backboneTarget, int targetPercent,
      int backbonePercent, Rounding rounding, String computedBy, OffsetDateTime computedAt) {}

  /** A school's way to its target. */
  record SchoolProgress(String schoolCode, String schoolName, int due, Target target, int applied, int approved,
      int approvedBackbone) {

    /** Backbone teachers among the approved, in per cent (0 when none approved). */
    public int backboneShare() {
      return approved == 0 ? 0 : Math.round(approvedBackbone * 100f / approved);
    }

    public boolean met() {
      return approved >= target.target() && approvedBackbone >= target.backboneTarget();
    }
  }

  record Dashboard(Batches.Batch batch, RotationRules rules, List<SchoolProgress> schools) {

    public int sum(Function<SchoolProgress, Integer> value) {
      return schools.stream().mapToInt(value::apply).sum();
    }

    public int due() {
      return sum(SchoolProgress::due);
    }

    public int target() {
      return sum(s -> s.target().target());
    }

    public int backboneTarget() {
      return sum(s -> s.target().backboneTarget());
    }

    public int applied() {
      return sum(SchoolProgress::applied);
    }

    public int approved() {
      return sum(SchoolProgress::approved);
    }

    public int approvedBackbone() {
      return sum(SchoolProgress::approvedBackbone);
    }

    public int backboneShare() {
      return approved() == 0 ? 0 : Math.round(approvedBackbone() * 100f / approved());
    }

    public long met() {
      return schools.stream().filter(SchoolProgress::met).count();
    }
  }
}
