package cn.jiaoliu.processes.application;

/**
 * What {@code collect-eligibility-facts} returns as variable {@code facts}; the inputs of the DMN
 * decision {@code rotation-eligibility} ({@code facts.batchOpen}, …). Its result variable
 * {@code ineligibleReasons} is a list of reason codes, empty when eligible.
 */
public record EligibilityFacts(
    boolean batchOpen,
    boolean hasActiveRotation,
    boolean hasOtherOpenApplication,
    boolean paired,
    int quotaLeft,
    int yearsOfService,
    int minYearsOfService,
    int remotenessTier) {

  // reason codes the decision returns
  public static final String BATCH_CLOSED = "BATCH_CLOSED";
  public static final String ACTIVE_ROTATION = "ACTIVE_ROTATION";
  public static final String OTHER_OPEN_APPLICATION = "OTHER_OPEN_APPLICATION";
  public static final String NOT_PAIRED = "NOT_PAIRED";
  public static final String NO_QUOTA = "NO_QUOTA";
  public static final String TOO_FEW_YEARS = "TOO_FEW_YEARS";
}
