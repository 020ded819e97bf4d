package cn.jiaoliu.app.operations;

import cn.jiaoliu.app.persistence.RecordRows;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code job_failure} rows: written by the job workers' failure capture, read by the operations view. */
@Repository
class JobFailures {

  static final int MAX_MESSAGE = 2000;

  private static final String SELECT = """
      select f.job_key, f.job_type, f.bpmn_process_id, f.process_instance_key, f.element_instance_key, f.element_id,
             f.error_message, f.attempts, f.retries_left, f.first_failed_at, f.last_failed_at, f.status,
             f.status_changed_at, f.retried_by, f.checked_at,
             case when a.id is not null then 'APPLICATION' when s.id is not null then 'ASSESSMENT' end as subject_type,
             coalesce(a.id, s.id) as subject_id, coalesce(a.teacher_name, s.teacher_name) as teacher_name,
             case when f.status = 'OPEN' and f.retries_left <= 0 then true else false end as incident
      from job_failure f
        left join application_case_view a on a.process_instance_key = f.process_instance_key
        left join assessment_case_view s on s.process_instance_key = f.process_instance_key
      """;

  private final JdbcClient jdbc;

  JobFailures(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** One more failed attempt of a job: the first creates the row, later ones count up. */
  void failed(FailedAttempt a, OffsetDateTime now) {
    if (addAttempt(a, now) > 0) {
      return;
    }
    try {
      jdbc.sql("""
              insert into job_failure (job_key, job_type, bpmn_process_id, process_instance_key, element_instance_key,
                element_id, error_message, attempts, retries_left, first_failed_at, last_failed_at, status,
                status_changed_at, checked_at)
              values (:key, :type, :process, :instance, :elementInstance, :element, :message, 1, :retries, :now, :now,
                'OPEN', :now, :now)""")
          .param("key", a.jobKey()).param("type", a.jobType()).param("process", a.bpmnProcessId())
          .param("instance", a.processInstanceKey()).param("elementInstance", a.elementInstanceKey())
          .param("element", a.elementId()).param("message", a.errorMessage()).param("retries", a.retriesLeft())
          .param("now", now)
          .update();
    } catch (DuplicateKeyException e) {
      addAttempt(a, now);
    }
  }

  private int addAttempt(FailedAttempt a, OffsetDateTime now) {
    // a step the check had taken for gone shows it is there after all
    return jdbc.sql("""
            update job_failure set attempts = attempts + 1, error_message = :message, retries_left = :retries,
              last_failed_at = :now, checked_at = :now,
              status = case when status = 'GONE' then 'OPEN' else status end
            where job_key = :key""")
        .param("message", a.errorMessage()).param("retries", a.retriesLeft()).param("now", now)
        .param("key", a.jobKey())
        .update();
  }

  /** The job completed (or ended in a BPMN error, a business outcome): it leaves the failing list. */
  void completed(long jobKey, OffsetDateTime now) {
    jdbc.sql("""
            update job_failure set status = 'RESOLVED', status_changed_at = :now
            where job_key = :key and status in ('OPEN', 'RETRYING', 'GONE')""")
        .param("key", jobKey).param("now", now).update();
  }

  /** Failing steps: incidents first, then the most recent failure first. */
  List<JobFailure> open() {
    return jdbc.sql(SELECT + """
            where f.status in ('OPEN', 'RETRYING')
            order by case when f.retries_left <= 0 then 0 else 1 end, f.last_failed_at desc, f.job_key""")
        .query(RecordRows.of(JobFailure.class)).list();
  }

  /** Open failures of the given process instances, for the running-cases view. */
  List<JobFailure> openOfInstances(List<Long> processInstanceKeys) {
    if (processInstanceKeys.isEmpty()) {
      return List.of();
    }
    return jdbc.sql(SELECT + """
            where f.status in ('OPEN', 'RETRYING') and f.process_instance_key in (:keys)
            order by f.last_failed_at desc""")
        .param("keys", processInstanceKeys).query(RecordRows.of(JobFailure.class)).list();
  }

  Optional<JobFailure> find(long jobKey) {
    return jdbc.sql(SELECT + " where f.job_key = :key").param("key", jobKey).query(RecordRows.of(JobFailure.class)).optional();
  }

  /**
   * Takes the failure for a retry: only one caller wins, from OPEN, or from a RETRYING whose sender
   * stopped before {@code staleBefore} (the app went down in between).
   */
  boolean startRetry(long jobKey, String by, OffsetDateTime now, OffsetDateTime staleBefore) {
    return jdbc.sql("""
            update job_failure set status = 'RETRYING', retried_by = :by, status_changed_at = :now
            where job_key = :key and (status = 'OPEN' or (status = 'RETRYING' and status_changed_at < :stale))""")
        .param("key", jobKey).param("by", by).param("now", now).param("stale", staleBefore)
        .update() == 1;
  }

  /** Moves a failure on from one status to another; false when it was no longer in {@code from}. */
  boolean move(long jobKey, String from, String to, OffsetDateTime now) {
    return jdbc.sql("""
            update job_failure set status = :to, status_changed_at = :now where job_key = :key and status = :from""")
        .param("key", jobKey).param("from", from).param("to", to).param("now", now)
        .update() == 1;
  }

  /** Open failures not checked against the engine since {@code before}, oldest check first. */
  List<JobFailure> dueForCheck(OffsetDateTime before, int limit) {
    return jdbc.sql(SELECT + """
            where f.status = 'OPEN' and f.checked_at < :before order by f.checked_at, f.job_key limit :limit""")
        .param("before", before).param("limit", limit).query(RecordRows.of(JobFailure.class)).list();
  }

  void checked(long jobKey, OffsetDateTime now) {
    jdbc.sql("update job_failure set checked_at = :now where job_key = :key").param("key", jobKey).param("now", now)
        .update();
  }

  /** What the capture knows of one failed attempt. */
  record FailedAttempt(long jobKey, String jobType, String bpmnProcessId, long processInstanceKey,
      long elementInstanceKey, String elementId, String errorMessage, int retriesLeft) {

    FailedAttempt {
      errorMessage = errorMessage == null || errorMessage.isBlank() ? "(no message)"
          : errorMessage.length() <= MAX_MESSAGE ? errorMessage : errorMessage.substring(0, MAX_MESSAGE);
      retriesLeft = Math.max(0, retriesLeft);
    }
  }
}
