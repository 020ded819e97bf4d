package cn.jiaoliu.app.statistics;

import cn.jiaoliu.app.export.Table;
import cn.jiaoliu.app.statistics.Statistics.DirectionCount;
import cn.jiaoliu.app.statistics.Statistics.PersonTimes;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Each report as a {@link Table}: in Chinese for the downloads (XLSX, CSV), in the reader's
 * language on the page. Numbers stay numbers; an average without any completed task is empty.
 */
@Component
class StatisticsTables {

  private final MessageSource messages;

  StatisticsTables(MessageSource messages) {
    this.messages = messages;
  }

  Table table(Statistics s, Report report, Locale locale) {
    Labels l = new Labels(locale);
    PersonTimes p = s.personTimes();
    return switch (report) {
      case PERSON_TIMES_BY_DIRECTION -> new Table(l.title(report),
          l.cols("direction", "personTimes", "share"),
          List.of(row(l.direction("URBAN_TO_RURAL"), p.urbanToRural(), StatisticsService.percent(p.urbanToRural(), p.total())),
              row(l.direction("RURAL_TO_URBAN"), p.ruralToUrban(), StatisticsService.percent(p.ruralToUrban(), p.total())),
              row(l.msg("statistics.total"), p.total(), StatisticsService.percent(p.total(), p.total()))));
      case PERSON_TIMES_BY_YEAR -> directionTable(l, report, "schoolYear", p.byYear());
      case PERSON_TIMES_TREND -> directionTable(l, report, "schoolYear", p.trend());
      case TEACHER_FLOWS -> new Table(l.title(report),
          l.cols("fromCode", "fromSchool", "toCode", "toSchool", "personTimes"),
          p.flows().stream().map(f -> row(f.fromCode(), f.fromName(), f.toCode(), f.toName(), f.personTimes())).toList());
      case PERSON_TIMES_BY_BATCH -> directionTable(l, report, "batch", p.byBatch());
      case PERSON_TIMES_BY_SUBJECT -> directionTable(l, report, "subject",
          p.bySubject().stream().map(c -> c.label().isEmpty()
              ? new DirectionCount(c.key(), l.msg("statistics.subject.none"), c.urbanToRural(), c.ruralToUrban()) : c)
              .toList());
      case PERSON_TIMES_BY_SCHOOL -> new Table(l.title(report),
          l.cols("schoolCode", "school", "area", "dispatched", "received", "total"),
          p.bySchool().stream().map(c -> row(c.code(), c.name(), l.area(c.areaType()), c.dispatched(), c.received(),
              c.total())).toList());
      case RURAL_REACH -> new Table(l.title(report), l.cols("ruralSchools", "reached", "coverage"),
          List.of(row(s.ruralReach().ruralSchools(), s.ruralReach().reached(), s.ruralReach().percent())));
      case RURAL_SCHOOLS -> new Table(l.title(report), l.cols("schoolCode", "school", "area", "personTimes", "isReached"),
          s.ruralReach().schools().stream().map(r -> row(r.code(), r.name(), l.area(r.areaType()), r.personTimes(),
              r.reached())).toList());
      case OPEN_APPROVALS -> new Table(l.title(report), l.cols("step", "underThreeDays", "threeToSevenDays",
          "overSevenDays", "total"),
          s.openApprovals().stream().map(a -> row(l.step(a.elementId()), a.underThreeDays(), a.threeToSevenDays(),
              a.overSevenDays(), a.total())).toList());
      case STEP_DURATIONS -> new Table(l.title(report), l.cols("process", "step", "completed", "averageHours",
          "averageDays"),
          s.stepDurations().stream().map(d -> row(l.process(d.processId()), l.step(d.processId(), d.elementId()),
              d.completed(), d.averageHours(), days(d.averageHours()))).toList());
      case PROCESS_CASES -> new Table(l.title(report), l.cols("process", "running", "ended", "total"),
          s.processCases().stream().map(c -> row(l.process(c.processId()), c.running(), c.ended(), c.total())).toList());
      case GRADES -> new Table(l.title(report), l.cols("schoolYear", "EXCELLENT", "QUALIFIED", "BASICALLY_QUALIFIED",
          "UNQUALIFIED", "total"),
          s.grades().stream().map(g -> row(g.schoolYear(), g.excellent(), g.qualified(), g.basicallyQualified(),
              g.unqualified(), g.total())).toList());
    };
  }

  private static Table directionTable(Labels l, Report report, String first, List<DirectionCount> counts) {
    return new Table(l.title(report), l.cols(first, "urbanToRural", "ruralToUrban", "total"),
        counts.stream().map(c -> row(c.label(), c.urbanToRural(), c.ruralToUrban(), c.total())).toList());
  }

  static BigDecimal days(BigDecimal hours) {
    return hours == null ? null : hours.divide(BigDecimal.valueOf(24), 1, RoundingMode.HALF_UP);
  }

  /** A row that may hold empty cells (an average of nothing). */
  private static List<Object> row(Object... cells) {
    return Collections.unmodifiableList(new ArrayList<>(Arrays.asList(cells)));
  }

  /** Translated report titles, column headers and names of directions, areas and steps. */
  final class Labels {

    private final Locale locale;

    Labels(Locale locale) {
      this.locale = locale;
    }

    String msg(String key, Object... args) {
      return messages.getMessage(key, args, key, locale);
    }

    String title(Report report) {
      return msg("statistics.report." + report.id());
    }

    List<String> cols(String... names) {
      return Arrays.stream(names).map(n -> msg("statistics.col." + n)).toList();
    }

    String direction(String direction) {
      return msg("statistics.direction." + direction);
    }

    String area(String areaType) {
      return areaType == null ? "" : msg("area." + areaType);
    }

    String step(String elementId) {
      return msg("step." + elementId);
    }

    /** A process by its name (see {@link ProcessNames}). */
    String process(String processId) {
      return ProcessNames.process(messages, processId, locale);
    }

    /** A step of a process by its name (see {@link ProcessNames}). */
    String step(String processId, String elementId) {
      return ProcessNames.step(messages, processId, elementId, locale);
    }
  }
}
