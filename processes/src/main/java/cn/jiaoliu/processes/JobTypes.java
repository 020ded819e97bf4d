package cn.jiaoliu.processes;

/** Every job type the BPMN files use, in kebab-case; each has exactly one worker. */
public final class JobTypes {

  /** Job-worker user tasks: the app's tasklist activates these and keeps its own inbox. */
  public static final String USER_TASK = "io.camunda.zeebe:userTask";

  /** Applies a pending revision, then gathers the facts the eligibility decision needs. */
  public static final String COLLECT_ELIGIBILITY_FACTS = "collect-eligibility-facts";

  /** Ends an application that did not go through: not eligible, rejected, declined, withdrawn, no quota. */
  public static final String RECORD_OUTCOME = "record-outcome";

  /** Tells the candidates of a human step, of any process, that its due date is near ({@link StepDue}). */
  public static final String SEND_REMINDER = "send-reminder";

  /** A human step, of any process, is overdue: flags it for its supervisors ({@link StepDue}). */
  public static final String ESCALATE_OVERDUE = "escalate-overdue";

  /** Creates the assignment and consumes the batch quota, exactly once per application. */
  public static final String CREATE_ASSIGNMENT = "create-assignment";

  /** Tells everyone involved that the application was approved. */
  public static final String NOTIFY_APPROVAL = "notify-approval";

  /** Writes the archived record of an approved assessment and credits the rural service, once per assessment. */
  public static final String ARCHIVE_ASSESSMENT = "archive-assessment";

  /** Opens a district's assessment round for a school year when its default opening date comes; idempotent. */
  public static final String OPEN_ASSESSMENT_ROUND = "open-assessment-round";

  private JobTypes() {}
}
