package cn.jiaoliu.workers.sample;

/** What the sample worker needs from the app; implemented there. Must be idempotent. */
public interface SampleOutcomeService {

  /** Outcome recorded when the opinion timer fired before anybody decided. */
  String OVERDUE = "OVERDUE";

  void recordOutcome(long requestId, String outcome);
}
