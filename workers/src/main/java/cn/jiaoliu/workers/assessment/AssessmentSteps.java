package cn.jiaoliu.workers.assessment;

/**
 * What the annual-assessment workers need from the app; the app implements it. Every method is
 * idempotent: the engine may deliver a job twice.
 *
 * <p>The assessment workers are switched on by {@value #ENABLED_PROPERTY}{@code =true}. Until the
 * app implements this interface it leaves the property unset, so the workers are not created and the
 * app starts without an {@code AssessmentSteps} bean.
 */
public interface AssessmentSteps {

  /** Property that switches the assessment workers on (off when unset). */
  String ENABLED_PROPERTY = "jiaoliu.assessment.enabled";

  /**
   * Writes the archived record of the approved assessment with its grade and, when the grade is
   * QUALIFIED or better ({@code AssessmentProcess.creditsRuralService}), credits one year of rural
   * service; both at most once per assessment. Returns the archived record's id (the same id again
   * when called again).
   */
  long archive(long assessmentId, String grade);

  /**
   * The default opening date of the district's round for the school year has come: opens the round
   * as the teaching office's own action does (one assessment per active assignment, none twice).
   * Returns how many assessments this call added (0 when called again).
   */
  int openRound(String districtCode, String schoolYear);
}
