package cn.jiaoliu.app.statistics;

import cn.jiaoliu.app.statistics.Statistics.DirectionCount;
import cn.jiaoliu.app.statistics.Statistics.PersonTimes;
import cn.jiaoliu.processes.assessment.AssessmentProcess;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToIntFunction;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Each report as horizontal CSS bars, drawn by the server (no script): a bar per row of its table,
 * split into coloured segments (direction, age, grade) whose widths are shares of the longest bar.
 */
@Component
class StatisticsCharts {

  private static final String[] DIRECTIONS = {"c-brand", "c-blue"};
  private static final String[] AGES = {"c-green", "c-amber", "c-red"};
  private static final String[] GRADES = {"c-green", "c-blue", "c-amber", "c-red"};
  private static final String[] REACH = {"c-green", "c-grey"};
  private static final String[] SINGLE = {"c-brand"};

  private final MessageSource messages;

  StatisticsCharts(MessageSource messages) {
    this.messages = messages;
  }

  /** A chart: what the colours mean and the bars. */
  record Chart(List<Legend> legend, List<Bar> bars) {}

  record Legend(String label, String colour) {}

  /** One bar: its label, the text at its end, and its segments. */
  record Bar(String label, String value, List<Segment> segments) {}

  /** A segment: width in percent of the chart, its colour and a tooltip. */
  record Segment(String width, String colour, String title) {}

  Chart chart(Statistics s, Report report, Locale locale) {
    PersonTimes p = s.personTimes();
    List<String> directions = List.of(msg("statistics.direction.URBAN_TO_RURAL", locale),
        msg("statistics.direction.RURAL_TO_URBAN", locale));
    return switch (report) {
      case PERSON_TIMES_BY_DIRECTION -> {
        int max = Math.max(p.urbanToRural(), p.ruralToUrban());
        yield new Chart(legend(directions, DIRECTIONS), List.of(
            bar(directions.get(0), String.valueOf(p.urbanToRural()), max, parts(p.urbanToRural(), 0), directions,
                DIRECTIONS),
            bar(directions.get(1), String.valueOf(p.ruralToUrban()), max, parts(0, p.ruralToUrban()), directions,
                DIRECTIONS)));
      }
      case PERSON_TIMES_BY_YEAR -> directionChart(p.byYear(), directions, locale);
      case PERSON_TIMES_BY_BATCH -> directionChart(p.byBatch(), directions, locale);
      case PERSON_TIMES_BY_SUBJECT -> directionChart(p.bySubject(), directions, locale);
      case PERSON_TIMES_BY_SCHOOL -> {
        List<String> kinds = List.of(msg("statistics.col.dispatched", locale), msg("statistics.col.received", locale));
        int max = max(p.bySchool(), Statistics.SchoolCount::total);
        yield new Chart(legend(kinds, DIRECTIONS), p.bySchool().stream()
            .map(c -> bar(c.name(), String.valueOf(c.total()), max, parts(c.dispatched(), c.received()), kinds, DIRECTIONS))
            .toList());
      }
      case RURAL_REACH -> {
        var r = s.ruralReach();
        List<String> kinds = List.of(msg("statistics.col.reached", locale), msg("statistics.notReached", locale));
        yield new Chart(legend(kinds, REACH), List.of(bar(msg("statistics.col.ruralSchools", locale),
            msg("statistics.reachShare", locale, r.reached(), r.ruralSchools(), r.percent().toPlainString()), r.ruralSchools(),
            parts(r.reached(), r.ruralSchools() - r.reached()), kinds, REACH)));
      }
      case RURAL_SCHOOLS -> {
        List<String> kinds = List.of(msg("statistics.col.personTimes", locale));
        int max = max(s.ruralReach().schools(), Statistics.RuralSchool::personTimes);
        yield new Chart(List.of(), s.ruralReach().schools().stream()
            .map(r -> bar(r.name(), String.valueOf(r.personTimes()), max, parts(r.personTimes()), kinds, SINGLE)).toList());
      }
      case OPEN_APPROVALS -> {
        List<String> ages = List.of(msg("statistics.col.underThreeDays", locale),
            msg("statistics.col.threeToSevenDays", locale), msg("statistics.col.overSevenDays", locale));
        int max = max(s.openApprovals(), Statistics.StepAge::total);
        yield new Chart(legend(ages, AGES), s.openApprovals().stream()
            .map(a -> bar(msg("step." + a.elementId(), locale), String.valueOf(a.total()), max,
                parts(a.underThreeDays(), a.threeToSevenDays(), a.overSevenDays()), ages, AGES))
            .toList());
      }
      case STEP_DURATIONS -> {
        List<String> kinds = List.of(msg("statistics.col.averageHours", locale));
        double max = s.stepDurations().stream().filter(d -> d.averageHours() != null)
            .mapToDouble(d -> d.averageHours().doubleValue()).max().orElse(0);
        yield new Chart(List.of(), s.stepDurations().stream()
            .map(d -> bar(processName(d.processId(), locale) + " · " + stepName(d.processId(), d.elementId(), locale),
                d.averageHours() == null ? "—" : duration(d.averageHours(), locale), max,
                parts(d.averageHours() == null ? 0 : d.averageHours().doubleValue()), kinds, SINGLE))
            .toList());
      }
      case PROCESS_CASES -> {
        List<String> states = List.of(msg("statistics.col.running", locale), msg("statistics.col.ended", locale));
        int max = max(s.processCases(), Statistics.ProcessCaseCount::total);
        yield new Chart(legend(states, DIRECTIONS), s.processCases().stream()
            .map(c -> bar(processName(c.processId(), locale), String.valueOf(c.total()), max,
                parts(c.running(), c.ended()), states, DIRECTIONS))
            .toList());
      }
      case GRADES -> {
        List<String> grades = AssessmentProcess.GRADES.stream()
            .map(g -> msg("grade." + g, locale)).toList();
        int max = max(s.grades(), Statistics.GradeCount::total);
        yield new Chart(legend(grades, GRADES), s.grades().stream()
            .map(g -> bar(g.schoolYear(), String.valueOf(g.total()), max,
                parts(g.excellent(), g.qualified(), g.basicallyQualified(), g.unqualified()), grades, GRADES))
            .toList());
      }
    };
  }

