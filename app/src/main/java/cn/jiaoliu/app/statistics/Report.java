package cn.jiaoliu.app.statistics;

import java.util.Arrays;
import java.util.Optional;

/** The reports of the statistics page, each a chart with its table and its downloads. */
enum Report {
  PERSON_TIMES_BY_DIRECTION("person-times-by-direction"),
  PERSON_TIMES_BY_YEAR("person-times-by-year"),
  PERSON_TIMES_TREND("person-times-trend"),
  PERSON_TIMES_BY_BATCH("person-times-by-batch"),
  PERSON_TIMES_BY_SCHOOL("person-times-by-school"),
  TEACHER_FLOWS("teacher-flows"),
  PERSON_TIMES_BY_SUBJECT("person-times-by-subject"),
  RURAL_REACH("rural-reach"),
  RURAL_SCHOOLS("rural-schools"),
  OPEN_APPROVALS("open-approvals"),
  STEP_DURATIONS("step-durations"),
  PROCESS_CASES("process-cases"),
  GRADES("grades");

  private final String id;

  Report(String id) {
    this.id = id;
  }

  /** The report's name in addresses ({@code /api/statistics/grades}) and messages. */
  String id() {
    return id;
  }

  static Optional<Report> of(String id) {
    return Arrays.stream(values()).filter(r -> r.id.equals(id)).findFirst();
  }
}
