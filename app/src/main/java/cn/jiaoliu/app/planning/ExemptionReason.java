package cn.jiaoliu.app.planning;

/** Why a teacher is excused from rotating (免于交流). */
enum ExemptionReason {
  PREGNANCY_NURSING,
  SERIOUS_ILLNESS,
  NEAR_RETIREMENT,
  OTHER
}
