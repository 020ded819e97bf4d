package cn.jiaoliu.app.tasklist;

import java.util.Map;

/** The engine took a task's submission. */
public record UserTaskCompleted(long taskId, String bpmnProcessId, String elementId, String subjectType, Long subjectId,
    String completedBy, Map<String, Object> variables) {}
