package cn.jiaoliu.processes.assessment;

/**
 * Variables that start {@code assessment-round-schedule}: the district, the school year
 * ({@code 2026-2027}), the opening date-time ({@code opensAt}, ISO-8601 with offset) and the
 * correlation key of {@value #MESSAGE_CHANGED} ({@link #key}).
 */
public record RoundSchedule(String districtCode, String schoolYear, String opensAt, String scheduleKey) {

  /** Moves the opening date ({@code opensAt} = the new date) or cancels the schedule ({@code opensAt} = null). */
  public static final String MESSAGE_CHANGED = "assessment-schedule-changed";

  /** The timer that waits for the opening date. */
  public static final String TIMER_OPENING_DATE = "Timer_OpeningDate";

  /** The automated step that opens the round. */
  public static final String TASK_OPEN_ROUND = "Task_OpenRound";

  public static RoundSchedule of(String districtCode, String schoolYear, String opensAt) {
    return new RoundSchedule(districtCode, schoolYear, opensAt, key(districtCode, schoolYear));
  }

  /** Correlation key of one district's schedule for one school year. */
  public static String key(String districtCode, String schoolYear) {
    return districtCode + ":" + schoolYear;
  }
}
