package cn.jiaoliu.processes.sample;

/** Variables the principal's {@code Task_SignOpinion} completes with. */
public record SampleOpinionDecision(String decision, String comment) {

  public static final String APPROVE = "APPROVE";
  public static final String REJECT = "REJECT";
}
