package cn.jiaoliu.app.statistics;

import cn.jiaoliu.app.statistics.Statistics.DirectionCount;
import cn.jiaoliu.app.statistics.Statistics.PersonTimes;
import cn.jiaoliu.processes.assessment.AssessmentProcess;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Each report as a chart for {@code /js/charts.js}, which draws it with ECharts: the kind (bar, line,
 * Sankey), the categories and series (or nodes and links) with their labels in the reader's language
 * and colours by name from the app's palette ({@code --chart-*} in statistics.css). The page carries
 * it as JSON in a {@code <script type="application/json">} (no inline script), with a sentence that
 * summarises it for the chart's {@code aria-label}; the report's table stays beside it.
 */
@Component
class StatisticsCharts {

  private static final List<String> DIRECTIONS = List.of("brand", "blue");
  private static final List<String> AGES = List.of("green", "amber", "red");
  private static final List<String> GRADES = List.of("green", "blue", "amber", "red");
  /** Categories an {@code aria-label} names before it says how many more there are. */
  private static final int SUMMARY_ITEMS = 8;

  private final MessageSource messages;
  private final ObjectMapper json;

  StatisticsCharts(MessageSource messages, ObjectMapper json) {
    this.messages = messages;
    this.json = json;
  }

  /**
   * What charts.js draws: {@code bar} (vertical, or horizontal for long labels; stacked when its
   * series are parts of one whole), {@code line} or {@code sankey}.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Chart(String kind, boolean horizontal, boolean stacked, String unit, List<String> categories,
      List<Series> series, List<Node> nodes, List<Link> links) {}

  /** A series: its name (legend), colour, one value per category and, optionally, a colour per category. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Series(String name, String colour, List<Number> values, List<String> colours) {}

  /** A school of the Sankey diagram, on the dispatching (left) or receiving (right) side. */
  record Node(String id, String label, String colour, boolean dispatching) {}

  record Link(String source, String target, int value) {}

  /** A chart on the page: its JSON for charts.js and the sentence for its {@code aria-label}. */
  record View(String json, String summary) {}

  View view(Statistics s, Report report, Locale locale) {
    Chart chart = chart(s, report, locale);
    return new View(json(chart), summary(chart, msg("statistics.report." + report.id(), locale), locale));
  }

  Chart chart(Statistics s, Report report, Locale locale) {
    PersonTimes p = s.personTimes();
    String personTimes = msg("statistics.col.personTimes", locale);
    List<String> directions = List.of(msg("statistics.col.urbanToRural", locale),
        msg("statistics.col.ruralToUrban", locale));
    return switch (report) {
      case PERSON_TIMES_BY_DIRECTION -> new Chart("bar", false, false, personTimes,
          List.of(msg("statistics.direction.URBAN_TO_RURAL", locale), msg("statistics.direction.RURAL_TO_URBAN", locale)),
          List.of(new Series(personTimes, "brand", List.of(p.urbanToRural(), p.ruralToUrban()), DIRECTIONS)), null, null);
      case PERSON_TIMES_BY_YEAR -> directionChart("bar", false, p.byYear(), directions, personTimes, locale);
      case PERSON_TIMES_TREND -> directionChart("line", false, p.trend(), directions, personTimes, locale);
      case PERSON_TIMES_BY_BATCH -> directionChart("bar", true, p.byBatch(), directions, personTimes, locale);
      case PERSON_TIMES_BY_SUBJECT -> directionChart("bar", true, p.bySubject(), directions, personTimes, locale);
      case PERSON_TIMES_BY_SCHOOL -> bars(true, true, personTimes, p.bySchool(), Statistics.SchoolCount::name,
          series(msg("statistics.col.dispatched", locale), "brand", p.bySchool(), Statistics.SchoolCount::dispatched),
          series(msg("statistics.col.received", locale), "blue", p.bySchool(), Statistics.SchoolCount::received));
      case TEACHER_FLOWS -> flows(p, personTimes);
      case RURAL_REACH -> {
        var r = s.ruralReach();
        yield new Chart("bar", true, true, msg("statistics.unit.schools", locale),
            List.of(msg("statistics.col.ruralSchools", locale)),
            List.of(new Series(msg("statistics.col.reached", locale), "green", List.of(r.reached()), null),
                new Series(msg("statistics.notReached", locale), "grey", List.of(r.ruralSchools() - r.reached()), null)),
            null, null);
      }
      case RURAL_SCHOOLS -> bars(true, false, personTimes, s.ruralReach().schools(), Statistics.RuralSchool::name,
          series(personTimes, "brand", s.ruralReach().schools(), Statistics.RuralSchool::personTimes));
      case OPEN_APPROVALS -> {
        var ages = List.of(msg("statistics.col.underThreeDays", locale), msg("statistics.col.threeToSevenDays", locale),
            msg("statistics.col.overSevenDays", locale));
        List<Function<Statistics.StepAge, Number>> values = List.of(Statistics.StepAge::underThreeDays,
            Statistics.StepAge::threeToSevenDays, Statistics.StepAge::overSevenDays);
        List<Series> series = new ArrayList<>();
        for (int i = 0; i < ages.size(); i++) {
          series.add(series(ages.get(i), AGES.get(i), s.openApprovals(), values.get(i)));
        }
        yield new Chart("bar", true, true, msg("statistics.unit.tasks", locale),
            s.openApprovals().stream().map(a -> msg("step." + a.elementId(), locale)).toList(), series, null, null);
      }
      case STEP_DURATIONS -> bars(true, false, msg("statistics.unit.hours", locale), s.stepDurations(),
          d -> ProcessNames.process(messages, d.processId(), locale) + " · "
              + ProcessNames.step(messages, d.processId(), d.elementId(), locale),
          series(msg("statistics.col.averageHours", locale), "brand", s.stepDurations(),
              Statistics.StepDuration::averageHours));
      case PROCESS_CASES -> bars(true, true, msg("statistics.unit.cases", locale), s.processCases(),
          c -> ProcessNames.process(messages, c.processId(), locale),
          series(msg("statistics.col.running", locale), "blue", s.processCases(), Statistics.ProcessCaseCount::running),
          series(msg("statistics.col.ended", locale), "green", s.processCases(), Statistics.ProcessCaseCount::ended));
      case GRADES -> {
        List<Series> series = new ArrayList<>();
        for (int i = 0; i < AssessmentProcess.GRADES.size(); i++) {
          int grade = i;
          series.add(series(msg("grade." + AssessmentProcess.GRADES.get(i), locale), GRADES.get(i), s.grades(),
              g -> List.of(g.excellent(), g.qualified(), g.basicallyQualified(), g.unqualified()).get(grade)));
        }
        yield new Chart("bar", false, true, msg("statistics.unit.assessments", locale),
            s.grades().stream().map(Statistics.GradeCount::schoolYear).toList(), series, null, null);
      }
    };
  }

