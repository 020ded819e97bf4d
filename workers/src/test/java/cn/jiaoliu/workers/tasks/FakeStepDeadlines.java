package cn.jiaoliu.workers.tasks;

import java.util.ArrayList;
import java.util.List;

/** Records the calls the workers make; fails them when told to. */
class FakeStepDeadlines implements StepDeadlines {

  final List<String> calls = new ArrayList<>();
  private RuntimeException failure;

  void failingWith(RuntimeException failure) {
    this.failure = failure;
  }

  @Override
  public void remind(long processInstanceKey, String step) {
    call("remind " + processInstanceKey + " " + step);
  }

  @Override
  public void escalate(long processInstanceKey, String step) {
    call("escalate " + processInstanceKey + " " + step);
  }

  private void call(String call) {
    if (failure != null) {
      throw failure;
    }
    calls.add(call);
  }
}
