package cn.jiaoliu.workers.application;

import cn.jiaoliu.processes.application.ApplicationRouting;
import cn.jiaoliu.processes.application.CollectFactsInput;
import cn.jiaoliu.processes.application.CollectedFacts;
import cn.jiaoliu.processes.application.EligibilityFacts;
import java.util.ArrayList;
import java.util.List;

/** Hand-written stand-in for the app: records every call, and fails every call once told to. */
class FakeApplicationSteps implements ApplicationSteps {

  static final EligibilityFacts FACTS = new EligibilityFacts(true, false, false, true, 3, 8, 3, 2);

  final List<String> calls = new ArrayList<>();
  CollectFactsInput.Revision revisionSeen;
  long nextAssignmentId = 900L;
  private RuntimeException failure;

  FakeApplicationSteps failingWith(RuntimeException failure) {
    this.failure = failure;
    return this;
  }

  private void call(String call) {
    calls.add(call);
    if (failure != null) {
      throw failure;
    }
  }

  @Override
  public CollectedFacts collectFacts(long applicationId, CollectFactsInput.Revision revision) {
    revisionSeen = revision;
    call("collectFacts " + applicationId);
    return new CollectedFacts(FACTS, ApplicationRouting.of("teacher.zhang", "LC-U01",
        revision == null ? "LC-R01" : revision.targetSchoolCode(), "LC"));
  }

  @Override
  public void recordOutcome(long applicationId, String outcome, java.util.List<String> ineligibleReasons) {
    call("recordOutcome " + applicationId + " " + outcome + (ineligibleReasons.isEmpty() ? "" : " " + ineligibleReasons));
  }

  @Override
  public long createAssignment(long applicationId, int monthlySubsidy) {
    call("createAssignment " + applicationId + " " + monthlySubsidy);
    return nextAssignmentId;
  }

  @Override
  public void notifyApproval(long applicationId) {
    call("notifyApproval " + applicationId);
  }
}
