package cn.jiaoliu.app.assessment;

import cn.jiaoliu.app.assessment.pdf.ArchivePdf;
import cn.jiaoliu.app.assessment.pdf.ProofPdf;
import cn.jiaoliu.app.assessment.pdf.RuralServiceProof;
import cn.jiaoliu.app.audit.AuditTrail;
import cn.jiaoliu.app.persistence.RecordRows;
import cn.jiaoliu.app.programme.SchoolDirectory;
import cn.jiaoliu.app.security.JiaoliuUser;
import cn.jiaoliu.app.security.Role;
import cn.jiaoliu.app.signature.Signatures;
import cn.jiaoliu.app.web.UserFacingException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The proof of rural service for professional-title evaluation (农村任教经历证明). The district's
 * teaching office issues it for a teacher whose years it credited; the teacher downloads what was
 * issued to them; a principal has none of it. Each certificate is stored with its verification code,
 * the years it certifies, its PDF and the PDF's SHA-256, and never changes: issuing again makes a new
 * one. Anyone may verify a code (and a file) without logging in, and learns only whether it is
 * genuine, when and by which office it was issued, the teacher's name masked, and whether it is
 * still current: a certificate is superseded once a year it certifies is revoked or regraded.
 */
@Service
class RuralServiceCertificates {

  static final String VERIFY_PATH = "/verify";
  /** The largest file the verification takes: a certificate is some tens of kilobytes. */
  static final long MAX_PDF_BYTES = 2L * 1024 * 1024;

  private final JdbcClient jdbc;
  private final ProofPdf pdf;
  private final SchoolDirectory schools;
  private final Signatures signatures;
  private final AuditTrail audit;
  private final MessageSource messages;
  private final Clock clock;
  private final ZoneId zone;
  private final String verifyUrl;

  RuralServiceCertificates(JdbcClient jdbc, ProofPdf pdf, SchoolDirectory schools, Signatures signatures,
      AuditTrail audit, MessageSource messages, Clock clock, ZoneId zone,
      @Value("${jiaoliu.public-url:http://localhost:8080}") String publicUrl) {
    this.jdbc = jdbc;
    this.pdf = pdf;
    this.schools = schools;
    this.signatures = signatures;
    this.audit = audit;
    this.messages = messages;
    this.clock = clock;
    this.zone = zone;
    this.verifyUrl = publicUrl.replaceAll("/+$", "") + VERIFY_PATH;
  }

  /** One credited year of a teacher in the district, with the assessment's names and schools. */
  record CreditedYear(long creditId, String schoolYear, String grade, String receivingSchoolCode,
      String dispatchingSchoolCode, String teacherName) {}

