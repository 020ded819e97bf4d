package cn.jiaoliu.app.operations;

import java.time.OffsetDateTime;

/**
 * An automated step that failed, as the app's job workers saw it, with the case it belongs to when
 * the app knows one ({@code APPLICATION} or {@code ASSESSMENT}). {@code incident}: still failing
 * and out of retries, so the engine has raised an incident and waits for someone. {@code checkedAt}:
 * when the app last saw the step in the engine (a failure, or the check of {@link FailureCheck}).
 */
public record JobFailure(
    long jobKey,
    String jobType,
    String bpmnProcessId,
    long processInstanceKey,
    long elementInstanceKey,
    String elementId,
    String errorMessage,
    int attempts,
    int retriesLeft,
    OffsetDateTime firstFailedAt,
    OffsetDateTime lastFailedAt,
    String status,
    OffsetDateTime statusChangedAt,
    String retriedBy,
    OffsetDateTime checkedAt,
    String subjectType,
    Long subjectId,
    String teacherName,
    boolean incident) {

  public static final String OPEN = "OPEN";
  public static final String RETRYING = "RETRYING";
  public static final String RETRIED = "RETRIED";
  public static final String RESOLVED = "RESOLVED";
  public static final String GONE = "GONE";
}
