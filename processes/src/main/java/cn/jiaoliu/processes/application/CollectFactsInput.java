package cn.jiaoliu.processes.application;

/**
 * What {@code collect-eligibility-facts} reads: the application, and the latest revision the
 * teacher submitted on {@code Task_ReviseApplication} (absent before the first return). The
 * revision's fields are those of the revise form; {@code revisionTaskKey} identifies it, so
 * applying it twice changes nothing.
 */
public record CollectFactsInput(long applicationId, Revision revision) {

  public record Revision(
      long revisionTaskKey, String targetSchoolCode, String subject, String periodStart, String periodEnd,
      String reasons, String post) {}
}
