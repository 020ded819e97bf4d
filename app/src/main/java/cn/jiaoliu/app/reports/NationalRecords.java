package cn.jiaoliu.app.reports;

import cn.jiaoliu.app.application.Assignments;
import cn.jiaoliu.app.application.Assignments.Rotation;
import cn.jiaoliu.app.application.Post;
import cn.jiaoliu.app.programme.Roster;
import cn.jiaoliu.app.programme.School;
import cn.jiaoliu.app.programme.SchoolDirectory;
import cn.jiaoliu.app.programme.SchoolRepository;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * The district's approved rotations in the fields of the national teacher management system
 * (全国教师管理信息系统): its 交流轮岗 record, one per rotation, and the 工作经历 (work history) of each
 * rotating teacher, their current school first and then each school they rotated to.
 *
 * <ul>
 *   <li>交流轮岗类型: a teacher rotating as a teacher is 城镇学校到农村学校交流 (支教, URBAN_TO_RURAL) or
 *       农村学校到城镇学校交流 (跟岗学习, RURAL_TO_URBAN); one rotating into a cadre post of the
 *       paired school (挂职副校长, 挂职中层干部) is 挂职交流, whatever the direction.</li>
 *   <li>是否调动人事关系: always 否 — the teacher stays on the dispatching school's staff and payroll.</li>
 *   <li>months as {@code YYYY-MM}, the national system's form for 年月.</li>
 *   <li>是否农村: the school's area type is 乡镇 or 村 (TOWNSHIP, VILLAGE), as it stands today.</li>
 *   <li>the current school is the roster's (教师名册, joined by username); a teacher the roster does
 *       not know is shown at their dispatching school, without a start month or staff number.</li>
 * </ul>
 */
@Service
class NationalRecords {

  private final Assignments assignments;
  private final SchoolDirectory directory;
  private final Roster roster;
  private final SchoolRepository schools;

  NationalRecords(Assignments assignments, SchoolDirectory directory, Roster roster, SchoolRepository schools) {
    this.assignments = assignments;
    this.directory = directory;
    this.roster = roster;
    this.schools = schools;
  }

  /** The district's rotations that ran on some day of the period, and the work history of their teachers. */
  Records of(String district, ReportPeriod period) {
    List<Rotation> rotations = assignments.rotationsDuring(directory.schoolCodesIn(district), period.from(), period.to());
    Set<String> usernames = new HashSet<>();
    rotations.forEach(r -> usernames.add(r.teacherUsername()));
    Map<String, Roster.Teacher> onRoster = roster.byUsernames(usernames);
    Set<String> codes = new HashSet<>();
    rotations.forEach(r -> {
      codes.add(r.dispatchingSchoolCode());
      codes.add(r.receivingSchoolCode());
    });
    Map<String, School> byCode = new HashMap<>();
    schools.findAllById(codes).forEach(s -> byCode.put(s.code(), s));
    String districtName = directory.districtName(district);

    List<RotationRow> rows = new ArrayList<>();
    Map<String, List<Rotation>> byTeacher = new LinkedHashMap<>();
    for (Rotation r : rotations) {
      Roster.Teacher entry = onRoster.get(r.teacherUsername());
      rows.add(new RotationRow(r.id(), districtName, entry == null ? null : entry.staffNumber(),
          entry == null ? r.teacherName() : entry.name(), type(r), false, YearMonth.from(r.startsOn()),
          YearMonth.from(r.endsOn()), name(byCode, r.dispatchingSchoolCode()), name(byCode, r.receivingSchoolCode())));
      byTeacher.computeIfAbsent(r.teacherUsername(), u -> new ArrayList<>()).add(r);
    }
    List<WorkRow> history = new ArrayList<>();
    byTeacher.entrySet().stream()
        .sorted(Map.Entry.comparingByValue((a, b) -> a.getFirst().teacherName().compareTo(b.getFirst().teacherName())))
        .forEach(e -> {
          Roster.Teacher entry = onRoster.get(e.getKey());
          Rotation latest = e.getValue().getLast();
          String staffNumber = entry == null ? null : entry.staffNumber();
          String name = entry == null ? latest.teacherName() : entry.name();
          String currentSchool = entry == null ? name(byCode, latest.dispatchingSchoolCode()) : entry.schoolName();
          boolean currentRural = entry == null ? rural(byCode, latest.dispatchingSchoolCode()) : entry.ruralSchool();
          LocalDate joined = entry == null ? null : entry.joinedSchoolOn();
          history.add(new WorkRow(districtName, staffNumber, name, joined == null ? null : YearMonth.from(joined), null,
              currentSchool, currentRural, true));
          for (Rotation r : e.getValue()) {
            history.add(new WorkRow(districtName, staffNumber, name, YearMonth.from(r.startsOn()),
                YearMonth.from(r.endsOn()), name(byCode, r.receivingSchoolCode()), rural(byCode, r.receivingSchoolCode()),
                false));
          }
        });
    return new Records(districtName, rows, history);
  }

  /** The message key of the national 交流轮岗类型. */
  static String type(Rotation r) {
    return "reports.rotationType." + (r.post() == Post.TEACHER ? r.direction().name() : "CADRE");
  }

  private static String name(Map<String, School> schools, String code) {
    School s = schools.get(code);
    return s == null ? code : s.name();
  }

  private static boolean rural(Map<String, School> schools, String code) {
    School s = schools.get(code);
    return s != null && s.rural();
  }

  record Records(String districtName, List<RotationRow> rotations, List<WorkRow> history) {}

  /**
   * One 交流轮岗 record; {@code staffNumber} null when the roster does not know the teacher, {@code
   * typeKey} a message key.
   */
  record RotationRow(long assignmentId, String districtName, String staffNumber, String teacherName, String typeKey,
      boolean transfersPersonnel, YearMonth starts, YearMonth ends, String fromSchool, String toSchool) {}

  /** One 工作经历 entry; {@code ends} null while it lasts, {@code starts} null when the roster does not know it. */
  record WorkRow(String districtName, String staffNumber, String teacherName, YearMonth starts, YearMonth ends,
      String school, boolean rural, boolean current) {}
}
