package cn.jiaoliu.app.assessment;

import java.time.OffsetDateTime;
import java.util.List;
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

  RuralService(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public Record of(String teacherUsername) {
    List<Credit> credits = jdbc.sql("""
            select school_year, grade, credited_at from rural_service_credit
            where teacher_username = :t order by school_year""")
        .param("t", teacherUsername).query(Credit.class).list();
    int years = credits.size();
    return new Record(years, years >= 1, years >= 3, years >= 30, credits);
  }

  public record Credit(String schoolYear, String grade, OffsetDateTime creditedAt) {}

  public record Record(int years, boolean seniorTitleEligible, boolean titlePriority, boolean honourCertificate,
      List<Credit> credits) {}
}
