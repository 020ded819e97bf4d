package cn.jiaoliu.app.programme;

import cn.jiaoliu.app.persistence.RecordRows;
import cn.jiaoliu.app.security.JiaoliuUser;
import java.time.LocalDate;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** The teacher roster (教师名册) of a district, as imported. */
@Service
class TeacherRoster {

  private final JdbcClient jdbc;

  TeacherRoster(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  List<TeacherView> teachers(JiaoliuUser user, String district, String school) {
    String d = AdminScope.of(user).districtOr(district);
    return jdbc.sql("""
            select t.staff_number, t.name, t.school_code, s.name as school_name, t.subject, t.title, t.years_of_service,
                   t.username, t.joined_school_on, t.backbone_level, t.post, t.birth_date, t.retires_on,
                   t.rural_teaching_since, t.rural_break_months, t.left_post_on
            from teacher t join school s on s.code = t.school_code
            where s.district_code = :d and (:school = '' or t.school_code = :school)
            order by t.school_code, t.staff_number""")
        .param("d", d).param("school", school == null ? "" : school.strip()).query(RecordRows.of(TeacherView.class)).list();
  }

  record TeacherView(String staffNumber, String name, String schoolCode, String schoolName, String subject, String title,
      Integer yearsOfService, String username, LocalDate joinedSchoolOn, BackboneLevel backboneLevel, StaffPost post,
      LocalDate birthDate, LocalDate retiresOn, LocalDate ruralTeachingSince, Integer ruralBreakMonths, LocalDate leftPostOn) {

    /** The month rural teaching began, as the roster shows it (1996-09); empty for none. */
    public String ruralSinceMonth() {
      return ruralTeachingSince == null ? "" : ruralTeachingSince.toString().substring(0, 7);
    }
  }
}
