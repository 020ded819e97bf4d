package cn.jiaoliu.app.school;

import cn.jiaoliu.app.persistence.RecordRows;
import java.time.LocalDate;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Read models about schools, pairings and batches for the home pages. */
@Service
public class SchoolDirectory {

  private static final String PAIRINGS = """
      select p.id, u.code as urban_code, u.name as urban_name, r.code as rural_code, r.name as rural_name,
             p.starts_on, p.ends_on, p.help_kinds
      from pairing p
        join school u on u.code = p.urban_school_code
        join school r on r.code = p.rural_school_code
      """;

  private final JdbcClient jdbc;

  SchoolDirectory(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public List<PairingView> pairingsOf(String schoolCode) {
    return jdbc.sql(PAIRINGS + """
            where p.urban_school_code = :school or p.rural_school_code = :school
            order by u.code, r.code""")
        .param("school", schoolCode)
        .query(RecordRows.of(PairingView.class))
        .list();
  }

  public List<PairingView> pairingsInDistrict(String districtCode) {
    return jdbc.sql(PAIRINGS + """
            where u.district_code = :district
            order by u.code, r.code""")
        .param("district", districtCode)
        .query(RecordRows.of(PairingView.class))
        .list();
  }

  public List<BatchView> openBatches(String districtCode) {
    return jdbc.sql("""
            select id, name, opens_on, closes_on, period_starts, period_ends, status
            from rotation_batch where district_code = :district and status = 'OPEN' order by opens_on""")
        .param("district", districtCode)
        .query(RecordRows.of(BatchView.class))
        .list();
  }

  public String districtName(String districtCode) {
    return jdbc.sql("select name from district where code = :code")
        .param("code", districtCode)
        .query(String.class)
        .optional()
        .orElse(districtCode);
  }

  public record PairingView(
      long id, String urbanCode, String urbanName, String ruralCode, String ruralName,
      LocalDate startsOn, LocalDate endsOn, String helpKinds) {}

  public record BatchView(
      long id, String name, LocalDate opensOn, LocalDate closesOn, LocalDate periodStarts,
      LocalDate periodEnds, String status) {}
}
