package cn.jiaoliu.processes.assessment;

import java.util.List;

/**
 * Names of the {@code annual-assessment} process that code outside the BPMN relies on: element ids
 * of the human steps (they name the inbox tasks and are the values of {@code returnTo}), form keys,
 * the variables the steps complete with, decision values and grades.
 */
public final class AssessmentProcess {

  // human steps (bpmn:userTask, job-worker based), in process order
  public static final String TASK_WRITE_SELF_EVALUATION = "Task_WriteSelfEvaluation";
  public static final String TASK_ASSESS_TEACHER = "Task_AssessTeacher";
  public static final String TASK_SIGN_DISPATCHING_OPINION = "Task_SignDispatchingOpinion";
  public static final String TASK_APPROVE_ASSESSMENT = "Task_ApproveAssessment";

  // form keys of those steps
  public static final String FORM_WRITE_SELF_EVALUATION = "write-self-evaluation";
  public static final String FORM_ASSESS_TEACHER = "assess-teacher";
  public static final String FORM_SIGN_DISPATCHING_OPINION = "sign-dispatching-opinion";
  public static final String FORM_APPROVE_ASSESSMENT = "approve-assessment";

  // variables the human steps complete with (each stays local to its task; see the BPMN's documentation)
  /** {@code Task_AssessTeacher}: one of {@link #GRADES}; leaves the task as {@code assessmentGrade}. */
  public static final String VAR_GRADE = "grade";
  /** Every step: the free-text comment (opinion, reason of a return); the app stores it, the process does not. */
  public static final String VAR_COMMENT = "comment";
  /** {@code Task_ApproveAssessment}: {@link #APPROVE} or {@link #RETURN}; leaves the task as {@code approvalDecision}. */
  public static final String VAR_DECISION = "decision";
  /** {@code Task_ApproveAssessment} with {@link #RETURN}: one of {@link #RETURN_TARGETS}; leaves the task as {@code approvalReturnTo}. */
  public static final String VAR_RETURN_TO = "returnTo";

  // decisions completing Task_ApproveAssessment
  public static final String APPROVE = "APPROVE";
  public static final String RETURN = "RETURN";

  /** The steps the teaching office may return an assessment to (values of {@code returnTo}), in process order. */
  public static final List<String> RETURN_TARGETS =
      List.of(TASK_WRITE_SELF_EVALUATION, TASK_ASSESS_TEACHER, TASK_SIGN_DISPATCHING_OPINION);

  // grades (优秀 / 合格 / 基本合格 / 不合格) given on Task_AssessTeacher
  public static final String EXCELLENT = "EXCELLENT";
  public static final String QUALIFIED = "QUALIFIED";
  public static final String BASICALLY_QUALIFIED = "BASICALLY_QUALIFIED";
  public static final String UNQUALIFIED = "UNQUALIFIED";

  /** Every grade, best first; the BPMN rejects any other value with an incident on {@code Task_AssessTeacher}. */
  public static final List<String> GRADES = List.of(EXCELLENT, QUALIFIED, BASICALLY_QUALIFIED, UNQUALIFIED);

  private AssessmentProcess() {}

  /** An approved year graded {@link #QUALIFIED} or better credits one year of rural service. */
  public static boolean creditsRuralService(String grade) {
    return EXCELLENT.equals(grade) || QUALIFIED.equals(grade);
  }
}
