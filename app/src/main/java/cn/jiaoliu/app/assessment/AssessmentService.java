package cn.jiaoliu.app.assessment;

import cn.jiaoliu.app.audit.AuditTrail;
import cn.jiaoliu.app.engine.EngineUnavailableException;
import cn.jiaoliu.app.engine.ProcessStarter;
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
  private final ProcessStarter engine;
  private final AuditTrail audit;
  private final Clock clock;
  private final ArchiveService archives;

  AssessmentService(AnnualAssessmentRepository assessments, JdbcClient jdbc, ProcessStarter engine, AuditTrail audit,
      Clock clock, ArchiveService archives) {
    this.archives = archives;
    this.assessments = assessments;
    this.jdbc = jdbc;
    this.engine = engine;
    this.audit = audit;
    this.clock = clock;
  }

  /** Opens (or re-opens) a round; returns how many assessments it added. */
  public int openRound(JiaoliuUser user, String schoolYear) {
    if (!user.has(Role.TEACHING_OFFICE) || user.districtCode() == null) {
      throw new UserFacingException(HttpStatus.FORBIDDEN, "error.forbidden");
    }
    Matcher m = SCHOOL_YEAR.matcher(schoolYear == null ? "" : schoolYear.strip());
    if (!m.matches() || Integer.parseInt(m.group(2)) != Integer.parseInt(m.group(1)) + 1) {
      throw UserFacingException.invalid(Map.of("schoolYear", "assessment.error.schoolYear"));
    }
    if (jdbc.sql("select count(*) from district where code = :d").param("d", user.districtCode())
        .query(Long.class).single() == 0) {
      throw UserFacingException.conflict("assessment.error.unknownDistrict");
    }
    String year = m.group(0);
    int first = Integer.parseInt(m.group(1));
    OffsetDateTime now = OffsetDateTime.now(clock);
    long roundId = round(user, year, now);
    List<AssignmentRow> active = jdbc.sql("""
            select a.id, a.teacher_username, a.teacher_name, a.dispatching_school_code, a.receiving_school_code
            from assignment a join school s on s.code = a.dispatching_school_code
            where s.district_code = :district and a.starts_on <= :yearEnd and a.ends_on >= :yearStart
              and not exists (select 1 from annual_assessment x where x.assignment_id = a.id and x.school_year = :year)
            order by a.id""")
        .param("district", user.districtCode()).param("year", year)
        .param("yearStart", LocalDate.of(first, 9, 1)).param("yearEnd", LocalDate.of(first + 1, 8, 31))
        .query(AssignmentRow.class).list();
    int added = 0;
    for (AssignmentRow a : active) {
      try {
        AnnualAssessment saved = assessments.save(new AnnualAssessment(null, roundId, a.id(), a.teacherUsername(),
            a.teacherName(), a.dispatchingSchoolCode(), a.receivingSchoolCode(), user.districtCode(), year,
            AnnualAssessment.IN_PROGRESS, null, null, null, null, null, null, null, now, now, null));
        added++;
        start(saved);
      } catch (DuplicateKeyException e) {
        // opened at the same time by someone else: that one counts
      }
    }
    audit.record("ROUND", roundId, user.username(), Role.TEACHING_OFFICE.realmRole(), "ROUND_OPENED", year + " +" + added);
    return added;
  }

  private long round(JiaoliuUser user, String year, OffsetDateTime now) {
    try {
      jdbc.sql("insert into assessment_round (district_code, school_year, opened_at, opened_by) values (:d, :y, :now, :by)")
          .param("d", user.districtCode()).param("y", year).param("now", now).param("by", user.username()).update();
    } catch (DuplicateKeyException e) {
      // re-opening: the round exists
    }
    return jdbc.sql("select id from assessment_round where district_code = :d and school_year = :y")
        .param("d", user.districtCode()).param("y", year).query(Long.class).single();
  }

  void start(AnnualAssessment a) {
    try {
      long key = engine.start(ProcessIds.ANNUAL_ASSESSMENT, new AssessmentStart(a.id(), a.assignmentId(),
          a.teacherUsername(), a.dispatchingSchoolCode(), a.receivingSchoolCode(), a.districtCode(), a.schoolYear(),
          DEADLINES));
      assessments.started(a.id(), key, OffsetDateTime.now(clock));
    } catch (EngineUnavailableException e) {
      log.warn("assessment {} stored; its process starts when the engine is back", a.id());
    }
  }

  void startPending() {
    for (AnnualAssessment a : assessments.findTop50ByProcessInstanceKeyIsNullAndCreatedAtBeforeOrderById(
        OffsetDateTime.now(clock).minusMinutes(1))) {
      start(a);
    }
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

  record AssignmentRow(long id, String teacherUsername, String teacherName, String dispatchingSchoolCode,
      String receivingSchoolCode) {}
}
