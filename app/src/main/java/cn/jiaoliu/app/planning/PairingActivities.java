package cn.jiaoliu.app.planning;

import cn.jiaoliu.app.programme.SchoolDirectory;
import cn.jiaoliu.app.tasklist.TaskService;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.stereotype.Service;

/**
 * Each pairing's activities per semester against the district's minimum of joint teaching-research
 * (seed 000: at least twice a semester), counted from the demonstration classes (送教下乡示范课, the
 * modelled process {@value #PROCESS}) that the office recorded: the class's date places it in a
 * semester, its dispatching and receiving schools in a pairing, and the process's decision says
 * whether it counts as joint teaching-research (同课异构, or three teachers or more) or as 送教. A
 * district without that process sees its pairings with no activities.
 */
@Service
class PairingActivities {

  static final String PROCESS = "demonstration-class";
  static final String RECORD_STEP = "Task_RecordActivity";

  private final TaskService tasks;
  private final SchoolDirectory directory;
  private final RuleBook rules;
  private final Clock clock;

  PairingActivities(TaskService tasks, SchoolDirectory directory, RuleBook rules, Clock clock) {
    this.tasks = tasks;
    this.directory = directory;
    this.rules = rules;
    this.clock = clock;
  }

  Semester current() {
    return Semester.of(LocalDate.now(clock));
  }

  /** The district's recorded demonstration classes, each placed in its pairing and semester. */
  List<Activity> recorded(String district) {
    List<Activity> activities = new ArrayList<>();
    for (TaskService.CompletedStep step : tasks.completedSteps(PROCESS, RECORD_STEP, district)) {
      if (!"true".equals(String.valueOf(step.submission().get("recorded")))) {
        continue;
      }
      Map<String, Object> v = step.variables();
      LocalDate day = date(v.get("classDate"));
      Object dispatching = v.get("starterSchoolCode");
      Object receiving = v.get("receivingSchoolCode");
      if (day == null || dispatching == null || receiving == null) {
        continue;
      }
      boolean research = v.get("activity") instanceof Map<?, ?> a && Boolean.TRUE.equals(a.get("countsAsResearch"));
      activities.add(new Activity(dispatching.toString(), receiving.toString(), Semester.of(day), day,
          v.get("topic") == null ? "" : v.get("topic").toString(), research));
    }
    return activities;
  }

  /** Every pairing of the district that ran in the semester, with its activities then and the minimum. */
  Overview overview(PlanningScope scope, Semester semester) {
    int minimum = rules.of(scope.district()).jointResearchPerTerm();
    List<Activity> all = recorded(scope.district());
    List<PairingRow> rows = new ArrayList<>();
    for (SchoolDirectory.PairingView p : directory.pairingsInDistrict(scope.district())) {
      if (p.startsOn().isAfter(semester.ends()) || p.endsOn().isBefore(semester.starts())) {
        continue;
      }
      if (!scope.covers(p.urbanCode()) && !scope.covers(p.ruralCode())) {
        continue;
      }
      List<Activity> mine = all.stream().filter(a -> a.semester().equals(semester) && a.between(p.urbanCode(), p.ruralCode()))
          .sorted(Comparator.comparing(Activity::day)).toList();
      rows.add(new PairingRow(p, mine, minimum));
    }
    rows.sort(Comparator.comparing((PairingRow r) -> r.pairing().urbanCode()).thenComparing(r -> r.pairing().ruralCode()));
    TreeSet<Semester> semesters = new TreeSet<>(Comparator.reverseOrder());
    all.forEach(a -> semesters.add(a.semester()));
    semesters.add(current());
    semesters.add(current().previous());
    semesters.add(semester);
    return new Overview(semester, minimum, rows, List.copyOf(semesters));
  }

  private static LocalDate date(Object value) {
    if (value == null) {
      return null;
    }
    try {
      String text = value.toString();
      return LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** A recorded demonstration class. */
  record Activity(String dispatchingSchool, String receivingSchool, Semester semester, LocalDate day, String topic,
      boolean jointResearch) {

    /** Held between the two schools of a pairing, sent either way. */
    boolean between(String urban, String rural) {
      return dispatchingSchool.equals(urban) && receivingSchool.equals(rural)
          || dispatchingSchool.equals(rural) && receivingSchool.equals(urban);
    }
  }

  /** A pairing's activities in the semester against the minimum. */
  record PairingRow(SchoolDirectory.PairingView pairing, List<Activity> activities, int minimum) {

    public long jointResearch() {
      return activities.stream().filter(Activity::jointResearch).count();
    }

    public long sendings() {
      return activities.size() - jointResearch();
    }

    public boolean met() {
      return jointResearch() >= minimum;
    }
  }

  record Overview(Semester semester, int minimum, List<PairingRow> pairings, List<Semester> semesters) {

    public long met() {
      return pairings.stream().filter(PairingRow::met).count();
    }
  }
}
