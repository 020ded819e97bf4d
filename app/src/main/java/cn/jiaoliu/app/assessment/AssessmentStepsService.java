package cn.jiaoliu.app.assessment;

import cn.jiaoliu.app.audit.AuditTrail;
import cn.jiaoliu.app.notification.NotificationEvent;
import cn.jiaoliu.app.notification.NotificationService;
import cn.jiaoliu.app.tasklist.TaskService;
import cn.jiaoliu.app.user.UserDirectory;
import cn.jiaoliu.processes.assessment.AssessmentProcess;
import cn.jiaoliu.workers.assessment.AssessmentSteps;
import java.util.List;
import org.springframework.stereotype.Service;

/** The app's side of the annual-assessment workers; every method tolerates a repeated job. */
@Service
class AssessmentStepsService implements AssessmentSteps {

  private final AnnualAssessmentRepository assessments;
  private final ArchiveService archives;
  private final NotificationService notifications;
  private final UserDirectory users;
  private final TaskService tasks;
  private final AuditTrail audit;
  private final RoundScheduleService schedules;

  AssessmentStepsService(AnnualAssessmentRepository assessments, ArchiveService archives,
      NotificationService notifications, UserDirectory users, TaskService tasks, AuditTrail audit,
      RoundScheduleService schedules) {
    this.schedules = schedules;
    this.assessments = assessments;
    this.archives = archives;
    this.notifications = notifications;
    this.users = users;
    this.tasks = tasks;
    this.audit = audit;
  }

  @Override
  public long archive(long assessmentId, String grade) {
    boolean first = archives.latest(assessmentId).isEmpty();
    long id = archives.archive(assessmentId, grade, AssessmentProcess.creditsRuralService(grade));
    if (first) {
      AnnualAssessment a = load(assessmentId);
      audit.record(AssessmentService.SUBJECT, assessmentId, AuditTrail.SYSTEM, AuditTrail.SYSTEM, "ARCHIVED", grade);
      notifications.notify(List.of(a.teacherUsername()), NotificationEvent.ofAssessment(assessmentId, "archived"),
          "notification.assessmentArchived", a.schoolYear());
    }
    return id;
  }

  @Override
  public int openRound(String districtCode, String schoolYear) {
    return schedules.open(districtCode, schoolYear);
  }

  private AnnualAssessment load(long id) {
    return assessments.findById(id).orElseThrow(() -> new IllegalStateException("no assessment " + id));
  }
}
