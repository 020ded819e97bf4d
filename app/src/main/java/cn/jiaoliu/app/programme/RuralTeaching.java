package cn.jiaoliu.app.programme;

import cn.jiaoliu.app.persistence.RecordRows;
import java.time.LocalDate;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * What the roster knows of a district's teachers' teaching at rural schools, for the honour
 * certificate of 30 years (乡村学校从教30年): the school they are at now (and whether it is rural),
 * when their rural teaching began, the months away from rural schools since, and whether they left
 * the post.
 */
@Service
public class RuralTeaching {

  private final JdbcClient jdbc;

  RuralTeaching(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Every teacher on the district's roster, by school and staff number. */
  public List<RosterTeacher> ofDistrict(String districtCode) {
    return jdbc.sql("""
            select t.staff_number, t.name, t.username, t.school_code, s.name as school_name,
                   s.area_type <> 'URBAN' as rural_school, t.rural_teaching_since, t.rural_break_months, t.left_post_on
            from teacher t join school s on s.code = t.school_code
            where s.district_code = :d
            order by t.school_code, t.staff_number""")
        .param("d", districtCode).query(RecordRows.of(RosterTeacher.class)).list();
  }

  /**
   * A teacher on the roster.
   *
   * @param ruralTeachingSince the first day of the month their teaching at rural schools began; null when unknown
   * @param ruralBreakMonths months away from rural schools since then; null reads as none
   * @param leftPostOn the day they left the post (retired, moved out); null while in post
   */
  public record RosterTeacher(String staffNumber, String name, String username, String schoolCode, String schoolName,
      boolean ruralSchool, LocalDate ruralTeachingSince, Integer ruralBreakMonths, LocalDate leftPostOn) {

    /** In post on {@code day}: not left, or leaving only after it. */
    public boolean inPostOn(LocalDate day) {
      return leftPostOn == null || leftPostOn.isAfter(day);
    }
  }
}
