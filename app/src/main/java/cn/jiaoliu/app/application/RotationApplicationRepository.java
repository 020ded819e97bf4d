package cn.jiaoliu.app.application;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jdbc.repository.query.Modifying;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;
import org.springframework.data.repository.query.Param;
import org.springframework.transaction.annotation.Transactional;

/** Status changes are conditional single-row updates: the engine's workers and users never race blindly. */
interface RotationApplicationRepository extends ListCrudRepository<RotationApplication, Long> {

  Optional<RotationApplication> findByRequestToken(String requestToken);

  List<RotationApplication> findByTeacherUsernameOrderByIdDesc(String teacherUsername);

  List<RotationApplication> findTop20ByProcessInstanceKeyIsNullAndStatusAndCreatedAtBeforeOrderById(
      ApplicationStatus status, OffsetDateTime before);

  List<RotationApplication> findTop20ByStatusAndWithdrawalPublishedFalseOrderById(ApplicationStatus status);

  @Query("""
      select count(*) from rotation_application
      where teacher_username = :teacher and batch_id = :batch and id <> :id
        and status in ('SUBMITTED', 'CHECKING', 'AWAITING_OPINION', 'RETURNED', 'AWAITING_ACCEPTANCE',
                       'AWAITING_APPROVAL', 'APPROVING')""")
  int countOtherOpen(@Param("teacher") String teacher, @Param("batch") long batch, @Param("id") long id);

  @Modifying
  @Transactional
  @Query("""
      update rotation_application set status = :status, current_step = :step, overdue_step = null, updated_at = :now,
        version = version + 1
      where id = :id and status in (:from)""")
  int moveStatus(@Param("id") long id, @Param("from") List<String> from, @Param("status") String status,
      @Param("step") String step, @Param("now") OffsetDateTime now);

  @Modifying
  @Transactional
  @Query("""
      update rotation_application set overdue_step = :step, updated_at = :now, version = version + 1
      where id = :id""")
  int markOverdue(@Param("id") long id, @Param("step") String step, @Param("now") OffsetDateTime now);

  @Modifying
  @Transactional
  @Query("""
      update rotation_application set ineligible_reasons = :reasons, updated_at = :now, version = version + 1
      where id = :id""")
  int setIneligibleReasons(@Param("id") long id, @Param("reasons") String reasons, @Param("now") OffsetDateTime now);

  @Modifying
  @Transactional
  @Query("""
      update rotation_application set process_instance_key = :key,
        status = case when status = 'SUBMITTED' then 'CHECKING' else status end, updated_at = :now,
        version = version + 1
      where id = :id and process_instance_key is null""")
  int started(@Param("id") long id, @Param("key") long key, @Param("now") OffsetDateTime now);

  @Modifying
  @Transactional
  @Query("""
      update rotation_application set withdrawal_published = true, version = version + 1 where id = :id""")
  int withdrawalPublished(@Param("id") long id);

  @Modifying
  @Transactional
  @Query("""
      update rotation_application
      set target_school_code = :target, subject = :subject, period_start = :start, period_end = :end,
          reasons = :reasons, post = :post, revision = revision + 1, last_revision_key = :key,
          updated_at = :now, version = version + 1
      where id = :id and (last_revision_key is null or last_revision_key <> :key)""")
  int revise(@Param("id") long id, @Param("key") long key, @Param("target") String target,
      @Param("subject") String subject, @Param("start") LocalDate start, @Param("end") LocalDate end,
      @Param("reasons") String reasons, @Param("post") String post, @Param("now") OffsetDateTime now);
}
