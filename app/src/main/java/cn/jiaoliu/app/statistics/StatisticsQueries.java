package cn.jiaoliu.app.statistics;

import cn.jiaoliu.app.persistence.RecordRows;
import cn.jiaoliu.processes.ProcessIds;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The rows the reports count, read for one scope: the district always, one school (dispatching or
 * receiving, home or target) when the scope names one, and the batch and school year filters.
 * Plain SQL that runs on H2 and PostgreSQL; the counting happens in {@link StatisticsService}.
 */
@Component
class StatisticsQueries {

  private final JdbcClient jdbc;

  StatisticsQueries(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Assignments in scope; the school year is that of {@code starts_on}. */
  List<AssignmentRow> assignments(StatisticsScope scope) {
    Where where = assignmentWhere(scope, true);
    return jdbc.sql("""
            select a.id, a.batch_id, b.name as batch_name, b.period_starts as batch_starts, a.direction, a.starts_on,
                   a.dispatching_school_code, d.name as dispatching_name, d.area_type as dispatching_area,
                   a.receiving_school_code, r.name as receiving_name, r.area_type as receiving_area, ra.subject
            from assignment a
              join rotation_batch b on b.id = a.batch_id
              join school d on d.code = a.dispatching_school_code
              join school r on r.code = a.receiving_school_code
              left join rotation_application ra on ra.id = a.application_id
            where """ + " " + where + " order by a.id")
        .params(where.params()).query(RecordRows.of(AssignmentRow.class)).list();
  }

  /**
   * Person-times (assignments) in scope from each dispatching to each receiving school, the largest
   * flows first.
   */
  List<FlowRow> flows(StatisticsScope scope) {
    Where where = assignmentWhere(scope, true);
    return jdbc.sql("""
            select a.dispatching_school_code, d.name as dispatching_name, d.area_type as dispatching_area,
                   a.receiving_school_code, r.name as receiving_name, r.area_type as receiving_area,
                   count(*) as person_times
            from assignment a
              join rotation_batch b on b.id = a.batch_id
              join school d on d.code = a.dispatching_school_code
              join school r on r.code = a.receiving_school_code
            where """ + " " + where + " " + """
             group by a.dispatching_school_code, d.name, d.area_type, a.receiving_school_code, r.name, r.area_type
             order by person_times desc, a.dispatching_school_code, a.receiving_school_code""")
        .params(where.params()).query(RecordRows.of(FlowRow.class)).list();
  }

  /**
   * Person-times in scope per school year (first calendar year of the year in which an assignment
   * starts) and direction. The school year filter does not apply: the years are the trend's axis.
   */
  List<TrendRow> trend(StatisticsScope scope) {
    Where where = assignmentWhere(scope, false);
    return jdbc.sql("""
            select y.first_year, y.direction, count(*) as person_times
            from (select cast(case when extract(month from a.starts_on) >= 9 then extract(year from a.starts_on)
                                   else extract(year from a.starts_on) - 1 end as integer) as first_year,
                         a.direction
                  from assignment a join rotation_batch b on b.id = a.batch_id
                  where """ + " " + where + " " + """
            ) y
            group by y.first_year, y.direction order by y.first_year, y.direction""")
        .params(where.params()).query(RecordRows.of(TrendRow.class)).list();
  }

  /** Assignments {@code a} of batches {@code b} in the scope's district, school, batch and (if asked) school year. */
  private static Where assignmentWhere(StatisticsScope scope, boolean withSchoolYear) {
    Where where = new Where("b.district_code = :district", "district", scope.districtCode());
    if (scope.oneSchool()) {
      where.and("(a.dispatching_school_code = :school or a.receiving_school_code = :school)", "school", scope.schoolCode());
    }
    if (scope.batchId() != null) {
      where.and("a.batch_id = :batch", "batch", scope.batchId());
    }
    if (withSchoolYear && scope.schoolYear() != null) {
      where.and("a.starts_on >= :yearStarts and a.starts_on <= :yearEnds", "yearStarts", scope.schoolYear().starts());
      where.param("yearEnds", scope.schoolYear().ends());
    }
    return where;
  }

  /** Every rural school (乡镇, 村) of the district. */
  List<SchoolRow> ruralSchools(String districtCode) {
    return jdbc.sql("""
            select code, name, area_type from school
            where district_code = :district and area_type in ('TOWNSHIP', 'VILLAGE') order by code""")
        .param("district", districtCode).query(RecordRows.of(SchoolRow.class)).list();
  }

  /** Tasks of the rotation application in scope with {@code status}; the school year is that of the period's start. */
  List<TaskRow> applicationTasks(StatisticsScope scope, String status) {
    Where where = new Where("t.status = :status", "status", status);
    where.and("t.bpmn_process_id = :process", "process", ProcessIds.ROTATION_APPLICATION);
    where.and("ra.district_code = :district", "district", scope.districtCode());
    if (scope.oneSchool()) {
      where.and("(ra.home_school_code = :school or ra.target_school_code = :school)", "school", scope.schoolCode());
    }
    if (scope.batchId() != null) {
      where.and("ra.batch_id = :batch", "batch", scope.batchId());
    }
    if (scope.schoolYear() != null) {
      where.and("ra.period_start >= :yearStarts and ra.period_start <= :yearEnds", "yearStarts",
          scope.schoolYear().starts());
      where.param("yearEnds", scope.schoolYear().ends());
    }
    return jdbc.sql("""
            select t.bpmn_process_id as process_id, t.element_id, t.created_at, t.closed_at
            from inbox_task t join rotation_application ra on ra.id = t.subject_id and t.subject_type = 'APPLICATION'
            where """ + " " + where + " order by t.id")
        .params(where.params()).query(RecordRows.of(TaskRow.class)).list();
  }

  /**
   * Completed tasks of the processes modelled and deployed through the app, in the scope's district
   * (and school: the starter's); a batch or school year does not apply to them.
   */
  List<TaskRow> modelledTasks(StatisticsScope scope) {
    Where where = new Where("t.status = :status", "status", "COMPLETED");
    where.and("c.district_code = :district", "district", scope.districtCode());
    if (scope.oneSchool()) {
      where.and("c.home_school_code = :school", "school", scope.schoolCode());
    }
    return jdbc.sql("""
            select t.bpmn_process_id as process_id, t.element_id, t.created_at, t.closed_at
            from task_view t join process_case_view c on c.id = t.subject_id and t.subject_type = 'PROCESS_CASE'
            where """ + " " + where + " order by t.id")
        .params(where.params()).query(RecordRows.of(TaskRow.class)).list();
  }

  /** The cases of each modelled process in scope, by status. */
  List<CaseCount> modelledCases(StatisticsScope scope) {
    Where where = new Where("c.district_code = :district", "district", scope.districtCode());
    if (scope.oneSchool()) {
      where.and("c.home_school_code = :school", "school", scope.schoolCode());
    }
    return jdbc.sql("select c.bpmn_process_id as process_id, c.status, count(*) as cases from process_case_view c where "
            + where + " group by c.bpmn_process_id, c.status order by c.bpmn_process_id, c.status")
        .params(where.params()).query(RecordRows.of(CaseCount.class)).list();
  }

  record CaseCount(String processId, String status, long cases) {}

  /** Tasks of the annual assessment in scope with {@code status}; the batch is that of the assessed assignment. */
  List<TaskRow> assessmentTasks(StatisticsScope scope, String status) {
    Where where = assessmentWhere(scope, "t.status = :status", "status", status);
    where.and("t.bpmn_process_id = :process", "process", ProcessIds.ANNUAL_ASSESSMENT);
    return jdbc.sql("""
            select t.bpmn_process_id as process_id, t.element_id, t.created_at, t.closed_at
            from inbox_task t
              join annual_assessment aa on aa.id = t.subject_id and t.subject_type = 'ASSESSMENT'
              join assignment x on x.id = aa.assignment_id
            where """ + " " + where + " order by t.id")
        .params(where.params()).query(RecordRows.of(TaskRow.class)).list();
  }

  /** Archived assessments in scope: school year and grade of each. */
  List<GradeRow> archivedGrades(StatisticsScope scope) {
    Where where = assessmentWhere(scope, "aa.status = :status", "status", "ARCHIVED");
    return jdbc.sql("""
            select aa.school_year, aa.grade
            from annual_assessment aa join assignment x on x.id = aa.assignment_id
            where """ + " " + where + " order by aa.school_year, aa.id")
        .params(where.params()).query(RecordRows.of(GradeRow.class)).list();
  }

  private static Where assessmentWhere(StatisticsScope scope, String first, String name, Object value) {
    Where where = new Where(first, name, value);
    where.and("aa.district_code = :district", "district", scope.districtCode());
    if (scope.oneSchool()) {
      where.and("(aa.dispatching_school_code = :school or aa.receiving_school_code = :school)", "school",
          scope.schoolCode());
    }
    if (scope.batchId() != null) {
      where.and("x.batch_id = :batch", "batch", scope.batchId());
    }
    if (scope.schoolYear() != null) {
      where.and("aa.school_year = :year", "year", scope.schoolYear().toString());
    }
    return where;
  }

  /** The district's batches, latest first, for the filter. */
  List<BatchRow> batches(String districtCode) {
    return jdbc.sql("""
            select id, name, period_starts from rotation_batch where district_code = :district
            order by period_starts desc, id desc""")
        .param("district", districtCode).query(RecordRows.of(BatchRow.class)).list();
  }

  /** The district's schools, for the office's school filter. */
  List<SchoolRow> schools(String districtCode) {
    return jdbc.sql("select code, name, area_type from school where district_code = :district order by code")
        .param("district", districtCode).query(RecordRows.of(SchoolRow.class)).list();
  }

  /** School years with an assessment in the district. */
  List<String> assessmentYears(String districtCode) {
    return jdbc.sql("select distinct school_year from annual_assessment where district_code = :district")
        .param("district", districtCode).query(String.class).list();
  }

  /** Start days of the district's assignments, one per day. */
  List<LocalDate> assignmentStarts(String districtCode) {
    return jdbc.sql("""
            select distinct a.starts_on from assignment a join rotation_batch b on b.id = a.batch_id
            where b.district_code = :district""")
        .param("district", districtCode).query(LocalDate.class).list();
  }

  /** Conditions joined with {@code and}, each with its named parameters. */
  private static final class Where {

    private final StringBuilder sql = new StringBuilder();
    private final Map<String, Object> params = new LinkedHashMap<>();

    Where(String condition, String name, Object value) {
      sql.append(condition);
      params.put(name, value);
    }

    void and(String condition, String name, Object value) {
      sql.append(" and ").append(condition);
      params.put(name, value);
    }

    void param(String name, Object value) {
      params.put(name, value);
    }

    Map<String, Object> params() {
      return params;
    }

    @Override
    public String toString() {
      return sql.toString();
    }
  }

  record AssignmentRow(long id, long batchId, String batchName, LocalDate batchStarts, String direction,
      LocalDate startsOn, String dispatchingSchoolCode, String dispatchingName, String dispatchingArea,
      String receivingSchoolCode, String receivingName, String receivingArea, String subject) {}

  record SchoolRow(String code, String name, String areaType) {}

  record FlowRow(String dispatchingSchoolCode, String dispatchingName, String dispatchingArea, String receivingSchoolCode,
      String receivingName, String receivingArea, long personTimes) {}

  record TrendRow(int firstYear, String direction, long personTimes) {}

  record TaskRow(String processId, String elementId, OffsetDateTime createdAt, OffsetDateTime closedAt) {}

  record GradeRow(String schoolYear, String grade) {}

  record BatchRow(long id, String name, LocalDate periodStarts) {}
}