  /** Person-times by direction (支教, 跟岗) of each school year, batch or subject. */
  private Chart directionChart(String kind, boolean horizontal, List<DirectionCount> counts, List<String> directions,
      String unit, Locale locale) {
    return bars(kind, horizontal, "bar".equals(kind), unit, counts,
        c -> c.label().isEmpty() ? msg("statistics.subject.none", locale) : c.label(),
        series(directions.get(0), DIRECTIONS.get(0), counts, DirectionCount::urbanToRural),
        series(directions.get(1), DIRECTIONS.get(1), counts, DirectionCount::ruralToUrban));
  }

  /**
   * The Sankey diagram: each school once on the dispatching side and once on the receiving side (a
   * school may do both, and a Sankey diagram has no cycles); urban schools in the colour of 支教,
   * rural ones in that of 跟岗, so that each flow has the colour of its direction.
   */
  private static Chart flows(PersonTimes p, String unit) {
    Map<String, Node> from = new LinkedHashMap<>();
    Map<String, Node> to = new LinkedHashMap<>();
    List<Link> links = new ArrayList<>();
    for (Statistics.Flow f : p.flows()) {
      Node source = from.computeIfAbsent(f.fromCode(), c -> new Node("from:" + c, f.fromName(), colour(f.fromArea()), true));
      Node target = to.computeIfAbsent(f.toCode(), c -> new Node("to:" + c, f.toName(), colour(f.toArea()), false));
      links.add(new Link(source.id(), target.id(), f.personTimes()));
    }
    List<Node> nodes = new ArrayList<>(from.values());
    nodes.addAll(to.values());
    return new Chart("sankey", false, false, unit, null, null, nodes, links);
  }

  private static String colour(String areaType) {
    return "URBAN".equals(areaType) ? DIRECTIONS.get(0) : DIRECTIONS.get(1);
  }

  @SafeVarargs
  private static <T> Chart bars(boolean horizontal, boolean stacked, String unit, List<T> rows,
      Function<T, String> label, Series... series) {
    return bars("bar", horizontal, stacked, unit, rows, label, series);
  }

  @SafeVarargs
  private static <T> Chart bars(String kind, boolean horizontal, boolean stacked, String unit, List<T> rows,
      Function<T, String> label, Series... series) {
    return new Chart(kind, horizontal, stacked, unit, rows.stream().map(label).toList(), List.of(series), null, null);
  }

  private static <T> Series series(String name, String colour, List<T> rows, Function<T, ? extends Number> value) {
    // an average of nothing stays empty (null), not 0
    List<Number> values = new ArrayList<>();
    rows.forEach(r -> values.add(value.apply(r)));
    return new Series(name, colour, values, null);
  }

  /**
   * The JSON for a {@code <script type="application/json">}: {@code <}, {@code >} and {@code &}
   * escaped, so that no school or batch name can close the element.
   */
  private String json(Chart chart) {
    try {
      return json.writeValueAsString(chart).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** e.g. 柱状图「交流人次（按学年）」：2026-2027 支教人次 3、跟岗人次 2；2027-2028 …。数据见下方数据表。 */
  String summary(Chart chart, String title, Locale locale) {
    List<String> items = new ArrayList<>();
    if ("sankey".equals(chart.kind())) {
      Map<String, String> labels = new LinkedHashMap<>();
      chart.nodes().forEach(n -> labels.put(n.id(), n.label()));
      chart.links().forEach(l -> items.add(labels.get(l.source()) + " → " + labels.get(l.target()) + " " + l.value()));
    } else {
      for (int i = 0; i < chart.categories().size(); i++) {
        int at = i;
        String values = chart.series().size() == 1 ? number(chart.series().get(0).values().get(at))
            : String.join(msg("statistics.chart.partSeparator", locale), chart.series().stream()
                .map(x -> x.name() + " " + number(x.values().get(at))).toList());
        items.add(chart.categories().get(i) + " " + values);
      }
    }
    String list = String.join(msg("statistics.chart.separator", locale), items.stream().limit(SUMMARY_ITEMS).toList());
    if (items.size() > SUMMARY_ITEMS) {
      list += msg("statistics.chart.more", locale, items.size() - SUMMARY_ITEMS);
    }
    return msg("statistics.chart.summary", locale, title, msg("statistics.chart.kind." + chart.kind(), locale), list);
  }

  private static String number(Number n) {
    return n == null ? "—" : n instanceof BigDecimal d ? d.toPlainString() : n.toString();
  }

  private String msg(String key, Locale locale, Object... args) {
    return messages.getMessage(key, args, key, locale);
  }
}
