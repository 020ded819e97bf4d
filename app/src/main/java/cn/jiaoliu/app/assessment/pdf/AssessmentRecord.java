package cn.jiaoliu.app.assessment.pdf;

import cn.jiaoliu.app.pdf.DocumentInfo;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * What the archived annual assessment record (年度考核登记表) of a rotating teacher shows: every
 * text already in Simplified Chinese (the grade translated: 优秀/合格/基本合格/不合格), every opinion
 * of the chain with its signer and time, and the archive's version and time.
 *
 * @param entries the completed steps in the order they happened; null reads as none
 */
public record AssessmentRecord(
    String schoolYear,
    String teacherName,
    String teacherUsername,
    String dispatchingSchool,
    String receivingSchool,
    String subject,
    String post,
    LocalDate periodStart,
    LocalDate periodEnd,
    String selfEvaluation,
    int demonstrationClasses,
    int researchActivities,
    int pupilsTaught,
    String grade,
    List<Entry> entries,
    int version,
    OffsetDateTime archivedAt) {

  public AssessmentRecord {
    entries = entries == null ? List.of() : List.copyOf(entries);
  }

  /**
   * One completed step: e.g. 接收学校考核, its decision (同意, 退回, a grade…), the comment, who signed
   * and when.
   */
  public record Entry(String step, String decision, String comment, String signerName, OffsetDateTime at,
      byte[] signature, byte[] seal) {

    /** An entry without a stored signature or seal. */
    public Entry(String step, String decision, String comment, String signerName, OffsetDateTime at) {
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
