package cn.jiaoliu.app.operations;

import cn.jiaoliu.app.application.ApplicationStatus;
import cn.jiaoliu.app.persistence.RecordRows;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Every running case with where it stands: the open task of the app's inbox (its step, who holds or
 * may take it, since when, overdue), or, where a case has no open task, the automated step it is
 * in — the failing one when the app has seen a step fail, else the status the case is in. A task
 * held by a school the case does not name is flagged.
 */
@Component
class RunningCases {

  static final String APPLICATION = "APPLICATION";
  static final String ASSESSMENT = "ASSESSMENT";
  /** A case of a process modelled and deployed through the app. */
  static final String PROCESS_CASE = "PROCESS_CASE";
  private static final String PRINCIPAL_GROUP = "group:principal:";

  private static final String SELECT = """
      select '%1$s' as kind, c.id as subject_id, c.teacher_name, c.district_code, coalesce(d.name, '-') as district_name,
             c.status,
             c.home_school_code as school_code, c.target_school_code as other_school_code,
             c.process_instance_key, c.updated_at, t.id as task_id, t.element_id as task_element_id,
             t.bpmn_process_id as task_process_id, t.claimed_by,
             u.display_name as claimed_by_name, t.created_at as task_created_at, t.due_at, t.escalated
      from %2$s c
        left join district_view d on d.code = c.district_code
        left join task_view t on t.subject_type = '%1$s' and t.subject_id = c.id and t.status in ('OPEN', 'COMPLETING')
        left join user_name_view u on u.username = t.claimed_by
      where c.status in (:statuses)""";

  private final JdbcClient jdbc;
  private final JobFailures failures;
  private final CandidateLabels labels;
  private final Clock clock;

  RunningCases(JdbcClient jdbc, JobFailures failures, CandidateLabels labels, Clock clock) {
    this.jdbc = jdbc;
    this.failures = failures;
    this.labels = labels;
    this.clock = clock;
  }

  /** The running cases of one kind or both ({@code kind} null), of one district or all; longest waiting first. */
  List<CaseRow> list(String kind, String district, Locale locale) {
    List<Raw> raws = new ArrayList<>();
    if (kind == null || kind.equals(APPLICATION)) {
      raws.addAll(query(APPLICATION, "application_case_view",
          ApplicationStatus.names(ApplicationStatus.OPEN), district));
    }
    if (kind == null || kind.equals(ASSESSMENT)) {
      raws.addAll(query(ASSESSMENT, "assessment_case_view",
          List.of("IN_PROGRESS"), district));
    }
    if (kind == null || kind.equals(PROCESS_CASE)) {
      raws.addAll(query(PROCESS_CASE, "process_case_view", List.of("STARTING", "RUNNING"), district));
    }
    Map<Long, List<Candidate>> candidates = candidates(raws.stream().map(Raw::taskId).filter(Objects::nonNull).toList());
    Map<Long, JobFailure> failing = new LinkedHashMap<>();
    failures.openOfInstances(raws.stream().filter(r -> r.taskId() == null).map(Raw::processInstanceKey)
            .filter(Objects::nonNull).distinct().toList())
        .forEach(f -> failing.putIfAbsent(f.processInstanceKey(), f));
    OffsetDateTime now = OffsetDateTime.now(clock);
    return raws.stream()
        .map(r -> row(r, candidates.getOrDefault(r.taskId(), List.of()),
            r.taskId() == null ? failing.get(r.processInstanceKey()) : null, now, locale))
        .sorted(Comparator.comparing(CaseRow::since).thenComparing(CaseRow::kind).thenComparing(CaseRow::id))
        .toList();
  }

  private List<Raw> query(String kind, String view, List<String> statuses,
      String district) {
    String sql = SELECT.formatted(kind, view) + (district == null ? "" : " and c.district_code = :district");
    var spec = jdbc.sql(sql).param("statuses", statuses);
    if (district != null) {
      spec = spec.param("district", district);
    }
    return spec.query(RecordRows.of(Raw.class)).list();
  }

  private Map<Long, List<Candidate>> candidates(List<Long> taskIds) {
    Map<Long, List<Candidate>> byTask = new LinkedHashMap<>();
    if (taskIds.isEmpty()) {
      return byTask;
    }
    jdbc.sql("""
            select c.task_id, c.candidate, u.display_name
            from task_candidate_view c left join user_name_view u on c.candidate = concat('user:', u.username)
            where c.task_id in (:ids) order by c.task_id, c.candidate""")
        .param("ids", taskIds).query(RecordRows.of(Candidate.class)).list()
        .forEach(c -> byTask.computeIfAbsent(c.taskId(), id -> new ArrayList<>()).add(c));
    return byTask;
  }

