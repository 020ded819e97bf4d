package cn.jiaoliu.app.programme;

import cn.jiaoliu.app.persistence.RecordRows;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** What other modules may read of the teacher roster (教师名册): a district's teachers as imported. */
@Service
public class Roster {

  private static final String SELECT = """
      select t.staff_number, t.name, t.school_code, s.district_code, t.subject, t.username, t.joined_school_on,
             t.backbone_level, t.post, t.birth_date, t.retires_on
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

  /** One teacher of the roster; what the rotation rules read of them. */
  public record Teacher(String staffNumber, String name, String schoolCode, String districtCode, String subject,
      String username, LocalDate joinedSchoolOn, BackboneLevel backboneLevel, StaffPost post, LocalDate birthDate,
      LocalDate retiresOn) {

    public boolean backbone() {
      return backboneLevel != null;
    }

    /** Principals and vice-principals rotate after their terms, teachers after years at one school. */
    public boolean leader() {
      return post == StaffPost.PRINCIPAL || post == StaffPost.VICE_PRINCIPAL;
    }
  }
}
