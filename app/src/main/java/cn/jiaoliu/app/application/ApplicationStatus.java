package cn.jiaoliu.app.application;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

public enum ApplicationStatus {
  SUBMITTED,
  CHECKING,
  AWAITING_OPINION,
  RETURNED,
  AWAITING_ACCEPTANCE,
  AWAITING_APPROVAL,
  APPROVING,
  APPROVED,
  NOT_ELIGIBLE,
  REJECTED,
  DECLINED,
  WITHDRAWN,
  NO_QUOTA;

  /** Still running, and the teacher may still withdraw. */
  public static final Set<ApplicationStatus> WITHDRAWABLE =
      EnumSet.of(SUBMITTED, CHECKING, AWAITING_OPINION, RETURNED, AWAITING_ACCEPTANCE, AWAITING_APPROVAL);

  /** Counts as an open application of the teacher in a batch. */
  public static final Set<ApplicationStatus> OPEN = EnumSet.of(SUBMITTED, CHECKING, AWAITING_OPINION, RETURNED,
      AWAITING_ACCEPTANCE, AWAITING_APPROVAL, APPROVING);

  /** The names of the statuses, for conditional updates. */
  public static List<String> names(Set<ApplicationStatus> statuses) {
    return statuses.stream().map(Enum::name).sorted().toList();
  }

  public boolean open() {
    return OPEN.contains(this);
  }
}