  private CaseRow row(Raw r, List<Candidate> candidates, JobFailure failure, OffsetDateTime now, Locale locale) {
    String statusLabel = labels.message((r.kind().equals(APPLICATION) ? "status."
        : r.kind().equals(PROCESS_CASE) ? "case.status." : "assessment.status.") + r.status(), locale);
    if (r.taskId() != null) {
      List<String> holders = r.claimedBy() != null
          ? List.of(labels.claimed(r.claimedByName() != null ? r.claimedByName() : r.claimedBy(), locale))
          : candidates.stream().map(c -> labels.label(c.candidate(), c.displayName(), locale)).toList();
      boolean overdue = Boolean.TRUE.equals(r.escalated()) || (r.dueAt() != null && r.dueAt().isBefore(now));
      return new CaseRow(r.kind(), r.subjectId(), r.teacherName(), r.districtCode(), r.districtName(), r.status(),
          statusLabel, r.taskElementId(), r.kind().equals(PROCESS_CASE)
              ? labels.messageOr("task." + r.taskProcessId() + "." + r.taskElementId(), r.taskElementId(), locale)
              : stepLabel(r.taskElementId(), locale), false, null, false,
          holders, candidates.stream().map(Candidate::candidate).toList(), r.claimedBy(), r.taskCreatedAt(),
          waited(r.taskCreatedAt(), now, locale), r.dueAt(), overdue, r.processInstanceKey(),
          elsewhere(r, candidates));
    }
    List<String> system = List.of(labels.message("operations.holder.system", locale));
    if (failure != null) {
      return new CaseRow(r.kind(), r.subjectId(), r.teacherName(), r.districtCode(), r.districtName(), r.status(),
          statusLabel, failure.elementId(), jobLabel(failure.jobType(), locale), true, failure.jobKey(),
          failure.incident(), system, List.of(), null, failure.firstFailedAt(), waited(failure.firstFailedAt(), now, locale),
          null, false, r.processInstanceKey(), List.of());
    }
    return new CaseRow(r.kind(), r.subjectId(), r.teacherName(), r.districtCode(), r.districtName(), r.status(),
        statusLabel, null, labels.message("operations.step.automated", locale), true, null, false, system, List.of(),
        null, r.updatedAt(), waited(r.updatedAt(), now, locale), null, false, r.processInstanceKey(), List.of());
  }

  /**
   * The schools whose principals hold the open task although the case names neither: the task went
   * somewhere the case does not (a copy in the process that the database has changed since), and
   * nobody who may act on it sees it.
   */
  static List<String> elsewhere(Raw r, List<Candidate> candidates) {
    return candidates.stream().map(Candidate::candidate)
        .filter(c -> c.startsWith(PRINCIPAL_GROUP))
        .map(c -> c.substring(PRINCIPAL_GROUP.length()))
        .filter(school -> !school.equals(r.schoolCode()) && !school.equals(r.otherSchoolCode()))
        .distinct().toList();
  }

  /** A user task's name ({@code step.<element id>}), else the element id. */
  String stepLabel(String elementId, Locale locale) {
    return labels.messageOr("step." + elementId, elementId, locale);
  }

  /** An automated step by its job type ({@code operations.jobType.<type>}), else the job type. */
  String jobLabel(String jobType, Locale locale) {
    return labels.messageOr("operations.jobType." + jobType, jobType, locale);
  }

  /** How long since {@code since}, in days and hours, hours and minutes, or minutes. */
  String waited(OffsetDateTime since, OffsetDateTime now, Locale locale) {
    long minutes = Math.max(0, Duration.between(since, now).toMinutes());
    if (minutes >= 24 * 60) {
      return labels.message("operations.duration.days", locale, minutes / (24 * 60), minutes % (24 * 60) / 60);
    }
    if (minutes >= 60) {
      return labels.message("operations.duration.hours", locale, minutes / 60, minutes % 60);
    }
    return labels.message("operations.duration.minutes", locale, minutes);
  }

  /**
   * One running case at one step. {@code automated}: no open user task, the engine is at an
   * automated step ({@code failingJobKey} set when the app saw that step fail, {@code incident} when
   * it is out of retries). {@code since}: when the open task arrived, the step first failed, or the
   * case last changed.
   */
  record CaseRow(String kind, long id, String teacherName, String districtCode, String districtName, String status,
      String statusLabel, String stepId, String stepLabel, boolean automated, Long failingJobKey, boolean incident,
      List<String> holders, List<String> candidates, String claimedBy, OffsetDateTime since, String waited,
      OffsetDateTime dueAt, boolean overdue, Long processInstanceKey, List<String> heldElsewhere) {

    /** The open task is held by a school the case does not name. */
    public boolean misrouted() {
      return !heldElsewhere.isEmpty();
    }
  }

  record Raw(String kind, long subjectId, String teacherName, String districtCode, String districtName, String status,
      String schoolCode, String otherSchoolCode,
      Long processInstanceKey, OffsetDateTime updatedAt, Long taskId, String taskElementId, String taskProcessId,
      String claimedBy,
      String claimedByName, OffsetDateTime taskCreatedAt, OffsetDateTime dueAt, Boolean escalated) {}

  record Candidate(long taskId, String candidate, String displayName) {}
}
