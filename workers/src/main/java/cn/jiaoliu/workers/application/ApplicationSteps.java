package cn.jiaoliu.workers.application;

import cn.jiaoliu.processes.application.CollectFactsInput;
import cn.jiaoliu.processes.application.CollectedFacts;
import java.util.List;

/**
 * What the rotation-application workers need from the app; the app implements it. Every method is
 * idempotent: the engine may deliver a job twice.
 */
public interface ApplicationSteps {

  /**
   * Applies the revision (once per revisionTaskKey; null = none) and returns the eligibility facts
   * with the routing data the application has after it.
   */
  CollectedFacts collectFacts(long applicationId, CollectFactsInput.Revision revision);

  /** Ends the application with an outcome that is not an approval (with the reasons when not eligible), and tells the teacher. */
  void recordOutcome(long applicationId, String outcome, List<String> ineligibleReasons);


  /**
   * Creates the assignment and consumes one unit of the batch quota, both at most once per
   * application; returns the assignment's id.
   *
   * @throws QuotaExhaustedException the batch has no quota left for the school and direction
   */
  long createAssignment(long applicationId, int monthlySubsidy);

  /** Tells the teacher, both principals and the teaching office that the application was approved. */
  void notifyApproval(long applicationId);

  /** No quota left: a business outcome, modelled as a BPMN error. */
  final class QuotaExhaustedException extends RuntimeException {
    public QuotaExhaustedException(String message) {
      super(message);
    }
  }
}
