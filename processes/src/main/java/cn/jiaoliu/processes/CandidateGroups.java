package cn.jiaoliu.processes;

/**
 * Candidate groups carry their scope, so that a principal of one school never sees another
 * school's tasks. The BPMN builds the same strings in FEEL, e.g. {@code "principal:" + schoolCode}.
 */
public final class CandidateGroups {

  public static final String ADMIN = "admin";

  private static final String PRINCIPAL = "principal:";
  private static final String TEACHING_OFFICE = "teaching-office:";

  private CandidateGroups() {}

  public static String principalOf(String schoolCode) {
    return PRINCIPAL + requireCode(schoolCode);
  }

  public static String teachingOfficeOf(String districtCode) {
    return TEACHING_OFFICE + requireCode(districtCode);
  }

  private static String requireCode(String code) {
    if (code == null || code.isBlank()) {
      throw new IllegalArgumentException("a scoped candidate group needs a school or district code");
    }
    return code;
  }
}
