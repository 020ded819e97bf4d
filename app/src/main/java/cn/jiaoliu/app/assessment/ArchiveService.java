package cn.jiaoliu.app.assessment;

import cn.jiaoliu.app.application.Assignments;
import cn.jiaoliu.app.assessment.pdf.ArchivePdf;
import cn.jiaoliu.app.assessment.pdf.AssessmentRecord;
import cn.jiaoliu.app.persistence.RecordRows;
import cn.jiaoliu.app.programme.SchoolRepository;
import cn.jiaoliu.app.signature.Signatures;
import cn.jiaoliu.app.tasklist.TaskService;
import cn.jiaoliu.app.tasklist.TaskView;
import cn.jiaoliu.app.web.UserFacingException;
import cn.jiaoliu.processes.assessment.AssessmentProcess;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Archives an approved assessment: the record (年度考核登记表) as a PDF with every entry, name and
 * time, stored with its SHA-256; read-only afterwards. Credits a year of rural service for a
 * qualified grade. Both at most once per assessment.
 */
@Service
public class ArchiveService {

  private final AnnualAssessmentRepository assessments;
  private final JdbcClient jdbc;
  private final ArchivePdf pdf;
  private final TaskService tasks;
  private final SchoolRepository schools;
  private final Assignments assignments;
  private final MessageSource messages;
  private final Clock clock;

  private final ServedYears servedYears;

  private final Signatures signatures;

  ArchiveService(AnnualAssessmentRepository assessments, JdbcClient jdbc, ArchivePdf pdf, TaskService tasks,
      Assignments assignments,
      SchoolRepository schools, MessageSource messages, Clock clock, ServedYears servedYears, Signatures signatures) {
    this.signatures = signatures;
    this.servedYears = servedYears;
    this.assessments = assessments;
    this.jdbc = jdbc;
    this.pdf = pdf;
    this.tasks = tasks;
    this.schools = schools;
    this.assignments = assignments;
    this.messages = messages;
    this.clock = clock;
  }

  @Transactional
  long archive(long assessmentId, String grade, boolean creditsRuralService) {
    Optional<Long> existing = latest(assessmentId).map(ArchiveView::id);
    if (existing.isPresent()) {
      return existing.get();
    }
    AnnualAssessment a = assessments.findById(assessmentId).orElseThrow();
    OffsetDateTime now = OffsetDateTime.now(clock);
    byte[] document = pdf.render(record(a, grade, 1, now));
    // inside this transaction a failed insert would abort it on PostgreSQL: a concurrent archive wins quietly
    int written = jdbc.sql("""
            insert into assessment_archive (assessment_id, version, grade, pdf, sha256, archived_at)
            values (:a, 1, :grade, :pdf, :sha, :now)
            on conflict do nothing""")
        .param("a", assessmentId).param("grade", grade).param("pdf", document)
        .param("sha", ArchivePdf.sha256(document)).param("now", now).update();
    if (written == 0) {
      return latest(assessmentId).orElseThrow().id();
    }
    if (creditsRuralService && servedYears.served(a.districtCode(), a.schoolYear())) {
      jdbc.sql("""
              insert into rural_service_credit (teacher_username, assessment_id, school_year, grade, credited_at)
              values (:t, :a, :y, :g, :now)
              on conflict do nothing""")
          .param("t", a.teacherUsername()).param("a", assessmentId).param("y", a.schoolYear()).param("g", grade)
          .param("now", now).update();
    }
    assessments.archived(assessmentId, now);
    return latest(assessmentId).orElseThrow().id();
  }

