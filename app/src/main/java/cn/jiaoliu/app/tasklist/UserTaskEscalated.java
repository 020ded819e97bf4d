package cn.jiaoliu.app.tasklist;

/**
 * A task went past its due date and was flagged for the case's supervisors (published once per
 * occurrence of the step, in the escalation's transaction).
 */
public record UserTaskEscalated(long taskId, String bpmnProcessId, String elementId, String subjectType, Long subjectId,
    long processInstanceKey) {}