  private Chart directionChart(List<DirectionCount> counts, List<String> directions, Locale locale) {
    int max = max(counts, DirectionCount::total);
    return new Chart(legend(directions, DIRECTIONS), counts.stream()
        .map(c -> bar(c.label().isEmpty() ? msg("statistics.subject.none", locale) : c.label(),
            String.valueOf(c.total()), max, parts(c.urbanToRural(), c.ruralToUrban()), directions, DIRECTIONS))
        .toList());
  }

  /** Hours under a day as hours, longer as days. */
  private String duration(BigDecimal hours, Locale locale) {
    return hours.compareTo(BigDecimal.valueOf(24)) < 0 ? msg("statistics.hours", locale, hours.toPlainString())
        : msg("statistics.days", locale, StatisticsTables.days(hours).toPlainString());
  }

  private static <T> int max(List<T> rows, ToIntFunction<T> value) {
    return rows.stream().mapToInt(value).max().orElse(0);
  }

  private static List<Legend> legend(List<String> labels, String[] colours) {
    List<Legend> legend = new ArrayList<>();
    for (int i = 0; i < labels.size(); i++) {
      legend.add(new Legend(labels.get(i), colours[i]));
    }
    return legend;
  }

  private static double[] parts(double... parts) {
    return parts;
  }

  private static Bar bar(String label, String value, double max, double[] parts, List<String> names,
      String[] colours) {
    List<Segment> segments = new ArrayList<>();
    for (int i = 0; i < parts.length; i++) {
      if (parts[i] > 0 && max > 0) {
        segments.add(new Segment(String.format(Locale.ROOT, "%.2f", parts[i] * 100.0 / max), colours[i],
            names.get(i) + " " + number(parts[i])));
      }
    }
    return new Bar(label, value, segments);
  }

  private static String number(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v);
  }

  private String processName(String processId, Locale locale) {
    return ProcessNames.process(messages, processId, locale);
  }

  private String stepName(String processId, String elementId, Locale locale) {
    return ProcessNames.step(messages, processId, elementId, locale);
  }

  private String msg(String key, Locale locale, Object... args) {
    return messages.getMessage(key, args, key, locale);
  }
}
