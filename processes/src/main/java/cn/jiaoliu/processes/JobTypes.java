package cn.jiaoliu.processes;

/** Every job type the BPMN files use, in kebab-case; each has exactly one worker. */
public final class JobTypes {

  /** Job-worker user tasks: the app's tasklist activates these and keeps its own inbox. */
  public static final String USER_TASK = "io.camunda.zeebe:userTask";

  public static final String RECORD_SAMPLE_OUTCOME = "record-sample-outcome";

  private JobTypes() {}
}
