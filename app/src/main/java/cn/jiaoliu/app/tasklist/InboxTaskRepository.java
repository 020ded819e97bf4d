package cn.jiaoliu.app.tasklist;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jdbc.repository.query.Modifying;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;
import org.springframework.data.repository.query.Param;
import org.springframework.transaction.annotation.Transactional;

/**
 * The inbox aggregate. Every state change is a single conditional UPDATE that reports how many rows
 * it changed: 0 means somebody else got there first.
 */
interface InboxTaskRepository extends ListCrudRepository<InboxTask, Long> {

  /** Cancels open tasks (with the where clause that follows). */
  String CANCEL = "update inbox_task set status = 'CANCELLED', closed_at = :now, version = version + 1 ";

  Optional<InboxTask> findByJobKey(long jobKey);

  @Modifying
  @Transactional
  @Query("""
      update inbox_task set claimed_by = :username, version = version + 1
      where id = :id and status = 'OPEN' and (claimed_by is null or claimed_by = :username)""")
  int claim(@Param("id") long id, @Param("username") String username);

  @Modifying
  @Transactional
  @Query("""
      update inbox_task set claimed_by = null, version = version + 1
      where id = :id and status = 'OPEN' and claimed_by = :username""")
  int unclaim(@Param("id") long id, @Param("username") String username);

  /** An administrator releases whoever's claim it is. */
  @Modifying
  @Transactional
  @Query("""
      update inbox_task set claimed_by = null, version = version + 1
      where id = :id and status = 'OPEN' and claimed_by is not null""")
  int release(@Param("id") long id);

  @Modifying
  @Transactional
  @Query("""
      update inbox_task
      set status = 'COMPLETING', completed_by = :username, completed_by_name = :signerName, submission = :submission,
          claimed_by = :username, on_behalf_of = :onBehalfOf, completion_attempts = completion_attempts + 1,
          checked_at = :now, version = version + 1
      where id = :id and status = 'OPEN' and (claimed_by is null or claimed_by = :username or claimed_by = :onBehalfOf)""")
  int startCompletionRow(@Param("id") long id, @Param("username") String username,
      @Param("signerName") String signerName, @Param("onBehalfOf") String onBehalfOf,
      @Param("submission") String submission, @Param("now") OffsetDateTime now);

  /**
   * OPEN → COMPLETING, counting the first attempt to send it (the re-sends count theirs with
   * {@link #countCompletionAttempt}); the task leaves the candidates' open inboxes.
   */
  default int startCompletion(long id, String username, String submission, OffsetDateTime now) {
    return startCompletion(id, username, username, submission, now);
  }

  /** {@code signerName}: the name the signer has at this moment, kept with the signature for good. */
  default int startCompletion(long id, String username, String signerName, String submission, OffsetDateTime now) {
    return startCompletion(id, username, signerName, null, submission, now);
  }

  /** {@code onBehalfOf}: the delegator a deputy signs for (委托), or null. */
  default int startCompletion(long id, String username, String signerName, String onBehalfOf, String submission,
      OffsetDateTime now) {
    int n = startCompletionRow(id, username, signerName, onBehalfOf, submission, now);
    if (n > 0) {
      markCandidates(id, false);
    }
    return n;
  }

  @Modifying
  @Transactional
  @Query("""
      update inbox_task set completion_attempts = completion_attempts + 1, checked_at = :now,
          version = version + 1
      where id = :id and status = 'COMPLETING'""")
  int countCompletionAttempt(@Param("id") long id, @Param("now") OffsetDateTime now);

  @Modifying
  @Transactional
  @Query("""
      update inbox_task set status = :status, closed_at = :now, version = version + 1
      where id = :id and status in ('OPEN', 'COMPLETING')""")
  int closeRow(@Param("id") long id, @Param("status") String status, @Param("now") OffsetDateTime now);

  /**
   * Closes the task, then its candidate rows. In that order: a crash in between leaves a candidate
   * marked open for a closed task, which the inbox query's own status check still filters out.
   */
  default int close(long id, String status, OffsetDateTime now) {
    int n = closeRow(id, status, now);
    markCandidates(id, false);
    return n;
  }

  /**
   * The reconciler found the task's job gone: cancelled, unless a user's submission has started
   * meanwhile (the job may be gone because that submission completed it; the completion or its
   * retry closes the task).
   */
  @Modifying
  @Transactional
  @Query(CANCEL + "where id = :id and status = 'OPEN'")
  int closeVanishedRow(@Param("id") long id, @Param("now") OffsetDateTime now);

