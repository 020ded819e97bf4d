package cn.jiaoliu.app.application;

import cn.jiaoliu.app.persistence.RecordRows;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** What other modules may read of who applied in a batch: each teacher's latest application there. */
@Service
public class BatchApplicants {

  private final JdbcClient jdbc;

  BatchApplicants(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Each teacher's latest application in the batch (a withdrawn one only when they have no later one). */
  public List<Applicant> of(long batchId) {
    return jdbc.sql("""
            select a.id, a.teacher_username, a.teacher_name, a.home_school_code, a.direction, a.status
            from rotation_application a
            where a.batch_id = :b and a.id = (select max(x.id) from rotation_application x
              where x.batch_id = a.batch_id and x.teacher_username = a.teacher_username)
            order by a.home_school_code, a.id""")
        .param("b", batchId).query(RecordRows.of(Applicant.class)).list();
  }

  public record Applicant(long id, String teacherUsername, String teacherName, String homeSchoolCode,
      Direction direction, ApplicationStatus status) {

    /** Applied and not withdrawn (refused applications count as applied). */
    public boolean applied() {
      return status != ApplicationStatus.WITHDRAWN;
    }

    public boolean approved() {
      return status == ApplicationStatus.APPROVED;
    }
  }
}
