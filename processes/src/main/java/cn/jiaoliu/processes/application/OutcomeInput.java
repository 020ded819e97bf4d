package cn.jiaoliu.processes.application;

import java.util.List;

/**
 * What {@code record-outcome} reads: the application, how it ended (see the OUTCOME_ constants),
 * and, when it was not eligible, the reasons the {@code rotation-eligibility} decision gave.
 */
public record OutcomeInput(long applicationId, String outcome, List<String> ineligibleReasons) {

  public OutcomeInput {
    ineligibleReasons = ineligibleReasons == null ? List.of() : List.copyOf(ineligibleReasons);
  }
}