  /**
   * The district's teaching office issues a certificate of the years it credited to the teacher
   * (not revoked). A teacher without credited years in the office's district is not found.
   */
  @Transactional
  CertificateView issue(JiaoliuUser office, String teacherUsername) {
    String district = OfficeDistrict.of(office);
    String teacher = teacherUsername == null ? "" : teacherUsername.strip();
    if (teacher.isEmpty() || teacher.length() > 100) {
      throw UserFacingException.field("teacherUsername", "certificate.error.teacher");
    }
    List<CreditedYear> years = jdbc.sql("""
            select c.id as credit_id, c.school_year, c.grade, a.receiving_school_code, a.dispatching_school_code,
                   a.teacher_name
            from rural_service_credit c join annual_assessment a on a.id = c.assessment_id
            where c.teacher_username = :t and c.revoked_at is null and a.district_code = :d
            order by c.school_year, c.id""")
        .param("t", teacher).param("d", district).query(RecordRows.of(CreditedYear.class)).list();
    if (years.isEmpty()) {
      throw UserFacingException.notFound();
    }
    CreditedYear latest = years.getLast();
    List<String> codes = new ArrayList<>();
    years.forEach(y -> codes.add(y.receivingSchoolCode()));
    codes.add(latest.dispatchingSchoolCode());
    Map<String, String> names = schools.schoolNames(codes);
    Locale zh = Locale.SIMPLIFIED_CHINESE;
    String officeName = ProofPdf.officeName(schools.districtName(district));
    String code = CertificateCodes.next();
    OffsetDateTime now = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS);
    String issuerName = office.displayName() == null || office.displayName().isBlank() ? office.username()
        : office.displayName();
    RuralServiceProof proof = new RuralServiceProof(CertificateCodes.grouped(code), latest.teacherName(), teacher,
        names.getOrDefault(latest.dispatchingSchoolCode(), latest.dispatchingSchoolCode()), officeName, issuerName, now,
        years.stream().map(y -> new RuralServiceProof.Year(y.schoolYear(),
            messages.getMessage("grade." + y.grade(), null, y.grade(), zh),
            names.getOrDefault(y.receivingSchoolCode(), y.receivingSchoolCode()))).toList(),
        verifyUrl, signatures.signatureOf(office.username()).orElse(null));
    byte[] document = pdf.render(proof);
    jdbc.sql("""
            insert into rural_service_certificate (code, teacher_username, teacher_name, district_code, office_name, years,
              pdf, sha256, issued_by, issuer_name, issued_at)
            values (:code, :t, :name, :d, :office, :years, :pdf, :sha, :by, :issuer, :at)""")
        .param("code", code).param("t", teacher).param("name", latest.teacherName()).param("d", district)
        .param("office", officeName).param("years", years.size()).param("pdf", document)
        .param("sha", ArchivePdf.sha256(document)).param("by", office.username()).param("issuer", issuerName)
        .param("at", now).update();
    long id = jdbc.sql("select id from rural_service_certificate where code = :c").param("c", code)
        .query(Long.class).single();
    for (CreditedYear y : years) {
      jdbc.sql("""
              insert into rural_service_certificate_year (certificate_id, credit_id, school_year, grade, school_code,
                school_name)
              values (:id, :credit, :year, :grade, :school, :name)""")
          .param("id", id).param("credit", y.creditId()).param("year", y.schoolYear()).param("grade", y.grade())
          .param("school", y.receivingSchoolCode())
          .param("name", names.getOrDefault(y.receivingSchoolCode(), y.receivingSchoolCode())).update();
    }
    audit.record("CERTIFICATE", id, office.username(), office.primaryRole(), "CERTIFICATE_ISSUED",
        teacher + " " + years.size());
    return find("c.id = :id", Map.of("id", id)).getFirst();
  }

  /** The certificates a user may see: a teacher their own, the teaching office its district's; others 403. */
  List<CertificateView> visibleTo(JiaoliuUser user) {
    if (user.has(Role.TEACHING_OFFICE) && user.districtCode() != null) {
      return find("c.district_code = :d", Map.of("d", user.districtCode()));
    }
    if (user.has(Role.TEACHER)) {
      return find("c.teacher_username = :t", Map.of("t", user.username()));
    }
    throw new UserFacingException(HttpStatus.FORBIDDEN, "error.forbidden");
  }

  /** The stored PDF for its teacher or the issuing district's office (anyone else: not found), refused if altered. */
  ResponseEntity<byte[]> pdf(JiaoliuUser user, long id) {
    record Stored(String teacherUsername, String districtCode, String code, byte[] pdf, String sha256) {}
    Stored stored = jdbc.sql("""
            select teacher_username, district_code, code, pdf, sha256 from rural_service_certificate where id = :id""")
        .param("id", id).query(RecordRows.of(Stored.class)).optional()
        .filter(s -> user.has(Role.TEACHER) && s.teacherUsername().equals(user.username())
            || user.has(Role.TEACHING_OFFICE) && s.districtCode().equals(user.districtCode()))
        .orElseThrow(UserFacingException::notFound);
    if (!ArchivePdf.sha256(stored.pdf()).equals(stored.sha256())) {
      throw UserFacingException.conflict("assessment.error.tampered");
    }
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=rural-service-certificate-" + id + ".pdf")
        .header("X-Certificate-SHA256", stored.sha256())
        .body(stored.pdf());
  }

  /**
   * What the public may learn of a code, and of a file claimed to be its certificate (null: none):
   * refused when the code is not a code (400), unknown (404), or the file is not a PDF (400).
   */
  Verification verify(String codeInput, byte[] file) {
    if (codeInput == null || codeInput.isBlank()) {
      throw UserFacingException.field("code", "verify.error.codeRequired");
    }
    if (codeInput.length() > CertificateCodes.MAX_INPUT) {
      throw UserFacingException.field("code", "verify.error.codeTooLong", CertificateCodes.MAX_INPUT);
    }
    String code = CertificateCodes.normalized(codeInput)
        .orElseThrow(() -> UserFacingException.field("code", "verify.error.codeFormat"));
    if (file != null && file.length > MAX_PDF_BYTES) {
      throw new UserFacingException(HttpStatus.PAYLOAD_TOO_LARGE, "verify.error.tooLarge", MAX_PDF_BYTES / 1024 / 1024);
    }
    if (file != null && !isPdf(file)) {
      throw UserFacingException.field("file", "verify.error.notPdf");
    }
    CertificateView found = find("c.code = :code", Map.of("code", code)).stream().findFirst()
        .orElseThrow(() -> new UserFacingException(HttpStatus.NOT_FOUND, "verify.error.unknown"));
    FileCheck check = file == null ? FileCheck.NONE
        : ArchivePdf.sha256(file).equals(found.sha256()) ? FileCheck.IDENTICAL : FileCheck.ALTERED;
    return new Verification(CertificateCodes.grouped(code), true, found.issuedAt().atZoneSameInstant(zone).toLocalDate(),
        found.officeName(), masked(found.teacherName()), found.superseded(), check);
  }

  static boolean isPdf(byte[] file) {
    return file.length >= 5 && file[0] == '%' && file[1] == 'P' && file[2] == 'D' && file[3] == 'F' && file[4] == '-';
  }

  /** The teacher's name as the public sees it: the first character, then one * for each other (张*, 欧阳**). */
  static String masked(String name) {
    if (name == null || name.isBlank()) {
      return "*";
    }
    int[] points = name.strip().codePoints().toArray();
    return new String(points, 0, 1) + "*".repeat(Math.max(1, points.length - 1));
  }

  private List<CertificateView> find(String where, Map<String, Object> params) {
    return jdbc.sql("""
            select c.id, c.code, c.teacher_username, c.teacher_name, c.office_name, c.years, c.sha256, c.issuer_name,
                   c.issued_at,
                   exists (select 1 from rural_service_certificate_year y
                           join rural_service_credit r on r.id = y.credit_id
                           where y.certificate_id = c.id and (r.revoked_at is not null or r.grade <> y.grade)) as superseded
            from rural_service_certificate c""" + " where " + where + " order by c.issued_at desc, c.id desc")
        .params(params).query(RecordRows.of(CertificateView.class)).list();
  }

  /** The years a certificate certifies, as printed. */
  List<CertifiedYear> years(long certificateId) {
    return jdbc.sql("""
            select school_year, grade, school_name from rural_service_certificate_year
            where certificate_id = :id order by school_year""")
        .param("id", certificateId).query(RecordRows.of(CertifiedYear.class)).list();
  }

  record CertifiedYear(String schoolYear, String grade, String schoolName) {}

  /** An issued certificate; {@code superseded} once a year it certifies was revoked or regraded. */
  record CertificateView(long id, String code, String teacherUsername, String teacherName, String officeName, int years,
      String sha256, String issuerName, OffsetDateTime issuedAt, boolean superseded) {

    public String groupedCode() {
      return CertificateCodes.grouped(code);
    }
  }

  enum FileCheck { NONE, IDENTICAL, ALTERED }

  /** What the verification tells anyone: no personal data beyond the masked name. */
  record Verification(String code, boolean genuine, LocalDate issuedOn, String officeName, String teacherName,
      boolean superseded, FileCheck file) {}
}
