package cn.jiaoliu.app.programme;

import cn.jiaoliu.app.persistence.RecordRows;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * What other modules may read of the teacher roster (教师名册), as imported: each teacher with their
 * current school, what the rotation rules need and what the honour certificate of 30 years at rural
 * schools (乡村学校从教30年) needs.
 */
@Service
public class Roster {

  private static final String SELECT = """
      select t.staff_number, t.name, t.school_code, s.name as school_name, s.area_type <> 'URBAN' as rural_school,
             s.district_code, t.subject, t.username, t.joined_school_on, t.backbone_level, t.post, t.birth_date,
             t.retires_on, t.rural_teaching_since, t.rural_break_months, t.left_post_on
      from teacher t join school s on s.code = t.school_code""";

  private final JdbcClient jdbc;

  Roster(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The district's teachers, by school and staff number. */
  public List<Teacher> ofDistrict(String districtCode) {
    return jdbc.sql(SELECT + " where s.district_code = :d order by t.school_code, t.staff_number")
        .param("d", districtCode).query(RecordRows.of(Teacher.class)).list();
  }

  public Optional<Teacher> byStaffNumber(String staffNumber) {
    return jdbc.sql(SELECT + " where t.staff_number = :s").param("s", staffNumber)
        .query(RecordRows.of(Teacher.class)).optional();
  }

  /** The teacher the roster links to this user, whatever their district. */
  public Optional<Teacher> byUsername(String username) {
    return jdbc.sql(SELECT + " where t.username = :u").param("u", username).query(RecordRows.of(Teacher.class))
        .optional();
  }

  /**
   * The teachers the roster links to these users, username to teacher, whatever their district; a
   * user the roster does not link is left out.
   */
  public Map<String, Teacher> byUsernames(Collection<String> usernames) {
    Map<String, Teacher> teachers = new HashMap<>();
    if (!usernames.isEmpty()) {
      jdbc.sql(SELECT + " where t.username in (:users)").param("users", Set.copyOf(usernames))
          .query(RecordRows.of(Teacher.class)).list()
          .forEach(t -> teachers.put(t.username(), t));
    }
    return teachers;
  }

  /**
   * One teacher of the roster.
   *
   * @param ruralSchool whether their current school is a rural one (乡镇 or 村)
   * @param username their login; null when the roster links none
   * @param ruralTeachingSince the first day of the month their teaching at rural schools began; null when unknown
   * @param ruralBreakMonths months away from rural schools since then; null reads as none
   * @param leftPostOn the day they left the post (retired, moved out); null while in post
   */
  public record Teacher(String staffNumber, String name, String schoolCode, String schoolName, boolean ruralSchool,
      String districtCode, String subject, String username, LocalDate joinedSchoolOn, BackboneLevel backboneLevel,
      StaffPost post, LocalDate birthDate, LocalDate retiresOn, LocalDate ruralTeachingSince, Integer ruralBreakMonths,
      LocalDate leftPostOn) {

    public boolean backbone() {
      return backboneLevel != null;
    }

    /** Principals and vice-principals rotate after their terms, teachers after years at one school. */
    public boolean leader() {
      return post == StaffPost.PRINCIPAL || post == StaffPost.VICE_PRINCIPAL;
    }

    /** In post on {@code day}: not left, or leaving only after it. */
    public boolean inPostOn(LocalDate day) {
      return leftPostOn == null || leftPostOn.isAfter(day);
    }
  }
}
