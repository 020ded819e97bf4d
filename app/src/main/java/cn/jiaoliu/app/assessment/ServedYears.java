package cn.jiaoliu.app.assessment;

import cn.jiaoliu.app.programme.SchoolDirectory;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Whether a school year's service has been done, so that it may be assessed and credited. A school
 * year runs from 1 September to 31 August; its round may open no earlier than the district's
 * number of days before that end ({@code district.assessment_open_days}, 60 by default: from early
 * July, when the year's teaching is over). Official records must not credit what has not happened:
 * a round opened in December for the next school year once asked a teacher to evaluate a year she
 * had not taught and credited it as rural service.
 */
@Component
class ServedYears {

  static final int DEFAULT_DAYS_BEFORE_END = 60;

  private final SchoolDirectory directory;
  private final Clock clock;
  private final ZoneId zone;

  ServedYears(SchoolDirectory directory, Clock clock, @Value("${jiaoliu.time-zone}") ZoneId zone) {
    this.directory = directory;
    this.clock = clock;
    this.zone = zone;
  }

  /** The first day of a school year {@code 2026-2027}: 1 September 2026. */
  static LocalDate start(String schoolYear) {
    return LocalDate.of(AssessmentRounds.firstYear(schoolYear), 9, 1);
  }

  /** The last day of a school year {@code 2026-2027}: 31 August 2027. */
  static LocalDate end(String schoolYear) {
    return LocalDate.of(AssessmentRounds.firstYear(schoolYear) + 1, 8, 31);
  }

  /** The first day the district may open the school year's round. */
  LocalDate earliestOpening(String districtCode, String schoolYear) {
    int days = directory.assessmentOpenDays(districtCode).orElse(DEFAULT_DAYS_BEFORE_END);
    return end(schoolYear).minusDays(days);
  }

  /** Whether the school year's service is done (or as near its end as the district allows) today. */
  boolean served(String districtCode, String schoolYear) {
    return !LocalDate.now(clock.withZone(zone)).isBefore(earliestOpening(districtCode, schoolYear));
  }
}
