package cn.jiaoliu.app.application;

import cn.jiaoliu.app.persistence.RecordRows;
import cn.jiaoliu.app.programme.SchoolDirectory;
import cn.jiaoliu.app.security.JiaoliuUser;
import cn.jiaoliu.app.security.Role;
import cn.jiaoliu.app.web.UserFacingException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * 申请台账: every application of a district, whatever its state, for the teaching office (its own
 * district) and administrators (any district): filtered by status, batch, school and the teacher's
 * name, a page at a time, with the number per status.
 */
@Service
public class ApplicationLedger {

  private final JdbcClient jdbc;
  private final SchoolDirectory directory;

  ApplicationLedger(JdbcClient jdbc, SchoolDirectory directory) {
    this.jdbc = jdbc;
    this.directory = directory;
  }

  /** The district whose ledger the user reads: an office its own; an administrator the one named (or theirs). */
  String districtOf(JiaoliuUser user, String requested) {
    if (user.has(Role.ADMIN) && requested != null && !requested.isBlank()) {
      if (!directory.districtExists(requested.strip())) {
        throw UserFacingException.notFound();
      }
      return requested.strip();
    }
    if (user.districtCode() == null || !(user.has(Role.TEACHING_OFFICE) || user.has(Role.ADMIN))) {
      throw UserFacingException.notFound();
    }
    return user.districtCode();
  }

  Page page(String district, Filter filter, int page, int size) {
    long total = where(jdbc.sql("select count(*) from rotation_application a where a.district_code = :d"
        + conditions(filter)), district, filter).query(Long.class).single();
    int pages = (int) Math.max(1, (total + size - 1) / size);
    int shown = Math.min(Math.max(page, 1), pages);
    List<Row> rows = where(jdbc.sql("""
            select a.id, a.teacher_name, a.home_school_code, a.target_school_code, a.direction, a.subject,
              a.years_of_service, a.batch_id, a.status, a.current_step, a.overdue_step, a.period_start, a.period_end,
              a.created_at, a.updated_at
            from rotation_application a where a.district_code = :d""" + conditions(filter)
            + " order by a.id desc limit :limit offset :offset"), district, filter)
        .param("limit", size).param("offset", (shown - 1) * size)
        .query(RecordRows.of(Row.class)).list();
    Set<String> codes = new HashSet<>();
    rows.forEach(r -> {
      codes.add(r.homeSchoolCode());
      codes.add(r.targetSchoolCode());
    });
    return new Page(rows, directory.schoolNames(codes), total, shown, pages, size);
  }

  /** How many applications of the district are in each status (all statuses, zero included). */
  public Map<ApplicationStatus, Long> countsByStatus(String district) {
    Map<ApplicationStatus, Long> counts = new LinkedHashMap<>();
    for (ApplicationStatus s : ApplicationStatus.values()) {
      counts.put(s, 0L);
    }
    jdbc.sql("select status, count(*) as n from rotation_application where district_code = :d group by status")
        .param("d", district)
        .query(rs -> {
          counts.put(ApplicationStatus.valueOf(rs.getString("status")), rs.getLong("n"));
        });
    return counts;
  }

  private static String conditions(Filter f) {
    StringBuilder sql = new StringBuilder();
    if (f.status() != null) {
      sql.append(" and a.status = :status");
    }
    if (f.batchId() != null) {
      sql.append(" and a.batch_id = :batch");
    }
    if (f.schoolCode() != null) {
      sql.append(" and (a.home_school_code = :school or a.target_school_code = :school)");
    }
    if (f.person() != null) {
      sql.append(" and a.teacher_name like :person escape '!'");
    }
    return sql.toString();
  }

  private static JdbcClient.StatementSpec where(JdbcClient.StatementSpec sql, String district, Filter f) {
    sql = sql.param("d", district);
    if (f.status() != null) {
      sql = sql.param("status", f.status().name());
    }
    if (f.batchId() != null) {
      sql = sql.param("batch", f.batchId());
    }
    if (f.schoolCode() != null) {
      sql = sql.param("school", f.schoolCode());
    }
    if (f.person() != null) {
      sql = sql.param("person", "%" + f.person().replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
    }
    return sql;
  }

  /** The ledger's filters; null means any. */
  record Filter(ApplicationStatus status, Long batchId, String schoolCode, String person) {

    static Filter of(String status, Long batchId, String schoolCode, String person) {
      ApplicationStatus s = null;
      if (status != null && !status.isBlank()) {
        try {
          s = ApplicationStatus.valueOf(status.strip());
        } catch (IllegalArgumentException e) {
          s = null; // an unknown status filters nothing rather than failing the page
        }
      }
      String name = person == null || person.isBlank() ? null : person.strip();
      return new Filter(s, batchId, schoolCode == null || schoolCode.isBlank() ? null : schoolCode.strip(),
          name == null || name.length() <= 50 ? name : name.substring(0, 50));
    }

    public boolean any() {
      return status != null || batchId != null || schoolCode != null || person != null;
    }
  }

  record Page(List<Row> rows, Map<String, String> schoolNames, long total, int page, int pages, int size) {

    public String school(String code) {
      return schoolNames.getOrDefault(code, code);
    }
  }

  record Row(long id, String teacherName, String homeSchoolCode, String targetSchoolCode, String direction,
      String subject, int yearsOfService, long batchId, String status, String currentStep, String overdueStep,
      LocalDate periodStart, LocalDate periodEnd, OffsetDateTime createdAt, OffsetDateTime updatedAt) {}
}
