package cn.jiaoliu.app.application;

import cn.jiaoliu.app.audit.AuditTrail;
import cn.jiaoliu.app.notification.NotificationEvent;
import cn.jiaoliu.app.notification.NotificationService;
import cn.jiaoliu.app.programme.Batches;
import cn.jiaoliu.app.tasklist.TaskService;
import cn.jiaoliu.app.user.UserDirectory;
import cn.jiaoliu.processes.application.ApplicationRouting;
import cn.jiaoliu.processes.application.CollectFactsInput;
import cn.jiaoliu.processes.application.CollectedFacts;
import cn.jiaoliu.processes.application.EligibilityFacts;
import cn.jiaoliu.workers.application.ApplicationSteps;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The app's side of the rotation-application workers. Every method tolerates a repeated job. */
@Service
class ApplicationStepsService implements ApplicationSteps {

  private static final Map<String, ApplicationStatus> OUTCOMES = Map.of(
      "NOT_ELIGIBLE", ApplicationStatus.NOT_ELIGIBLE,
      "REJECTED_BY_DISPATCHING_SCHOOL", ApplicationStatus.REJECTED,
      "DECLINED_BY_RECEIVING_SCHOOL", ApplicationStatus.DECLINED,
      "REJECTED_BY_TEACHING_OFFICE", ApplicationStatus.REJECTED,
      "WITHDRAWN", ApplicationStatus.WITHDRAWN,
      "NO_QUOTA", ApplicationStatus.NO_QUOTA);

  private final RotationApplicationRepository applications;
  private final Batches rules;
  private final AssignmentService assignments;
  private final AuditTrail audit;
  private final NotificationService notifications;
  private final UserDirectory users;
  private final Clock clock;
  private final TaskService tasks;
  private final DispatchingSigner signer;

  ApplicationStepsService(TaskService tasks, RotationApplicationRepository applications, Batches rules, AssignmentService assignments,
      AuditTrail audit, NotificationService notifications, UserDirectory users, Clock clock, DispatchingSigner signer) {
    this.signer = signer;
    this.applications = applications;
    this.rules = rules;
    this.assignments = assignments;
    this.audit = audit;
    this.notifications = notifications;
    this.users = users;
    this.clock = clock;
    this.tasks = tasks;
  }

  @Override
  @Transactional
  public CollectedFacts collectFacts(long applicationId, CollectFactsInput.Revision revision) {
    OffsetDateTime now = OffsetDateTime.now(clock);
    RotationApplication before = revision == null ? null : load(applicationId);
    if (revision != null && applications.revise(applicationId, revision.revisionTaskKey(), revision.targetSchoolCode(),
        revision.subject(), LocalDate.parse(revision.periodStart()), LocalDate.parse(revision.periodEnd()),
        revision.reasons(), revision.post(), now) > 0) {
      audit.record(ApplicationService.SUBJECT, applicationId, AuditTrail.SYSTEM, AuditTrail.SYSTEM, "REVISION_APPLIED",
          RevisionChanges.between(before, load(applicationId)));
    }
    RotationApplication a = load(applicationId);
    applications.moveStatus(applicationId, List.of("SUBMITTED", "CHECKING", "RETURNED"), "CHECKING", null, now);
    Batches.Batch batch = rules.batch(a.batchId()).orElseThrow();
    LocalDate today = LocalDate.now(clock);
    var target = rules.remotenessTier(a.targetSchoolCode());
    EligibilityFacts facts = new EligibilityFacts(
        batch.openOn(today),
        assignments.hasOverlappingRotation(a.teacherUsername(), a.periodStart(), a.periodEnd()),
        applications.countOtherOpen(a.teacherUsername(), a.batchId(), a.id()) > 0,
        rules.paired(a.homeSchoolCode(), a.targetSchoolCode(), a.periodStart(), a.periodEnd()),
        rules.quotaLeft(a.batchId(), a.homeSchoolCode(), a.direction().name()),
        a.yearsOfService(),
        batch.minYearsOfService(),
        target);
    return new CollectedFacts(facts,
        new ApplicationRouting(a.teacherUsername(), a.homeSchoolCode(), a.targetSchoolCode(), a.districtCode(),
            signer.groupOf(a)));
  }

  @Override
  @Transactional
  public void recordOutcome(long applicationId, String outcome, List<String> ineligibleReasons) {
    ApplicationStatus status = OUTCOMES.getOrDefault(outcome, ApplicationStatus.REJECTED);
    RotationApplication a = load(applicationId);
    if (!ineligibleReasons.isEmpty()) {
      applications.setIneligibleReasons(applicationId, String.join(",", ineligibleReasons), OffsetDateTime.now(clock));
    }
    int moved = applications.moveStatus(applicationId, ApplicationStatus.names(ApplicationStatus.OPEN), status.name(), null,
        OffsetDateTime.now(clock));
    if (moved > 0 || a.status() == status) {
      if (moved > 0) {
        audit.record(ApplicationService.SUBJECT, applicationId, AuditTrail.SYSTEM, AuditTrail.SYSTEM, "OUTCOME", outcome);
      }
      notifications.notify(List.of(a.teacherUsername()), NotificationEvent.ofApplication(applicationId, "outcome-" + outcome),
          "notification.outcome." + status.name(), applicationId, a.subject());
    }
  }

  @Override
  public long createAssignment(long applicationId, int monthlySubsidy) {
    RotationApplication a = load(applicationId);
    long id;
    try {
      id = assignments.create(a, monthlySubsidy);
    } catch (DuplicateKeyException e) {
      // the same job delivered twice at once: the other delivery created it (and used the quota once)
      id = assignments.create(a, monthlySubsidy);
    }
    if (applications.moveStatus(applicationId, List.of("AWAITING_APPROVAL", "APPROVING"), "APPROVED", null,
        OffsetDateTime.now(clock)) > 0) {
      audit.record(ApplicationService.SUBJECT, applicationId, AuditTrail.SYSTEM, AuditTrail.SYSTEM, "ASSIGNMENT_CREATED",
          monthlySubsidy + "");
    }
    return id;
  }

  @Override
  public void notifyApproval(long applicationId) {
    RotationApplication a = load(applicationId);
    Set<String> everyone = new LinkedHashSet<>();
    everyone.add(a.teacherUsername());
    users.principalsOf(a.homeSchoolCode()).forEach(u -> everyone.add(u.username()));
    users.principalsOf(a.targetSchoolCode()).forEach(u -> everyone.add(u.username()));
    users.teachingOfficeOf(a.districtCode()).forEach(u -> everyone.add(u.username()));
    notifications.notify(everyone, NotificationEvent.ofApplication(applicationId, "approved"), "notification.approved",
        applicationId, a.teacherName());
  }

  private RotationApplication load(long id) {
    return applications.findById(id).orElseThrow(() -> new IllegalStateException("no application " + id));
  }

}
