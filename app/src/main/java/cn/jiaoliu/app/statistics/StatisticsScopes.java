package cn.jiaoliu.app.statistics;

import cn.jiaoliu.app.programme.School;
import cn.jiaoliu.app.programme.SchoolDirectory;
import cn.jiaoliu.app.programme.SchoolRepository;
import cn.jiaoliu.app.security.JiaoliuUser;
import cn.jiaoliu.app.security.Role;
import cn.jiaoliu.app.statistics.StatisticsQueries.BatchRow;
import cn.jiaoliu.app.statistics.StatisticsQueries.SchoolRow;
import cn.jiaoliu.app.web.UserFacingException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Whose numbers a user sees ({@link StatisticsScope}) and what the filters offer them. */
@Component
class StatisticsScopes {

  private final StatisticsQueries queries;
  private final SchoolDirectory directory;
  private final SchoolRepository schools;
  private final JdbcClient jdbc;
  private final Clock clock;

  StatisticsScopes(StatisticsQueries queries, SchoolDirectory directory, SchoolRepository schools, JdbcClient jdbc,
      Clock clock) {
    this.queries = queries;
    this.directory = directory;
    this.schools = schools;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /**
   * Whose numbers the user may see, with the filters checked: the teaching office (or an
   * administrator) its token's district, optionally narrowed to one of its schools; a principal
   * their own school only. Anyone else gets 403; a school or batch outside that gets 404.
   */
  StatisticsScope scope(JiaoliuUser user, String school, String schoolYear, String batch) {
    String wanted = blankToNull(school);
    String district;
    String schoolCode;
    if ((user.has(Role.TEACHING_OFFICE) || user.has(Role.ADMIN)) && user.districtCode() != null) {
      district = user.districtCode();
      schoolCode = wanted;
      if (schoolCode != null && !district.equals(districtOf(schoolCode).orElse(null))) {
        throw UserFacingException.notFound();
      }
    } else if (user.has(Role.PRINCIPAL) && user.schoolCode() != null) {
      if (wanted != null && !wanted.equals(user.schoolCode())) {
        throw UserFacingException.notFound();
      }
      schoolCode = user.schoolCode();
      district = districtOf(schoolCode).orElse(user.districtCode());
      if (district == null) {
        throw UserFacingException.notFound();
      }
    } else {
      throw new UserFacingException(HttpStatus.FORBIDDEN, "error.forbidden");
    }
    SchoolYear year = blankToNull(schoolYear) == null ? null : SchoolYear.parse(schoolYear, "year");
    Long batchId = batchId(batch);
    String batchName = null;
    if (batchId != null) {
      batchName = jdbc.sql("select name from rotation_batch where id = :id and district_code = :district")
          .param("id", batchId).param("district", district).query(String.class).optional()
          .orElseThrow(UserFacingException::notFound);
    }
    return new StatisticsScope(district, directory.districtName(district), schoolCode,
        schoolCode == null ? null : directory.schoolNames(List.of(schoolCode)).getOrDefault(schoolCode, schoolCode), year, batchId, batchName);
  }

  /** What the filters offer in the scope's district: school years, batches, and (for the office) schools. */
  Filters filters(StatisticsScope scope, JiaoliuUser user) {
    List<BatchRow> batches = queries.batches(scope.districtCode());
    TreeSet<String> years = new TreeSet<>(Comparator.reverseOrder());
    years.add(SchoolYear.of(LocalDate.now(clock)).toString());
    batches.forEach(b -> years.add(SchoolYear.of(b.periodStarts()).toString()));
    queries.assignmentStarts(scope.districtCode()).forEach(d -> years.add(SchoolYear.of(d).toString()));
    years.addAll(queries.assessmentYears(scope.districtCode()));
    boolean office = user.has(Role.TEACHING_OFFICE) || user.has(Role.ADMIN);
    return new Filters(List.copyOf(years), batches, office ? queries.schools(scope.districtCode()) : List.of());
  }

  record Filters(List<String> schoolYears, List<BatchRow> batches, List<SchoolRow> schools) {}

  private Optional<String> districtOf(String schoolCode) {
    return schools.findById(schoolCode).map(School::districtCode);
  }

  private static Long batchId(String batch) {
    String b = blankToNull(batch);
    if (b == null) {
      return null;
    }
    try {
      return Long.valueOf(b);
    } catch (NumberFormatException e) {
      throw UserFacingException.invalid(Map.of("batch", "error.invalidNumber"));
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
