package cn.jiaoliu.processes;

/** BPMN process ids; each equals the file name of its BPMN under {@code bpmn/}. */
public final class ProcessIds {

  /** A teacher's rotation application: checks, three opinions, assignment. */
  public static final String ROTATION_APPLICATION = "rotation-application";

  /** A rotating teacher's annual assessment: self-evaluation, grade, opinion, approval, archive. */
  public static final String ANNUAL_ASSESSMENT = "annual-assessment";

  /** Waits for the default opening date of a district's assessment round, then opens it. */
  public static final String ASSESSMENT_ROUND_SCHEDULE = "assessment-round-schedule";

  /** DMN: why an application is not eligible (empty when it is). */
  public static final String DECISION_ROTATION_ELIGIBILITY = "rotation-eligibility";

  /** DMN: monthly subsidy in yuan from the receiving school's remoteness tier. */
  public static final String DECISION_SUBSIDY_TIER = "subsidy-tier";

  /** Classpath pattern of every BPMN and DMN file the app deploys. */
  public static final String RESOURCES = "classpath*:bpmn/*.*";

  private ProcessIds() {}
}
