package cn.jiaoliu.app.assessment;

import cn.jiaoliu.app.application.Assignments;
import cn.jiaoliu.app.audit.AuditTrail;
import cn.jiaoliu.app.export.Headings;
import cn.jiaoliu.app.export.Table;
import cn.jiaoliu.app.persistence.RecordRows;
import cn.jiaoliu.app.programme.SchoolDirectory;
import cn.jiaoliu.app.security.JiaoliuUser;
import cn.jiaoliu.app.security.Role;
import cn.jiaoliu.app.web.UserFacingException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.springframework.context.MessageSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * A school year's assessment round. The teaching office opens it for its district once the year is
 * served: one assessment (and one process instance) per rotation of the district's teachers that ran
 * in that year; opening again adds only rotations that have none yet.
 */
@Service
class AssessmentRounds {

  private static final Pattern SCHOOL_YEAR = Pattern.compile("(\\d{4})-(\\d{4})");

  private final JdbcClient jdbc;
  private final Assignments assignments;
  private final SchoolDirectory directory;
  private final ServedYears servedYears;
  private final AssessmentStarts starts;
  private final AuditTrail audit;
  private final MessageSource messages;
  private final Headings headings;
  private final Clock clock;

  AssessmentRounds(JdbcClient jdbc, Assignments assignments, SchoolDirectory directory, ServedYears servedYears,
      AssessmentStarts starts, AuditTrail audit, MessageSource messages, Headings headings, Clock clock) {
    this.headings = headings;
    this.jdbc = jdbc;
    this.assignments = assignments;
    this.directory = directory;
    this.servedYears = servedYears;
    this.starts = starts;
    this.audit = audit;
    this.messages = messages;
    this.clock = clock;
  }

  /** Opens (or re-opens) a round; returns how many assessments it added. */
  public int openRound(JiaoliuUser user, String schoolYear) {
    String year = officeRoundYear(user, schoolYear);
    if (!servedYears.served(user.districtCode(), year)) {
      throw UserFacingException.conflict("assessment.error.yearNotServed", year,
          servedYears.earliestOpening(user.districtCode(), year).toString());
    }
    if (teachersToAssess(user.districtCode(), year) == 0) {
      throw UserFacingException.conflict("assessment.error.emptyRound", year);
    }
    return open(user.districtCode(), year, user.username(), Role.TEACHING_OFFICE.realmRole());
  }

  /**
   * The round's default opening date has come: opens it as the office's own action would. A year
   * not yet served (the date was set before the rule) or without anyone to assess opens nothing.
   */
  int openScheduled(String districtCode, String schoolYear) {
    String year = schoolYear(schoolYear);
    if (!servedYears.served(districtCode, year) || teachersToAssess(districtCode, year) == 0) {
      return 0;
    }
    return open(districtCode, year, AuditTrail.SYSTEM, AuditTrail.SYSTEM);
  }

  /** How many rotations of the district's schools ran during the school year (whom its round assesses). */
  private long teachersToAssess(String districtCode, String year) {
    return assignments.countServingDuring(directory.schoolCodesIn(districtCode), ServedYears.start(year),
        ServedYears.end(year));
  }

  /**
   * Checks that the user is a teaching office of a district the app knows and that the school year
   * reads like {@code 2026-2027}; returns the school year.
   */
  String officeRoundYear(JiaoliuUser user, String schoolYear) {
    OfficeDistrict.of(user);
    String year = schoolYear(schoolYear);
    if (!directory.districtExists(user.districtCode())) {
      throw UserFacingException.conflict("assessment.error.unknownDistrict");
    }
    return year;
  }

  /** The district's rounds, latest first, with how many assessments each has and how many are archived. */
  List<Round> rounds(String districtCode) {
    return jdbc.sql("""
            select r.school_year, r.opened_at, r.opened_by, count(a.id) as assessments,
                   coalesce(sum(case when a.status = 'ARCHIVED' then 1 else 0 end), 0) as archived
            from assessment_round r left join annual_assessment a on a.round_id = r.id
            where r.district_code = :d
            group by r.id, r.school_year, r.opened_at, r.opened_by
            order by r.school_year desc""")
        .param("d", districtCode).query(RecordRows.of(Round.class)).list();
  }

