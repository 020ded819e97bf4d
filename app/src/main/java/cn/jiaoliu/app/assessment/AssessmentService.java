package cn.jiaoliu.app.assessment;

import cn.jiaoliu.app.persistence.RecordRows;
import cn.jiaoliu.app.audit.AuditTrail;
import cn.jiaoliu.app.export.Table;
import org.springframework.context.MessageSource;
import cn.jiaoliu.app.security.JiaoliuUser;
import cn.jiaoliu.app.security.Role;
import cn.jiaoliu.app.web.UserFacingException;
import cn.jiaoliu.processes.ProcessIds;
import cn.jiaoliu.processes.assessment.AssessmentDeadlines;
import cn.jiaoliu.processes.assessment.AssessmentStart;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Annual assessments. The teaching office opens a school year's round for its district: one
 * assessment (and one process instance) per assignment active in that year; opening again adds only
 * assignments that have none yet. Readers: the teacher, both principals, the district's office.
 */
@Service
public class AssessmentService {

  static final String SUBJECT = "ASSESSMENT";
  static final AssessmentDeadlines DEADLINES = new AssessmentDeadlines("P14D", "P10D", "P7D", "P10D", "P2D");

  private static final Logger log = LoggerFactory.getLogger(AssessmentService.class);
  private static final Pattern SCHOOL_YEAR = Pattern.compile("(\\d{4})-(\\d{4})");

  private final AnnualAssessmentRepository assessments;
  private final JdbcClient jdbc;
  private final AssessmentStarts starts;
  private final AuditTrail audit;
  private final Clock clock;
  private final ArchiveService archives;
  private final MessageSource messages;

  private final ServedYears servedYears;

  AssessmentService(AnnualAssessmentRepository assessments, JdbcClient jdbc, AssessmentStarts starts, AuditTrail audit,
      Clock clock, ArchiveService archives, MessageSource messages, ServedYears servedYears) {
    this.servedYears = servedYears;
    this.messages = messages;
    this.archives = archives;
    this.assessments = assessments;
    this.jdbc = jdbc;
    this.starts = starts;
    this.audit = audit;
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
    return jdbc.sql("""
            select count(*) from assignment a join school s on s.code = a.dispatching_school_code
            where s.district_code = :district and a.starts_on <= :yearEnd and a.ends_on >= :yearStart""")
        .param("district", districtCode).param("yearStart", ServedYears.start(year))
        .param("yearEnd", ServedYears.end(year)).query(Long.class).single();
  }

  /**
   * Checks that the user is a teaching office of a district the app knows and that the school year
   * reads like {@code 2026-2027}; returns the school year.
   */
  String officeRoundYear(JiaoliuUser user, String schoolYear) {
    officeDistrict(user);
    String year = schoolYear(schoolYear);
    if (jdbc.sql("select count(*) from district where code = :d").param("d", user.districtCode())
        .query(Long.class).single() == 0) {
      throw UserFacingException.conflict("assessment.error.unknownDistrict");
    }
    return year;
  }

  /** The teaching office's district; 403 for anyone else. */
  String officeDistrict(JiaoliuUser user) {
    if (!user.has(Role.TEACHING_OFFICE) || user.districtCode() == null) {
      throw new UserFacingException(HttpStatus.FORBIDDEN, "error.forbidden");
    }
    return user.districtCode();
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
    String district = officeDistrict(user);
    return jdbc.sql("""
            select a.id, a.teacher_name, a.teacher_username, d.name as dispatching_school, r.name as receiving_school,
                   a.status, a.current_step, a.grade, a.updated_at
            from annual_assessment a
              join school d on d.code = a.dispatching_school_code
              join school r on r.code = a.receiving_school_code
            where a.district_code = :district and a.school_year = :year
            order by d.name, a.teacher_name, a.id""")
        .param("district", district).param("year", schoolYear(schoolYear)).query(RecordRows.of(RoundRow.class)).list();
  }

