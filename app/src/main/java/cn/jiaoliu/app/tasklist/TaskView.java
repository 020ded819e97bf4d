package cn.jiaoliu.app.tasklist;

import java.time.OffsetDateTime;

/** A task as lists and pages show it (read model, no candidates). */
public record TaskView(
    long id, long jobKey, long processInstanceKey, String bpmnProcessId, String elementId, String formKey,
    String variables, TaskStatus status, String claimedBy,
    OffsetDateTime dueAt, OffsetDateTime createdAt, OffsetDateTime closedAt,
    String completedBy, String submission, String subjectType, Long subjectId, boolean escalated,
    String completedByName, Long processDefinitionKey) {

  /** Message key of the task's name, e.g. {@code task.rotation-application.Task_SignOpinion}. */
  public String nameKey() {
    return "task." + bpmnProcessId + "." + elementId;
  }

  /** The signer's name as it was when they signed; never read anew, so a later rename changes no signature. */
  public String signerName() {
    return completedByName != null ? completedByName : completedBy;
  }

  public boolean overdue(OffsetDateTime now) {
    return status == TaskStatus.OPEN && dueAt != null && dueAt.isBefore(now);
  }
}
