package cn.jiaoliu.app.statistics;

/**
 * Whose numbers a user sees: a whole district (its teaching office, an administrator) or one school
 * of it (its principal; or the office narrowing to a school), and the filters chosen.
 */
record StatisticsScope(String districtCode, String districtName, String schoolCode, String schoolName,
    SchoolYear schoolYear, Long batchId, String batchName) {

  public boolean oneSchool() {
    return schoolCode != null;
  }

  public String year() {
    return schoolYear == null ? null : schoolYear.toString();
  }
}
