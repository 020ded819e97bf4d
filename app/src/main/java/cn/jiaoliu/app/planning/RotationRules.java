package cn.jiaoliu.app.planning;

/**
 * A district's rotation rules: after how many years at one school a teacher is due (Anhui: 6), after
 * how many years principals and vice-principals are (two terms, 6), how near retirement excuses a
 * teacher, each school's target as a share of its due teachers (the 2014 national opinion: at least
 * 10%, backbone teachers at least 20% of those), how the shares are rounded, and the joint
 * teaching-research activities each pairing owes a semester (seed 000: twice).
 */
record RotationRules(String districtCode, int yearsAtSchool, int leaderYears, int retirementAge,
    int retirementWindowYears, int targetPercent, int backbonePercent, Rounding rounding,
    int jointResearchPerTerm) {

  static RotationRules defaults(String districtCode) {
    return new RotationRules(districtCode, 6, 6, 60, 3, 10, 20, Rounding.UP, 2);
  }

  /** The school's target: the share of its due teachers, rounded as the district decides. */
  int target(int eligible) {
    return rounding.of(targetPercent, eligible);
  }

  /** Backbone teachers among the target. */
  int backboneTarget(int target) {
    return rounding.of(backbonePercent, target);
  }
}