  /**
   * Corrects an archived assessment: a new version of the record (with the correction, its reason,
   * who and when) beside the old ones, which stay as they are; the rural-service credit follows the
   * corrected grade (revoked or restored, never deleted).
   */
  @Transactional
  ArchiveView correct(long assessmentId, String grade, String reason, String correctorName, boolean credits) {
    AnnualAssessment a = assessments.findById(assessmentId).orElseThrow();
    ArchiveView previous = latest(assessmentId).orElseThrow();
    OffsetDateTime now = OffsetDateTime.now(clock);
    int version = previous.version() + 1;
    AssessmentRecord base = record(a, grade, version, now);
    List<AssessmentRecord.Entry> entries = new ArrayList<>(base.entries());
    entries.add(new AssessmentRecord.Entry(messages.getMessage("assessment.correction", null, Locale.SIMPLIFIED_CHINESE),
        messages.getMessage("grade." + grade, null, Locale.SIMPLIFIED_CHINESE), reason, correctorName, now));
    byte[] document = pdf.render(new AssessmentRecord(base.schoolYear(), base.teacherName(), base.teacherUsername(),
        base.dispatchingSchool(), base.receivingSchool(), base.subject(), base.post(), base.periodStart(), base.periodEnd(),
        base.selfEvaluation(), base.demonstrationClasses(), base.researchActivities(), base.pupilsTaught(), base.grade(),
        entries, version, now));
    jdbc.sql("""
            insert into assessment_archive (assessment_id, version, grade, pdf, sha256, archived_at, reason, corrected_by)
            values (:a, :v, :grade, :pdf, :sha, :now, :reason, :by)""")
        .param("reason", reason).param("by", correctorName)
        .param("a", assessmentId).param("v", version).param("grade", grade).param("pdf", document)
        .param("sha", ArchivePdf.sha256(document)).param("now", now).update();
    assessments.regraded(assessmentId, grade, now);
    if (credits) {
      int restored = jdbc.sql("update rural_service_credit set revoked_at = null, grade = :g where assessment_id = :a")
          .param("g", grade).param("a", assessmentId).update();
      if (restored == 0) {
        jdbc.sql("""
                insert into rural_service_credit (teacher_username, assessment_id, school_year, grade, credited_at)
                values (:t, :a, :y, :g, :now)""")
            .param("t", a.teacherUsername()).param("a", assessmentId).param("y", a.schoolYear()).param("g", grade)
            .param("now", now).update();
      }
    } else {
      jdbc.sql("update rural_service_credit set revoked_at = :now where assessment_id = :a and revoked_at is null")
          .param("now", now).param("a", assessmentId).update();
    }
    return latest(assessmentId).orElseThrow();
  }

  public List<ArchiveView> versions(long assessmentId) {
    return jdbc.sql("""
            select id, assessment_id, version, grade, sha256, archived_at, reason, corrected_by from assessment_archive
            where assessment_id = :a order by version""")
        .param("a", assessmentId).query(RecordRows.of(ArchiveView.class)).list();
  }

  public Optional<ArchiveView> latest(long assessmentId) {
    return jdbc.sql("""
            select id, assessment_id, version, grade, sha256, archived_at, reason, corrected_by from assessment_archive
            where assessment_id = :a order by version desc limit 1""")
        .param("a", assessmentId).query(RecordRows.of(ArchiveView.class)).optional();
  }

  /**
   * The latest archived record of an assessment, refused when its bytes no longer match the digest
   * stored beside them. Callers check that the user may see the assessment.
   */
  public GenuinePdf genuinePdf(long assessmentId) {
    return genuine(latest(assessmentId).orElseThrow(UserFacingException::notFound));
  }

  /** One version of the archived record (earlier versions stay readable after a correction), refused when changed. */
  public GenuinePdf genuinePdf(long assessmentId, int version) {
    return genuine(versions(assessmentId).stream().filter(v -> v.version() == version).findFirst()
        .orElseThrow(UserFacingException::notFound));
  }

  private GenuinePdf genuine(ArchiveView archive) {
    StoredPdf stored = pdf(archive.id()).orElseThrow(UserFacingException::notFound);
    if (!stored.intact()) {
      throw UserFacingException.conflict("assessment.error.tampered");
    }
    return new GenuinePdf(archive, stored.bytes());
  }

