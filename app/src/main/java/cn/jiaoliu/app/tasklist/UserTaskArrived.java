package cn.jiaoliu.app.tasklist;

/** A new task entered the inbox (published once per job, after it is stored). */
public record UserTaskArrived(long taskId, String bpmnProcessId, String elementId, String subjectType, Long subjectId,
    long processInstanceKey) {}
