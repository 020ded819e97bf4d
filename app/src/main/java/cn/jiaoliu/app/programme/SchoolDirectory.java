package cn.jiaoliu.app.programme;

import cn.jiaoliu.app.persistence.RecordRows;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** What other modules may read of districts, schools, pairings and batches. */
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

  /** A batch's quotas per school and direction, with what is used, by school name. */
  public List<QuotaView> quotasOf(long batchId) {
    return jdbc.sql("""
            select q.school_code, s.name as school_name, q.direction, q.quota, q.used
            from batch_quota q join school s on s.code = q.school_code
            where q.batch_id = :batch order by s.name, q.direction""")
        .param("batch", batchId)
        .query(RecordRows.of(QuotaView.class))
        .list();
  }

  /** One school's quota of a batch in one direction, and how much of it is used. */
  public record QuotaView(String schoolCode, String schoolName, String direction, int quota, int used) {

    public int percentUsed() {
      return quota == 0 ? 0 : Math.min(100, used * 100 / quota);
    }
  }

  /** Every batch of the district, the latest first. */
  public List<BatchView> batchesOf(String districtCode) {
    return jdbc.sql("""
            select id, name, opens_on, closes_on, period_starts, period_ends, status
            from rotation_batch where district_code = :district order by opens_on desc, id desc""")
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

  public boolean districtExists(String districtCode) {
    return jdbc.sql("select count(*) from district where code = :code").param("code", districtCode)
        .query(Long.class).single() > 0;
  }

  /** Every district, code to name, by code. */
  public Map<String, String> districts() {
    Map<String, String> districts = new LinkedHashMap<>();
    jdbc.sql("select code, name from district order by code")
        .query((rs, i) -> districts.put(rs.getString(1), rs.getString(2))).list();
    return districts;
  }

  /** How many days before a school year's end the district may open its assessment round; empty: its default. */
  public Optional<Integer> assessmentOpenDays(String districtCode) {
    return jdbc.sql("select assessment_open_days from district where code = :code").param("code", districtCode)
        .query(Integer.class).optional();
  }

  public List<String> schoolCodesIn(String districtCode) {
    return jdbc.sql("select code from school where district_code = :district order by code")
        .param("district", districtCode).query(String.class).list();
  }

  /** The names of these schools, code to name; a code the directory does not know is left out. */
  public Map<String, String> schoolNames(Collection<String> codes) {
    Map<String, String> names = new HashMap<>();
    if (!codes.isEmpty()) {
      jdbc.sql("select code, name from school where code in (:codes)").param("codes", Set.copyOf(codes))
          .query((rs, i) -> names.put(rs.getString(1), rs.getString(2))).list();
    }
    return names;
  }

  public record PairingView(
      long id, String urbanCode, String urbanName, String ruralCode, String ruralName,
      LocalDate startsOn, LocalDate endsOn, String helpKinds) {}

  public record BatchView(
      long id, String name, LocalDate opensOn, LocalDate closesOn, LocalDate periodStarts,
      LocalDate periodEnds, String status) {}
}
