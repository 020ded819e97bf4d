package cn.jiaoliu.app.application;

import cn.jiaoliu.app.persistence.RecordRows;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** What other modules may read of the rotations that approved applications became. */
@Service
public class Assignments {

  private static final String SERVING = """
      from assignment where dispatching_school_code in (:schools) and starts_on <= :to and ends_on >= :from""";

  private final JdbcClient jdbc;

  Assignments(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The rotations of teachers of these (dispatching) schools that ran on some day between the two dates. */
  public List<Assignment> servingDuring(Collection<String> dispatchingSchools, LocalDate from, LocalDate to) {
    if (dispatchingSchools.isEmpty()) {
      return List.of();
    }
    return jdbc.sql("select id, teacher_username, teacher_name, dispatching_school_code, receiving_school_code "
            + SERVING + " order by id")
        .param("schools", dispatchingSchools).param("from", from).param("to", to)
        .query(RecordRows.of(Assignment.class)).list();
  }

  public long countServingDuring(Collection<String> dispatchingSchools, LocalDate from, LocalDate to) {
    if (dispatchingSchools.isEmpty()) {
      return 0;
    }
    return jdbc.sql("select count(*) " + SERVING)
        .param("schools", dispatchingSchools).param("from", from).param("to", to).query(Long.class).single();
  }

  /** The post, period and subject of one rotation. */
  public Optional<Terms> terms(long assignmentId) {
    return jdbc.sql("""
            select x.post, x.starts_on, x.ends_on, coalesce(r.subject, '') as subject
            from assignment x left join rotation_application r on r.id = x.application_id where x.id = :id""")
        .param("id", assignmentId).query(RecordRows.of(Terms.class)).optional();
  }

  /**
   * Every approved rotation of teachers of these (dispatching) schools that ran on some day between
   * the two dates, with what the reports upward and the subsidy roster need, by start and teacher.
   */
  public List<Rotation> rotationsDuring(Collection<String> dispatchingSchools, LocalDate from, LocalDate to) {
    if (dispatchingSchools.isEmpty()) {
      return List.of();
    }
    return jdbc.sql("""
            select id, teacher_username, teacher_name, dispatching_school_code, receiving_school_code, direction, post,
              starts_on, ends_on, monthly_subsidy\s"""
            + SERVING + " order by starts_on, teacher_name, id")
        .param("schools", dispatchingSchools).param("from", from).param("to", to)
        .query(RecordRows.of(Rotation.class)).list();
  }

  public record Assignment(long id, String teacherUsername, String teacherName, String dispatchingSchoolCode,
      String receivingSchoolCode) {}

  /**
   * An approved rotation: who, from which school to which, in which direction and post, when, and the
   * monthly living subsidy the subsidy-tier decision set at approval (yuan; 0 at an urban school).
   */
  public record Rotation(long id, String teacherUsername, String teacherName, String dispatchingSchoolCode,
      String receivingSchoolCode, Direction direction, Post post, LocalDate startsOn, LocalDate endsOn,
      int monthlySubsidy) {}

  public record Terms(String post, LocalDate startsOn, LocalDate endsOn, String subject) {}
}
