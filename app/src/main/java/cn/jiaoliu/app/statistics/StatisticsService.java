package cn.jiaoliu.app.statistics;

import cn.jiaoliu.app.statistics.Statistics.DirectionCount;
import cn.jiaoliu.app.statistics.Statistics.Flow;
import cn.jiaoliu.app.statistics.Statistics.GradeCount;
import cn.jiaoliu.app.statistics.Statistics.PersonTimes;
import cn.jiaoliu.app.statistics.Statistics.RuralReach;
import cn.jiaoliu.app.statistics.Statistics.RuralSchool;
import cn.jiaoliu.app.statistics.Statistics.SchoolCount;
import cn.jiaoliu.app.statistics.Statistics.StepAge;
import cn.jiaoliu.app.statistics.Statistics.StepDuration;
import cn.jiaoliu.app.statistics.StatisticsQueries.AssignmentRow;
import cn.jiaoliu.app.statistics.StatisticsQueries.FlowRow;
import cn.jiaoliu.app.statistics.StatisticsQueries.SchoolRow;
import cn.jiaoliu.app.statistics.StatisticsQueries.TaskRow;
import cn.jiaoliu.app.statistics.StatisticsQueries.TrendRow;
import cn.jiaoliu.processes.ProcessIds;
import cn.jiaoliu.processes.application.ApplicationProcess;
import cn.jiaoliu.processes.assessment.AssessmentProcess;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The statistics of a district for its teaching office (and an administrator of it), or of one
 * school for its principal: person-times, rural schools reached, open approvals by age, time per
 * step and assessment grades. Whose numbers a user gets is decided here, once, in {@link #scope}.
 */
@Service
public class StatisticsService {

  /** The human steps of both processes in the order they happen. */
  static final List<String> APPLICATION_STEPS = List.of(ApplicationProcess.TASK_SIGN_OPINION,
      ApplicationProcess.TASK_REVISE_APPLICATION, ApplicationProcess.TASK_ACCEPT_TEACHER,
      ApplicationProcess.TASK_APPROVE_APPLICATION);
  static final List<String> ASSESSMENT_STEPS = List.of(AssessmentProcess.TASK_WRITE_SELF_EVALUATION,
      AssessmentProcess.TASK_ASSESS_TEACHER, AssessmentProcess.TASK_SIGN_DISPATCHING_OPINION,
      AssessmentProcess.TASK_APPROVE_ASSESSMENT);

  private static final Duration THREE_DAYS = Duration.ofDays(3);
  private static final Duration SEVEN_DAYS = Duration.ofDays(7);

  private final StatisticsQueries queries;
  private final JdbcClient jdbc;
  private final Clock clock;

  StatisticsService(StatisticsQueries queries, JdbcClient jdbc, Clock clock) {
    this.queries = queries;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** Every report for the scope. */
  Statistics of(StatisticsScope scope) {
    List<AssignmentRow> assignments = queries.assignments(scope);
    PersonTimes personTimes = personTimes(scope, assignments, queries.flows(scope), trend(queries.trend(scope)));
    return new Statistics(scope, personTimes, ruralReach(scope, assignments),
        openApprovals(queries.applicationTasks(scope, "OPEN")), stepDurations(scope), grades(scope),
        processCases(scope));
  }

  /** The rows of one report, as the JSON of {@code /api/statistics/{report}} gives them. */
  static Object rows(Statistics s, Report report) {
    return switch (report) {
      case PERSON_TIMES_BY_DIRECTION -> Map.of("URBAN_TO_RURAL", s.personTimes().urbanToRural(), "RURAL_TO_URBAN",
          s.personTimes().ruralToUrban(), "total", s.personTimes().total());
      case PERSON_TIMES_BY_YEAR -> s.personTimes().byYear();
      case PERSON_TIMES_TREND -> s.personTimes().trend();
      case TEACHER_FLOWS -> s.personTimes().flows();
      case PERSON_TIMES_BY_BATCH -> s.personTimes().byBatch();
      case PERSON_TIMES_BY_SCHOOL -> s.personTimes().bySchool();
      case PERSON_TIMES_BY_SUBJECT -> s.personTimes().bySubject();
      case RURAL_REACH -> Map.of("reached", s.ruralReach().reached(), "ruralSchools", s.ruralReach().ruralSchools(),
          "percent", s.ruralReach().percent());
      case RURAL_SCHOOLS -> s.ruralReach().schools();
      case OPEN_APPROVALS -> s.openApprovals();
      case STEP_DURATIONS -> s.stepDurations();
      case PROCESS_CASES -> s.processCases();
      case GRADES -> s.grades();
    };
  }

  private PersonTimes personTimes(StatisticsScope scope, List<AssignmentRow> assignments, List<FlowRow> flowRows,
      List<DirectionCount> trend) {
    int urbanToRural = (int) assignments.stream().filter(StatisticsService::urbanToRural).count();
    List<DirectionCount> byBatch = byDirection(assignments.stream()
        .sorted(Comparator.comparing(AssignmentRow::batchStarts).thenComparing(AssignmentRow::batchId)).toList(),
        a -> String.valueOf(a.batchId()), AssignmentRow::batchName);
    List<DirectionCount> byYear = byDirection(assignments.stream().sorted(Comparator.comparing(AssignmentRow::startsOn))
        .toList(), a -> SchoolYear.of(a.startsOn()).toString(), a -> SchoolYear.of(a.startsOn()).toString());
    List<DirectionCount> bySubject = new ArrayList<>(byDirection(assignments,
        a -> a.subject() == null ? "" : a.subject(), a -> a.subject() == null ? "" : a.subject()));
    bySubject.sort(Comparator.comparing(DirectionCount::total).reversed().thenComparing(DirectionCount::label));
    Map<String, int[]> counts = new LinkedHashMap<>();
    Map<String, SchoolRow> schools = new LinkedHashMap<>();
    for (AssignmentRow a : assignments) {
      schools.putIfAbsent(a.dispatchingSchoolCode(), new SchoolRow(a.dispatchingSchoolCode(), a.dispatchingName(),
          a.dispatchingArea()));
      schools.putIfAbsent(a.receivingSchoolCode(), new SchoolRow(a.receivingSchoolCode(), a.receivingName(),
          a.receivingArea()));
      counts.computeIfAbsent(a.dispatchingSchoolCode(), k -> new int[2])[0]++;
      counts.computeIfAbsent(a.receivingSchoolCode(), k -> new int[2])[1]++;
    }
    List<SchoolCount> bySchool = counts.entrySet().stream()
        // a principal sees their own school's row only, never a partner school's
        .filter(e -> !scope.oneSchool() || e.getKey().equals(scope.schoolCode()))
        .map(e -> {
          SchoolRow s = schools.get(e.getKey());
          return new SchoolCount(s.code(), s.name(), s.areaType(), e.getValue()[0], e.getValue()[1]);
        })
        .sorted(Comparator.comparing(SchoolCount::total).reversed().thenComparing(SchoolCount::code))
        .toList();
    List<Flow> flows = flowRows.stream().map(f -> new Flow(f.dispatchingSchoolCode(), f.dispatchingName(),
        f.dispatchingArea(), f.receivingSchoolCode(), f.receivingName(), f.receivingArea(), (int) f.personTimes())).toList();
    return new PersonTimes(urbanToRural, assignments.size() - urbanToRural, byBatch, byYear, List.copyOf(bySubject),
        bySchool, flows, trend);
  }

  /**
   * Person-times per school year and direction for every school year from the first to the last with
   * a rotation; a year between them without one counts 0, so that the trend line does not skip it.
   */
  static List<DirectionCount> trend(List<TrendRow> rows) {
    TreeMap<Integer, int[]> years = new TreeMap<>();
    for (TrendRow row : rows) {
      years.computeIfAbsent(row.firstYear(), k -> new int[2])["URBAN_TO_RURAL".equals(row.direction()) ? 0 : 1] +=
          (int) row.personTimes();
    }
    if (years.isEmpty()) {
      return List.of();
    }
    List<DirectionCount> trend = new ArrayList<>();
    int last = years.lastKey();
    for (int year = years.firstKey(); year <= last; year++) {
      int[] counts = years.getOrDefault(year, new int[2]);
      String label = new SchoolYear(year).toString();
      trend.add(new DirectionCount(label, label, counts[0], counts[1]));
    }
    return List.copyOf(trend);
  }

  private static List<DirectionCount> byDirection(List<AssignmentRow> assignments, Function<AssignmentRow, String> key,
      Function<AssignmentRow, String> label) {
    Map<String, DirectionCount> counts = new LinkedHashMap<>();
    for (AssignmentRow a : assignments) {
      boolean down = urbanToRural(a);
      counts.merge(key.apply(a), new DirectionCount(key.apply(a), label.apply(a), down ? 1 : 0, down ? 0 : 1),
          (x, y) -> new DirectionCount(x.key(), x.label(), x.urbanToRural() + y.urbanToRural(),
              x.ruralToUrban() + y.ruralToUrban()));
    }
    return List.copyOf(counts.values());
  }

  private static boolean urbanToRural(AssignmentRow a) {
    return "URBAN_TO_RURAL".equals(a.direction());
  }

  private RuralReach ruralReach(StatisticsScope scope, List<AssignmentRow> assignments) {
    List<RuralSchool> schools = queries.ruralSchools(scope.districtCode()).stream()
        .map(s -> {
          int times = (int) assignments.stream()
              .filter(a -> s.code().equals(a.dispatchingSchoolCode()) || s.code().equals(a.receivingSchoolCode()))
              .count();
          return new RuralSchool(s.code(), s.name(), s.areaType(), times, times > 0);
        })
        .sorted(Comparator.comparing(RuralSchool::personTimes).reversed().thenComparing(RuralSchool::code))
        .toList();
    int reached = (int) schools.stream().filter(RuralSchool::reached).count();
    return new RuralReach(reached, schools.size(), percent(reached, schools.size()), schools);
  }

  static BigDecimal percent(int part, int whole) {
    return whole == 0 ? BigDecimal.ZERO.setScale(1)
        : BigDecimal.valueOf(part * 100L).divide(BigDecimal.valueOf(whole), 1, RoundingMode.HALF_UP);
  }

  private List<StepAge> openApprovals(List<TaskRow> open) {
    OffsetDateTime now = OffsetDateTime.now(clock);
    Map<String, int[]> ages = new LinkedHashMap<>();
    APPLICATION_STEPS.forEach(step -> ages.put(step, new int[3]));
    for (TaskRow t : open) {
      Duration age = Duration.between(t.createdAt(), now);
      int bucket = age.compareTo(THREE_DAYS) < 0 ? 0 : age.compareTo(SEVEN_DAYS) <= 0 ? 1 : 2;
      ages.computeIfAbsent(t.elementId(), k -> new int[3])[bucket]++;
    }
    return ages.entrySet().stream()
        .map(e -> new StepAge(e.getKey(), e.getValue()[0], e.getValue()[1], e.getValue()[2])).toList();
  }

  private List<StepDuration> stepDurations(StatisticsScope scope) {
    Map<String, List<Duration>> durations = new LinkedHashMap<>();
    APPLICATION_STEPS.forEach(step -> durations.put(ProcessIds.ROTATION_APPLICATION + "/" + step, new ArrayList<>()));
    ASSESSMENT_STEPS.forEach(step -> durations.put(ProcessIds.ANNUAL_ASSESSMENT + "/" + step, new ArrayList<>()));
    List<TaskRow> completed = new ArrayList<>(queries.applicationTasks(scope, "COMPLETED"));
    completed.addAll(queries.assessmentTasks(scope, "COMPLETED"));
    // every process the app deployed through its upload, step by step as its tasks were done
    completed.addAll(queries.modelledTasks(scope));
    for (TaskRow t : completed) {
      if (t.closedAt() != null) {
        durations.computeIfAbsent(t.processId() + "/" + t.elementId(), k -> new ArrayList<>())
            .add(Duration.between(t.createdAt(), t.closedAt()));
      }
    }
    return durations.entrySet().stream().map(e -> {
      String[] key = e.getKey().split("/", 2);
      List<Duration> all = e.getValue();
      BigDecimal hours = all.isEmpty() ? null
          : BigDecimal.valueOf(all.stream().mapToLong(Duration::toSeconds).sum())
              .divide(BigDecimal.valueOf(all.size() * 3600L), 1, RoundingMode.HALF_UP);
      return new StepDuration(key[0], key[1], all.size(), hours);
    }).toList();
  }

  private List<Statistics.ProcessCaseCount> processCases(StatisticsScope scope) {
    Map<String, int[]> counts = new TreeMap<>();
    for (StatisticsQueries.CaseCount c : queries.modelledCases(scope)) {
      counts.computeIfAbsent(c.processId(), k -> new int[2])["ENDED".equals(c.status()) ? 1 : 0] += (int) c.cases();
    }
    return counts.entrySet().stream()
        .map(e -> new Statistics.ProcessCaseCount(e.getKey(), e.getValue()[0], e.getValue()[1])).toList();
  }

  private List<GradeCount> grades(StatisticsScope scope) {
    Map<String, int[]> years = new TreeMap<>();
    for (StatisticsQueries.GradeRow row : queries.archivedGrades(scope)) {
      int column = AssessmentProcess.GRADES.indexOf(row.grade());
      if (column >= 0) {
        years.computeIfAbsent(row.schoolYear(), k -> new int[AssessmentProcess.GRADES.size()])[column]++;
      }
    }
    return years.entrySet().stream()
        .map(e -> new GradeCount(e.getKey(), e.getValue()[0], e.getValue()[1], e.getValue()[2], e.getValue()[3]))
        .toList();
  }

}
