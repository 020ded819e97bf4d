package cn.jiaoliu.app.application.pdf;

import cn.jiaoliu.app.pdf.DocumentInfo;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * What the approval form (城乡教师交流轮岗审批表) of one rotation application shows, every text
 * already in Simplified Chinese: the application's facts, each signed opinion in the order given,
 * and the time the form's state is as of.
 *
 * @param staffNumber the teacher's 工号 from the roster, empty when the roster has none
 * @param subsidy the monthly subsidy as shown (每月 400 元), empty while no assignment exists
 * @param ineligibleReasons why the eligibility check failed, empty when it did not
 */
public record ApprovalForm(
    long applicationId,
    String teacherName,
    String staffNumber,
    String homeSchool,
    String targetSchool,
    String batch,
    String direction,
    String post,
    String subject,
    String period,
    int yearsOfService,
    String reasons,
    String status,
    String subsidy,
    String ineligibleReasons,
    OffsetDateTime submittedAt,
    List<Opinion> opinions,
    List<Revision> revisions,
    OffsetDateTime asOf,
    String attachments) {

  /** A form of a case without supporting files. */
  public ApprovalForm(long applicationId, String teacherName, String staffNumber, String homeSchool,
      String targetSchool, String batch, String direction, String post, String subject, String period,
      int yearsOfService, String reasons, String status, String subsidy, String ineligibleReasons,
      OffsetDateTime submittedAt, List<Opinion> opinions, List<Revision> revisions, OffsetDateTime asOf) {
    this(applicationId, teacherName, staffNumber, homeSchool, targetSchool, batch, direction, post, subject, period,
        yearsOfService, reasons, status, subsidy, ineligibleReasons, submittedAt, opinions, revisions, asOf, "");
  }

  public ApprovalForm {
    opinions = opinions == null ? List.of() : List.copyOf(opinions);
    revisions = revisions == null ? List.of() : List.copyOf(revisions);
  }

  /** One revision of the application after it was returned: when, and what it changed (in Chinese). */
  public record Revision(OffsetDateTime at, String changes) {}

  /**
   * One signed step: e.g. 派出学校签署意见, 同意, the comment, who signed and when, the signer's
   * handwritten signature and the school's seal (PNG, or null).
   */
  public record Opinion(String step, String decision, String comment, String signerName, OffsetDateTime at,
      byte[] signature, byte[] seal) {

    /** An opinion without a stored signature or seal. */
    public Opinion(String step, String decision, String comment, String signerName, OffsetDateTime at) {
      this(step, decision, comment, signerName, at, null, null);
    }

    /** By content, images by their SHA-256: the PDF's identity comes from it (same content, same bytes). */
    @Override
    public String toString() {
      return "%s[step=%s, decision=%s, comment=%s, signerName=%s, at=%s, signature=%s, seal=%s]".formatted(
          getClass().getSimpleName(), step, decision, comment, signerName, at, DocumentInfo.digestOf(signature), DocumentInfo.digestOf(seal));
    }
  }
}