  /** A round's assessments as a table with Chinese headers (and Chinese statuses, steps and grades). */
  Table table(String schoolYear, List<RoundRow> rows) {
    java.util.Locale zh = java.util.Locale.SIMPLIFIED_CHINESE;
    return new Table(schoolYear + " 年度考核", List.of("编号", "姓名", "用户名", "派出学校", "接收学校", "状态", "当前环节", "考核等级", "更新时间"),
        rows.stream().map(r -> List.<Object>of(r.id(), r.teacherName(), r.teacherUsername(), r.dispatchingSchool(),
            r.receivingSchool(), messages.getMessage("assessment.status." + r.status(), null, r.status(), zh),
            r.currentStep() == null ? "" : messages.getMessage("step." + r.currentStep(), null, r.currentStep(), zh),
            r.grade() == null ? "" : messages.getMessage("grade." + r.grade(), null, r.grade(), zh), r.updatedAt()))
            .toList());
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
    // one statement for the whole round; an assessment opened at the same time by someone else counts once
    int added = jdbc.sql("""
            insert into annual_assessment (round_id, assignment_id, teacher_username, teacher_name, dispatching_school_code,
              receiving_school_code, district_code, school_year, status, created_at, updated_at, version)
            select :round, a.id, a.teacher_username, a.teacher_name, a.dispatching_school_code, a.receiving_school_code,
              :district, :year, :status, :now, :now, 1
            from assignment a join school s on s.code = a.dispatching_school_code
            where s.district_code = :district and a.starts_on <= :yearEnd and a.ends_on >= :yearStart
              and not exists (select 1 from annual_assessment x where x.assignment_id = a.id and x.school_year = :year)
            order by a.id
            on conflict do nothing""")
        .param("round", roundId).param("district", districtCode).param("year", year)
        .param("status", AnnualAssessment.IN_PROGRESS).param("now", now)
        .param("yearStart", ServedYears.start(year)).param("yearEnd", ServedYears.end(year))
        .update();
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

  /** Starts the instances of stored assessments that have none (the engine was away, or an instance died). */
  void startPending() {
    starts.startPending();
  }

  /** The district's teaching office corrects an archived assessment: a new archive version, the old kept. */
  public ArchiveService.ArchiveView correct(JiaoliuUser user, long id, String grade, String reason) {
    AnnualAssessment a = get(user, id);
    if (!user.has(Role.TEACHING_OFFICE) || !a.districtCode().equals(user.districtCode())) {
      throw new UserFacingException(HttpStatus.FORBIDDEN, "error.forbidden");
    }
    if (!AnnualAssessment.ARCHIVED.equals(a.status())) {
      throw UserFacingException.conflict("assessment.error.notArchived");
    }
    Map<String, String> errors = new java.util.LinkedHashMap<>();
    if (grade == null || !cn.jiaoliu.processes.assessment.AssessmentProcess.GRADES.contains(grade)) {
      errors.put("grade", "error.chooseOne");
    }
    String cleanReason = reason == null ? "" : reason.strip();
    if (cleanReason.isEmpty()) {
      errors.put("reason", "error.required");
    } else if (cleanReason.length() > 1000) {
      errors.put("reason", "error.tooLong");
    }
    if (!errors.isEmpty()) {
      throw UserFacingException.invalid(errors);
    }
    ArchiveService.ArchiveView corrected = archives.correct(id, grade, cleanReason, user.displayName(),
        cn.jiaoliu.processes.assessment.AssessmentProcess.creditsRuralService(grade));
    audit.record(SUBJECT, id, user.username(), Role.TEACHING_OFFICE.realmRole(), "CORRECTED",
        "v" + corrected.version() + " " + grade + " " + cleanReason);
    return corrected;
  }

  public List<AnnualAssessment> mine(JiaoliuUser user) {
    return assessments.findByTeacherUsernameOrderByIdDesc(user.username());
  }

  public AnnualAssessment get(JiaoliuUser user, long id) {
    AnnualAssessment a = assessments.findById(id).orElseThrow(UserFacingException::notFound);
    if (mayRead(user, a)) {
      return a;
    }
    throw UserFacingException.notFound();
  }

  static boolean mayRead(JiaoliuUser user, AnnualAssessment a) {
    return a.teacherUsername().equals(user.username())
        || (user.has(Role.PRINCIPAL) && (a.dispatchingSchoolCode().equals(user.schoolCode())
            || a.receivingSchoolCode().equals(user.schoolCode())))
        || ((user.has(Role.TEACHING_OFFICE) || user.has(Role.ADMIN)) && a.districtCode().equals(user.districtCode()));
  }

  record Round(String schoolYear, OffsetDateTime openedAt, String openedBy, long assessments, long archived) {}

  record RoundRow(long id, String teacherName, String teacherUsername, String dispatchingSchool, String receivingSchool,
      String status, String currentStep, String grade, OffsetDateTime updatedAt) {}

}
