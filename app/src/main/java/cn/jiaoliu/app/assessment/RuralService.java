package cn.jiaoliu.app.assessment;

import cn.jiaoliu.app.export.Headings;
import cn.jiaoliu.app.export.Table;
import cn.jiaoliu.app.persistence.RecordRows;
import cn.jiaoliu.app.security.JiaoliuUser;
import cn.jiaoliu.app.security.Role;
import cn.jiaoliu.app.web.UserFacingException;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * A teacher's rural-service record (农村任教经历): one year per approved assessment graded 合格 or
 * better. At least one year is needed for a senior title; three or more give priority in title
 * evaluation; thirty years make a teacher eligible for the honour certificate.
 */
@Service
public class RuralService {

  private final JdbcClient jdbc;
  private final Headings headings;

  RuralService(JdbcClient jdbc, Headings headings) {
    this.jdbc = jdbc;
    this.headings = headings;
  }

  public Record of(String teacherUsername) {
    List<Credit> credits = jdbc.sql("""
            select school_year, grade, credited_at from rural_service_credit
            where teacher_username = :t and revoked_at is null order by school_year""")
        .param("t", teacherUsername).query(RecordRows.of(Credit.class)).list();
    int years = credits.size();
    return new Record(years, years >= 1, years >= 3, years >= 30, credits);
  }

  /** The district list for its teaching office or administrator; 403 for anyone else. */
  public List<Row> district(JiaoliuUser user) {
    if (!(user.has(Role.TEACHING_OFFICE) || user.has(Role.ADMIN)) || user.districtCode() == null) {
      throw new UserFacingException(HttpStatus.FORBIDDEN, "error.forbidden");
    }
    return district(user.districtCode());
  }

  /** The district list as a table with Chinese headers, for title evaluation. */
  Table table(List<Row> rows) {
    return headings.table("ruralService", rows.stream().map(r -> List.<Object>of(r.teacherUsername(), r.teacherName(), r.schoolCode(), r.years(),
            r.lastYear(), r.seniorTitleEligible(), r.titlePriority(), r.honourCertificate())).toList());
  }

  /** Every teacher of the district with credited rural service, most years first (for title evaluation, 职称评审). */
  public List<Row> district(String districtCode) {
    return jdbc.sql("""
            select c.teacher_username, max(a.teacher_name) as teacher_name, max(a.dispatching_school_code) as school_code,
                   count(*) as years, max(c.school_year) as last_year
            from rural_service_credit c join annual_assessment a on a.id = c.assessment_id
            where a.district_code = :district and c.revoked_at is null
            group by c.teacher_username
            order by count(*) desc, c.teacher_username""")
        .param("district", districtCode)
        .query((rs, i) -> {
          int years = rs.getInt("years");
          return new Row(rs.getString("teacher_username"), rs.getString("teacher_name"), rs.getString("school_code"),
              years, rs.getString("last_year"), years >= 1, years >= 3, years >= 30);
        })
        .list();
  }

  public record Row(String teacherUsername, String teacherName, String schoolCode, int years, String lastYear,
      boolean seniorTitleEligible, boolean titlePriority, boolean honourCertificate) {}

  public record Credit(String schoolYear, String grade, OffsetDateTime creditedAt) {}

  public record Record(int years, boolean seniorTitleEligible, boolean titlePriority, boolean honourCertificate,
      List<Credit> credits) {}
}
