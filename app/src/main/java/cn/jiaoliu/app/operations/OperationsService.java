package cn.jiaoliu.app.operations;

import cn.jiaoliu.app.audit.AuditTrail;
import cn.jiaoliu.app.export.Headings;
import cn.jiaoliu.app.export.Table;
import cn.jiaoliu.app.persistence.RecordRows;
import cn.jiaoliu.app.security.JiaoliuUser;
import cn.jiaoliu.app.security.Role;
import cn.jiaoliu.app.web.UserFacingException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The administrators' operations view, in place of Camunda Operate (which cannot run against this
 * engine): running cases with their step and holder, automated steps that keep failing, and the
 * retry of a failed step. Administrators only; everyone else gets 403.
 */
@Service
class OperationsService {

  /** A retry whose sender stopped (the app went down while sending it) may be taken again after this. */
  static final Duration STALE_RETRY = Duration.ofMinutes(1);

  private static final Logger log = LoggerFactory.getLogger(OperationsService.class);

  private final RunningCases cases;
  private final JobFailures failures;
  private final StepEngine engine;
  private final AuditTrail audit;
  private final JdbcClient jdbc;
  private final Clock clock;
  private final Headings headings;

  OperationsService(RunningCases cases, JobFailures failures, StepEngine engine, AuditTrail audit, JdbcClient jdbc,
      Clock clock, Headings headings) {
    this.headings = headings;
    this.cases = cases;
    this.failures = failures;
    this.engine = engine;
    this.audit = audit;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** Running cases, filtered by kind ({@code APPLICATION}, {@code ASSESSMENT}, blank for both) and district. */
  List<RunningCases.CaseRow> cases(JiaoliuUser user, String kind, String district, Locale locale) {
    CaseFilter filter = new CaseFilter(kind, district);
    return cases.list(filter.kind(), filter.district(), locale);
  }

  /** Automated steps that keep failing: incidents first. */
  List<JobFailure> failures(JiaoliuUser user) {
    return failures.open();
  }

  List<District> districts() {
    return jdbc.sql("select code, name from district_view order by code").query(RecordRows.of(District.class)).list();
  }

  /**
   * Makes the engine run a failed step again. Clicking twice, or two administrators at once, retries
   * once: the later calls get the failure as it now stands. A step the engine no longer has (its
   * instance was cancelled or moved on) is a 409 and leaves the list.
   */
  JobFailure retry(JiaoliuUser user, long jobKey) {
    JobFailure failure = failures.find(jobKey).orElseThrow(UserFacingException::notFound);
    OffsetDateTime now = OffsetDateTime.now(clock);
    if (!failures.startRetry(jobKey, user.username(), now, now.minus(STALE_RETRY))) {
      return current(jobKey);
    }
    try {
      engine.rerun(failure);
    } catch (StepEngine.StepGoneException e) {
      log.info("retry of job {} refused, the step is gone: {}", jobKey, e.getMessage());
      failures.move(jobKey, JobFailure.RETRYING, JobFailure.GONE, now);
      return current(jobKey);
    } catch (RuntimeException e) {
      failures.move(jobKey, JobFailure.RETRYING, JobFailure.OPEN, now);
      throw e;
    }
    failures.move(jobKey, JobFailure.RETRYING, JobFailure.RETRIED, now);
    audit.record(failure.subjectType() != null ? failure.subjectType() : "PROCESS_INSTANCE",
        failure.subjectId() != null ? failure.subjectId() : failure.processInstanceKey(), user.username(),
        Role.ADMIN.realmRole(), "STEP_RETRIED", detail(failure));
    return current(jobKey);
  }

  /** The failure as it stands now; a step that is gone is a 409. */
  private JobFailure current(long jobKey) {
    JobFailure now = failures.find(jobKey).orElseThrow(UserFacingException::notFound);
    if (JobFailure.GONE.equals(now.status())) {
      throw UserFacingException.conflict("operations.error.gone");
    }
    return now;
  }

  private static String detail(JobFailure f) {
    String error = f.errorMessage().length() <= 300 ? f.errorMessage() : f.errorMessage().substring(0, 300) + "…";
    return f.elementId() + " (" + f.jobType() + "), job " + f.jobKey() + ", " + f.attempts() + " × " + error;
  }

  /** Running cases as a download, in Chinese. */
  Table table(List<RunningCases.CaseRow> rows) {
    return headings.table("runningCases", rows.stream().map(r -> List.<Object>of(
            headings.text("export.runningCases." + r.kind()),
            r.id(), r.teacherName(), r.districtName(), r.statusLabel(), r.stepLabel(), String.join("、", r.holders()),
            r.since(), r.waited(), r.dueAt() == null ? "" : r.dueAt(), r.overdue(), r.failingJobKey() != null))
            .toList());
  }

  /** The filter of the running cases; blank values mean all. */
  record CaseFilter(String kind, String district) {

    CaseFilter {
      kind = kind == null || kind.isBlank() ? null : kind.strip();
      district = district == null || district.isBlank() ? null : district.strip();
      if (kind != null && !kind.equals(RunningCases.APPLICATION) && !kind.equals(RunningCases.ASSESSMENT)
          && !kind.equals(RunningCases.PROCESS_CASE)) {
        throw UserFacingException.invalid(Map.of("kind", "operations.error.kind"));
      }
    }
  }

  record District(String code, String name) {}
}
