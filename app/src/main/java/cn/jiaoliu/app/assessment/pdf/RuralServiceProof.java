package cn.jiaoliu.app.assessment.pdf;

import cn.jiaoliu.app.pdf.DocumentInfo;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * What the proof of rural service (农村任教经历证明) certifies and who issues it: every text already in
 * Simplified Chinese (grades translated), each credited year with the school taught at, the issuing
 * office, the issuer and the time, and the verification code with the address of the verification
 * page.
 *
 * @param school the teacher's own (dispatching) school
 * @param issuerSignature the issuer's handwritten signature (PNG), or null
 */
public record RuralServiceProof(
    String code,
    String teacherName,
    String teacherUsername,
    String school,
    String officeName,
    String issuerName,
    OffsetDateTime issuedAt,
    List<Year> years,
    String verifyUrl,
    byte[] issuerSignature) {

  public RuralServiceProof {
    years = years == null ? List.of() : List.copyOf(years);
  }

  /** One credited school year: 2025-2026, 合格, the school taught at (the receiving school). */
  public record Year(String schoolYear, String grade, String school) {}

  /** By content, the signature by its SHA-256: the PDF's identity comes from it (same content, same bytes). */
  @Override
  public String toString() {
    return "%s[code=%s, teacherName=%s, teacherUsername=%s, school=%s, officeName=%s, issuerName=%s, issuedAt=%s, "
        .formatted(getClass().getSimpleName(), code, teacherName, teacherUsername, school, officeName, issuerName, issuedAt)
        + "years=%s, verifyUrl=%s, issuerSignature=%s]".formatted(years, verifyUrl, DocumentInfo.digestOf(issuerSignature));
  }
}