  /** Every assessment of one round of the teaching office's district, by school and teacher. */
  List<RoundRow> ofRound(JiaoliuUser user, String schoolYear) {
    String district = OfficeDistrict.of(user);
    List<RoundRow> rows = jdbc.sql("""
            select a.id, a.teacher_name, a.teacher_username, a.dispatching_school_code as dispatching_school,
                   a.receiving_school_code as receiving_school, a.status, a.current_step, a.grade, a.updated_at
            from annual_assessment a
            where a.district_code = :district and a.school_year = :year""")
        .param("district", district).param("year", schoolYear(schoolYear)).query(RecordRows.of(RoundRow.class)).list();
    Map<String, String> names = directory.schoolNames(rows.stream()
        .flatMap(r -> Stream.of(r.dispatchingSchool(), r.receivingSchool())).toList());
    return rows.stream()
        .map(r -> r.withSchoolNames(names.getOrDefault(r.dispatchingSchool(), r.dispatchingSchool()),
            names.getOrDefault(r.receivingSchool(), r.receivingSchool())))
        .sorted(Comparator.comparing(RoundRow::dispatchingSchool).thenComparing(RoundRow::teacherName)
            .thenComparingLong(RoundRow::id))
        .toList();
  }

  /** A round's assessments as a table with Chinese headers (and Chinese statuses, steps and grades). */
  Table table(String schoolYear, List<RoundRow> rows) {
    Locale zh = Locale.SIMPLIFIED_CHINESE;
    return headings.table("assessmentRound", rows.stream().map(r -> List.<Object>of(r.id(), r.teacherName(), r.teacherUsername(), r.dispatchingSchool(),
            r.receivingSchool(), messages.getMessage("assessment.status." + r.status(), null, r.status(), zh),
            r.currentStep() == null ? "" : messages.getMessage("step." + r.currentStep(), null, r.currentStep(), zh),
            r.grade() == null ? "" : messages.getMessage("grade." + r.grade(), null, r.grade(), zh), r.updatedAt()))
            .toList(), schoolYear);
  }

  /** A school year {@code 2026-2027} (two consecutive years), stripped; anything else is a field error. */
  static String schoolYear(String schoolYear) {
    Matcher m = SCHOOL_YEAR.matcher(schoolYear == null ? "" : schoolYear.strip());
    if (!m.matches() || Integer.parseInt(m.group(2)) != Integer.parseInt(m.group(1)) + 1) {
      throw UserFacingException.invalid(Map.of("schoolYear", "assessment.error.schoolYear"));
    }
    return m.group(0);
  }

  /** The first calendar year of a school year {@code 2026-2027}. */
  static int firstYear(String schoolYear) {
    return Integer.parseInt(schoolYear.substring(0, 4));
  }

  private int open(String districtCode, String year, String actor, String actorRole) {
    OffsetDateTime now = OffsetDateTime.now(clock);
    long roundId = round(districtCode, year, actor, now);
    // an assessment opened at the same time by someone else counts once: the unique
    // (assignment, school year) makes the second insert a no-op
    int added = 0;
    for (Assignments.Assignment a : assignments.servingDuring(directory.schoolCodesIn(districtCode),
        ServedYears.start(year), ServedYears.end(year))) {
      added += jdbc.sql("""
              insert into annual_assessment (round_id, assignment_id, teacher_username, teacher_name,
                dispatching_school_code, receiving_school_code, district_code, school_year, status, created_at,
                updated_at, version)
              values (:round, :assignment, :teacher, :name, :dispatching, :receiving, :district, :year, :status,
                :now, :now, 1)
              on conflict do nothing""")
          .param("round", roundId).param("assignment", a.id()).param("teacher", a.teacherUsername())
          .param("name", a.teacherName()).param("dispatching", a.dispatchingSchoolCode())
          .param("receiving", a.receivingSchoolCode()).param("district", districtCode).param("year", year)
          .param("status", AnnualAssessment.IN_PROGRESS).param("now", now)
          .update();
    }
    audit.record("ROUND", roundId, actor, actorRole, "ROUND_OPENED", year + " +" + added);
    // the instances start in the background, many at a time; the inboxes fill within seconds
    starts.wake();
    return added;
  }

  private long round(String districtCode, String year, String actor, OffsetDateTime now) {
    try {
      jdbc.sql("insert into assessment_round (district_code, school_year, opened_at, opened_by) values (:d, :y, :now, :by)")
          .param("d", districtCode).param("y", year).param("now", now).param("by", actor).update();
    } catch (DuplicateKeyException e) {
      // re-opening: the round exists
    }
    return jdbc.sql("select id from assessment_round where district_code = :d and school_year = :y")
        .param("d", districtCode).param("y", year).query(Long.class).single();
  }

  record Round(String schoolYear, OffsetDateTime openedAt, String openedBy, long assessments, long archived) {}

  record RoundRow(long id, String teacherName, String teacherUsername, String dispatchingSchool, String receivingSchool,
      String status, String currentStep, String grade, OffsetDateTime updatedAt) {

    RoundRow withSchoolNames(String dispatching, String receiving) {
      return new RoundRow(id, teacherName, teacherUsername, dispatching, receiving, status, currentStep, grade,
          updatedAt);
    }
  }
}
