package cn.jiaoliu.app.statistics;

import cn.jiaoliu.app.security.JiaoliuUser;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * The few figures a director reads at a glance on the office's home page: this school year's rural
 * coverage (rural schools reached by at least one rotating teacher) and the trend of person-times
 * over the school years. Scoped as the statistics pages are.
 */
@Service
public class DistrictGlance {

  private final StatisticsScopes scopes;
  private final StatisticsService statistics;
  private final Clock clock;

  DistrictGlance(StatisticsScopes scopes, StatisticsService statistics, Clock clock) {
    this.scopes = scopes;
    this.statistics = statistics;
    this.clock = clock;
  }

  public Glance of(JiaoliuUser user) {
    SchoolYear current = SchoolYear.of(LocalDate.now(clock));
    Statistics.RuralReach reach = statistics.of(scopes.scope(user, null, current.toString(), null)).ruralReach();
    List<YearCount> trend = statistics.of(scopes.scope(user, null, null, null)).personTimes().byYear().stream()
        .map(y -> new YearCount(y.label(), y.urbanToRural(), y.ruralToUrban())).toList();
    int peak = trend.stream().mapToInt(YearCount::total).max().orElse(0);
    return new Glance(current.toString(), reach.reached(), reach.ruralSchools(), reach.percent(), trend, peak);
  }

  /**
   * This school year's rural coverage and the trend by school year.
   *
   * @param peak the largest yearly total (the trend's bars are drawn against it)
   */
  public record Glance(String schoolYear, int ruralReached, int ruralSchools, BigDecimal ruralPercent,
      List<YearCount> trend, int peak) {}

  /** Person-times of one school year by direction. */
  public record YearCount(String schoolYear, int urbanToRural, int ruralToUrban) {

    public int total() {
      return urbanToRural + ruralToUrban;
    }
  }
}
