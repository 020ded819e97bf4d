package cn.jiaoliu.processes.application;

/**
 * Names of the {@code rotation-application} process that code outside the BPMN relies on: element
 * ids of the human steps (they name the inbox tasks), form keys, the withdrawal message, error codes,
 * decision values and outcome codes.
 */
public final class ApplicationProcess {

  // human steps (bpmn:userTask, job-worker based)
  public static final String TASK_SIGN_OPINION = "Task_SignOpinion";
  public static final String TASK_REVISE_APPLICATION = "Task_ReviseApplication";
  public static final String TASK_ACCEPT_TEACHER = "Task_AcceptTeacher";
  public static final String TASK_APPROVE_APPLICATION = "Task_ApproveApplication";

  // form keys of those steps
  public static final String FORM_SIGN_OPINION = "sign-opinion";
  public static final String FORM_REVISE_APPLICATION = "revise-application";
  public static final String FORM_ACCEPT_TEACHER = "accept-teacher";
  public static final String FORM_APPROVE_APPLICATION = "approve-application";

  /** Interrupting message start of the withdrawal event subprocess; correlation key = application id as text. */
  public static final String MESSAGE_WITHDRAWN = "application-withdrawn";

  /** BPMN error thrown by {@code create-assignment} when the batch has no quota left. */
  public static final String ERROR_QUOTA_EXHAUSTED = "QUOTA_EXHAUSTED";

  // decisions completing the human steps (variable "decision")
  public static final String APPROVE = "APPROVE";
  public static final String REJECT = "REJECT";
  public static final String RETURN = "RETURN";
  public static final String ACCEPT = "ACCEPT";
  public static final String DECLINE = "DECLINE";

  // outcomes passed to record-outcome (input mapping "outcome")
  public static final String OUTCOME_NOT_ELIGIBLE = "NOT_ELIGIBLE";
  public static final String OUTCOME_REJECTED_BY_DISPATCHING_SCHOOL = "REJECTED_BY_DISPATCHING_SCHOOL";
  public static final String OUTCOME_DECLINED_BY_RECEIVING_SCHOOL = "DECLINED_BY_RECEIVING_SCHOOL";
  public static final String OUTCOME_REJECTED_BY_TEACHING_OFFICE = "REJECTED_BY_TEACHING_OFFICE";
  public static final String OUTCOME_WITHDRAWN = "WITHDRAWN";
  public static final String OUTCOME_NO_QUOTA = "NO_QUOTA";

  private ApplicationProcess() {}
}