  default int closeVanished(long id, OffsetDateTime now) {
    int n = closeVanishedRow(id, now);
    if (n > 0) {
      markCandidates(id, false);
    }
    return n;
  }

  @Modifying
  @Transactional
  @Query(CANCEL + "where process_instance_key = :processInstanceKey and status = 'OPEN'")
  int cancelOpenTasksOfRow(
      @Param("processInstanceKey") long processInstanceKey, @Param("now") OffsetDateTime now);

  default int cancelOpenTasksOf(long processInstanceKey, OffsetDateTime now) {
    int n = cancelOpenTasksOfRow(processInstanceKey, now);
    closeCandidatesOf(processInstanceKey);
    return n;
  }

  @Modifying
  @Transactional
  @Query("update inbox_task set checked_at = :now, next_check_at = :next where id in (:ids)")
  int markChecked(@Param("ids") Collection<Long> ids, @Param("now") OffsetDateTime now,
      @Param("next") OffsetDateTime next);

  @Modifying
  @Transactional
  @Query("""
      update inbox_task set status = 'OPEN', closed_at = null, checked_at = :now, next_check_at = :now,
          version = version + 1
      where job_key = :jobKey and status = 'CANCELLED'""")
  int reopenIfCancelledRow(@Param("jobKey") long jobKey, @Param("now") OffsetDateTime now);

  /** Candidates first, then the task: a crash in between leaves only a harmless open mark. */
  default int reopenIfCancelled(long jobKey, OffsetDateTime now) {
    reopenCandidatesIfCancelled(jobKey);
    return reopenIfCancelledRow(jobKey, now);
  }

  /**
   * Whether the task is open, copied onto its candidate rows: the inbox finds a user's open tasks
   * through the index on (candidate, task_open), never through the completed ones that pile up.
   */
  @Modifying
  @Transactional
  @Query("update inbox_task_candidate set task_open = :open where task_id = :id and task_open <> :open")
  int markCandidates(@Param("id") long id, @Param("open") boolean open);

  @Modifying
  @Transactional
  @Query("""
      update inbox_task_candidate set task_open = false where task_open
        and task_id in (select id from inbox_task where process_instance_key = :key and status <> 'OPEN')""")
  int closeCandidatesOf(@Param("key") long processInstanceKey);

  @Modifying
  @Transactional
  @Query("""
      update inbox_task_candidate set task_open = true
      where task_id in (select id from inbox_task where job_key = :jobKey and status = 'CANCELLED')""")
  int reopenCandidatesIfCancelled(@Param("jobKey") long jobKey);

  /** Flags one open task as overdue; 0 when it was flagged already (or is no longer open). */
  @Modifying
  @Transactional
  @Query("""
      update inbox_task set escalated = true, version = version + 1
      where id = :id and status = 'OPEN' and escalated = false""")
  int markEscalated(@Param("id") long taskId);

  /** Shows one task to another candidate too (who may see it; its form decides who may act). */
  @Modifying
  @Transactional
  @Query("""
      insert into inbox_task_candidate (task_id, candidate, task_open)
      select t.id, :candidate, true from inbox_task t
      where t.id = :id and t.status = 'OPEN'
        and not exists (select 1 from inbox_task_candidate c where c.task_id = t.id and c.candidate = :candidate)""")
  int addCandidate(@Param("id") long taskId, @Param("candidate") String candidate);

  /** The open tasks due a check by now, the longest due first. */
  @Query("""
      select id, job_key, process_definition_key, element_id from inbox_task
      where status = 'OPEN' and next_check_at <= :now
      order by next_check_at asc, id asc limit :limit""")
  List<DueTask> openTasksDue(@Param("now") OffsetDateTime now, @Param("limit") int limit);

  @Query("""
      select id, job_key from inbox_task where status = 'COMPLETING' and checked_at < :before
      order by checked_at asc limit :limit""")
  List<JobRef> completionsToRetry(@Param("before") OffsetDateTime before, @Param("limit") int limit);

  /** Just the two keys the reconciler needs. */
  record JobRef(long id, long jobKey) {}

  /** An open task due a check, with what tells whether it is quiet. */
  record DueTask(long id, long jobKey, Long processDefinitionKey, String elementId) {}
}
