package cn.jiaoliu.processes;

import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Header names the engine puts on job-worker user tasks, and a tolerant reader of its dates: the
 * engine writes {@code 2026-11-29T19:46:00.487Z[Etc/UTC]} for FEEL date-times, and drops the seconds
 * when they are zero.
 */
public final class UserTaskHeaders {

  public static final String ASSIGNEE = "io.camunda.zeebe:assignee";
  public static final String CANDIDATE_GROUPS = "io.camunda.zeebe:candidateGroups";
  public static final String CANDIDATE_USERS = "io.camunda.zeebe:candidateUsers";
  public static final String DUE_DATE = "io.camunda.zeebe:dueDate";
  public static final String FOLLOW_UP_DATE = "io.camunda.zeebe:followUpDate";
  public static final String FORM_KEY = "io.camunda.zeebe:formKey";
  /**
   * A header a model sets on a user task (抄送 by the process): the candidate groups the case is
   * copied to, for information, when the step is completed; comma-separated, each may name process
   * variables in braces: {@code principal:{homeSchoolCode}, principal:{targetSchoolCode}}.
   */
  public static final String COPY_TO = "copyTo";

  private UserTaskHeaders() {}

  /** Parses an engine date header; empty when absent or unreadable. */
  public static Optional<OffsetDateTime> parseDateTime(String value) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(ZonedDateTime.parse(value.trim(), DateTimeFormatter.ISO_DATE_TIME).toOffsetDateTime());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
