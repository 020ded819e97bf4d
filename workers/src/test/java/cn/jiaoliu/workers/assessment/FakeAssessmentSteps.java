package cn.jiaoliu.workers.assessment;

import java.util.ArrayList;
import java.util.List;

/** Hand-written stand-in for the app: records every call, and fails every call once told to. */
class FakeAssessmentSteps implements AssessmentSteps {

  static final long ARCHIVE_ID = 501L;
  static final int ADDED = 7;

  final List<String> calls = new ArrayList<>();
  private RuntimeException failure;

  FakeAssessmentSteps failingWith(RuntimeException failure) {
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
  public long archive(long assessmentId, String grade) {
    call("archive " + assessmentId + " " + grade);
    return ARCHIVE_ID;
  }

  @Override
  public int openRound(String districtCode, String schoolYear) {
    call("open " + districtCode + " " + schoolYear);
    return ADDED;
  }

}
