package cn.jiaoliu.processes;

/** BPMN process ids; each equals the file name of its BPMN under {@code bpmn/}. */
public final class ProcessIds {

  /** Foundation sample: a principal signs an opinion on a teacher's request. */
  public static final String SAMPLE_OPINION = "sample-opinion";

  /** Classpath pattern of every BPMN and DMN file the app deploys. */
  public static final String RESOURCES = "classpath*:bpmn/*.*";

  private ProcessIds() {}
}
