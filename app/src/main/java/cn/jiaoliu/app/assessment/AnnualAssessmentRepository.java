package cn.jiaoliu.app.assessment;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jdbc.repository.query.Modifying;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;
import org.springframework.data.repository.query.Param;
import org.springframework.transaction.annotation.Transactional;

interface AnnualAssessmentRepository extends ListCrudRepository<AnnualAssessment, Long> {

  List<AnnualAssessment> findByTeacherUsernameOrderByIdDesc(String teacherUsername);

  List<AnnualAssessment> findTop50ByProcessInstanceKeyIsNullAndCreatedAtBeforeOrderById(OffsetDateTime before);

  /**
   * What the inbox files an assessment's task under, read as one row: each arriving task asked for
   * it three times, and loading the whole aggregate each time was most of the intake's work in a
   * round of 100,000 (benchmark B3's flight recording).
   */
  @Query("""
      select id, process_instance_key, dispatching_school_code, receiving_school_code, district_code, teacher_name,
        school_year
      from annual_assessment where id = :id""")
  Optional<Filing> filing(@Param("id") long id);

  /** An assessment's instance, schools, district, teacher and school year. */
  record Filing(long id, Long processInstanceKey, String dispatchingSchoolCode, String receivingSchoolCode,
      String districtCode, String teacherName, String schoolYear) {}

  @Modifying
  @Transactional
  @Query("update annual_assessment set process_instance_key = :key, updated_at = :now, version = version + 1 where id = :id and process_instance_key is null")
  int started(@Param("id") long id, @Param("key") long key, @Param("now") OffsetDateTime now);

  @Modifying
  @Transactional
  @Query("update annual_assessment set current_step = :step, updated_at = :now, version = version + 1 where id = :id and status = 'IN_PROGRESS'")
  int atStep(@Param("id") long id, @Param("step") String step, @Param("now") OffsetDateTime now);

  @Modifying
  @Transactional
  @Query("""
      update annual_assessment set self_evaluation = :text, demonstration_classes = :classes,
        research_activities = :research, pupils_taught = :pupils, updated_at = :now, version = version + 1
      where id = :id and status = 'IN_PROGRESS'""")
  int selfEvaluated(@Param("id") long id, @Param("text") String text, @Param("classes") int classes,
      @Param("research") int research, @Param("pupils") int pupils, @Param("now") OffsetDateTime now);

  @Modifying
  @Transactional
  @Query("update annual_assessment set grade = :grade, updated_at = :now, version = version + 1 where id = :id and status = 'IN_PROGRESS'")
  int graded(@Param("id") long id, @Param("grade") String grade, @Param("now") OffsetDateTime now);

  @Modifying
  @Transactional
  @Query("update annual_assessment set grade = :grade, updated_at = :now, version = version + 1 where id = :id and status = 'ARCHIVED'")
  int regraded(@Param("id") long id, @Param("grade") String grade, @Param("now") OffsetDateTime now);

  @Modifying
  @Transactional
  @Query("update annual_assessment set status = 'ARCHIVED', current_step = null, updated_at = :now, version = version + 1 where id = :id")
  int archived(@Param("id") long id, @Param("now") OffsetDateTime now);
}
