package cn.jiaoliu.app.assessment;

import cn.jiaoliu.app.audit.AuditTrail;
import cn.jiaoliu.app.security.JiaoliuUser;
import cn.jiaoliu.app.security.Role;
import cn.jiaoliu.app.tasklist.CaseGrants;
import cn.jiaoliu.app.web.UserFacingException;
import cn.jiaoliu.processes.assessment.AssessmentDeadlines;
import cn.jiaoliu.processes.assessment.AssessmentProcess;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Annual assessments, one per rotating teacher and school year (opened by {@link AssessmentRounds}).
 * Readers: the teacher, both principals, the district's office.
 */
@Service
public class AssessmentService {

  static final String SUBJECT = "ASSESSMENT";
  static final AssessmentDeadlines DEADLINES = new AssessmentDeadlines("P14D", "P10D", "P7D", "P10D", "P2D");

  private final AnnualAssessmentRepository assessments;
  private final AssessmentStarts starts;
  private final AuditTrail audit;
  private final ArchiveService archives;

  private final CaseGrants grants;

  AssessmentService(AnnualAssessmentRepository assessments, AssessmentStarts starts, AuditTrail audit,
      ArchiveService archives, CaseGrants grants) {
    this.grants = grants;
    this.assessments = assessments;
    this.starts = starts;
    this.audit = audit;
    this.archives = archives;
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
    Map<String, String> errors = new LinkedHashMap<>();
    if (grade == null || !AssessmentProcess.GRADES.contains(grade)) {
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
        AssessmentProcess.creditsRuralService(grade));
    audit.record(SUBJECT, id, user.username(), Role.TEACHING_OFFICE.realmRole(), "CORRECTED",
        "v" + corrected.version() + " " + grade + " " + cleanReason);
    return corrected;
  }

  public List<AnnualAssessment> mine(JiaoliuUser user) {
    return assessments.findByTeacherUsernameOrderByIdDesc(user.username());
  }

  public AnnualAssessment get(JiaoliuUser user, long id) {
    return assessments.findById(id).filter(c -> readable(user, c)).orElseThrow(UserFacingException::notFound);
  }

  /** Its scope, or a reading the inbox granted (a copy, an opinion asked). */
  boolean readable(JiaoliuUser user, AnnualAssessment c) {
    return c.scope().readableBy(user) || grants.granted(SUBJECT, c.id(), user.username());
  }


}
