package cn.jiaoliu.app.tasklist;

import java.time.OffsetDateTime;
import java.util.Set;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.MappedCollection;
import org.springframework.data.relational.core.mapping.Table;

/**
 * One job-worker user task of the engine, kept in the app's own inbox. The job key is unique: a job
 * delivered twice is stored once. Status changes go through conditional updates in
 * {@link InboxTaskRepository}, so two users can never both complete it.
 */
@Table("inbox_task")
record InboxTask(
    @Id Long id,
    long jobKey,
    long processInstanceKey,
    long elementInstanceKey,
    String bpmnProcessId,
    String elementId,
    String formKey,
    String variables,
    TaskStatus status,
    String claimedBy,
    OffsetDateTime dueAt,
    OffsetDateTime followUpAt,
    OffsetDateTime createdAt,
    OffsetDateTime checkedAt,
    OffsetDateTime closedAt,
    String completedBy,
    String submission,
    int completionAttempts,
    String subjectType,
    Long subjectId,
    boolean escalated,
    @MappedCollection(idColumn = "task_id") Set<TaskCandidate> candidates,
    @Version Integer version) {}