  public record GenuinePdf(ArchiveView archive, byte[] bytes) {

    public ResponseEntity<byte[]> response() {
      return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
          .header(HttpHeaders.CONTENT_DISPOSITION,
              "inline; filename=assessment-" + archive.assessmentId() + "-v" + archive.version() + ".pdf")
          .header("X-Archive-SHA256", archive.sha256())
          .body(bytes);
    }
  }

  /** The stored PDF, and whether its bytes still match the digest stored beside them. */
  public Optional<StoredPdf> pdf(long archiveId) {
    return jdbc.sql("select pdf, sha256 from assessment_archive where id = :id").param("id", archiveId)
        .query((rs, i) -> {
          byte[] bytes = rs.getBytes("pdf");
          return new StoredPdf(bytes, ArchivePdf.sha256(bytes).equals(rs.getString("sha256")));
        }).optional();
  }

  private AssessmentRecord record(AnnualAssessment a, String grade, int version, OffsetDateTime at) {
    Locale zh = Locale.SIMPLIFIED_CHINESE;
    Assignments.Terms terms = assignments.terms(a.assignmentId()).orElseThrow();
    List<AssessmentRecord.Entry> entries = a.processInstanceKey() == null ? List.of()
        : tasks.completedOf(a.processInstanceKey()).stream()
            // the self-evaluation has its own block on the form; the entries are the opinions on it
            .filter(t -> !AssessmentProcess.TASK_WRITE_SELF_EVALUATION.equals(t.elementId()))
            .map(t -> entry(a, t, zh)).toList();
    return new AssessmentRecord(a.schoolYear(), a.teacherName(), a.teacherUsername(), schoolName(a.dispatchingSchoolCode()),
        schoolName(a.receivingSchoolCode()), terms.subject(), messages.getMessage("post." + terms.post(), null, zh),
        terms.startsOn(), terms.endsOn(), nullToEmpty(a.selfEvaluation()),
        zero(a.demonstrationClasses()), zero(a.researchActivities()), zero(a.pupilsTaught()),
        messages.getMessage("grade." + grade, null, zh), entries, version, at);
  }

  /** An opinion with its signer's handwritten signature and, for a school's, the school's seal. */
  private AssessmentRecord.Entry entry(AnnualAssessment a, TaskView t, Locale zh) {
    Map<String, Object> submitted = tasks.submission(t);
    Object decision = submitted.get("decision") != null ? submitted.get("decision") : submitted.get("grade");
    String decisionText = decision == null ? "" : messages.getMessage(
        (submitted.get("grade") != null ? "grade." : "decision.") + decision, null, String.valueOf(decision), zh);
    String signer = t.signerName();
    return new AssessmentRecord.Entry(messages.getMessage("step." + t.elementId(), null, t.elementId(), zh), decisionText,
        nullToEmpty((String) submitted.get("comment")), signer, t.closedAt(),
        t.completedBy() == null ? null : signatures.signatureOf(t.completedBy()).orElse(null),
        AssessmentProcess.TASK_ASSESS_TEACHER.equals(t.elementId()) ? signatures.sealOf(a.receivingSchoolCode()).orElse(null)
            : AssessmentProcess.TASK_SIGN_DISPATCHING_OPINION.equals(t.elementId())
            ? signatures.sealOf(a.dispatchingSchoolCode()).orElse(null) : null);
  }

  private String schoolName(String code) {
    return schools.findById(code).map(s -> s.name()).orElse(code);
  }

  private static int zero(Integer value) {
    return value == null ? 0 : value;
  }

  private static String nullToEmpty(String value) {
    return value == null ? "" : value;
  }

  /** One version of an archived record; {@code reason} and {@code correctedBy} only on corrections. */
  public record ArchiveView(long id, long assessmentId, int version, String grade, String sha256, OffsetDateTime archivedAt,
      String reason, String correctedBy) {}

  public record StoredPdf(byte[] bytes, boolean intact) {}
}
