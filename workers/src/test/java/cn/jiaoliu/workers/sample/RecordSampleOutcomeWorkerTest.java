package cn.jiaoliu.workers.sample;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jiaoliu.processes.sample.SampleOutcomeInput;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordSampleOutcomeWorkerTest {

  private final List<String> recorded = new ArrayList<>();
  private final RecordSampleOutcomeWorker worker =
      new RecordSampleOutcomeWorker((requestId, outcome) -> recorded.add(requestId + ":" + outcome));

  @Test
  void recordsTheDecision() {
    worker.recordOutcome(new SampleOutcomeInput(7L, "REJECT"));

    assertThat(recorded).containsExactly("7:REJECT");
  }

  @Test
  void noDecisionMeansTheOpinionWasOverdue() {
    worker.recordOutcome(new SampleOutcomeInput(8L, null));

    assertThat(recorded).containsExactly("8:OVERDUE");
  }
}
