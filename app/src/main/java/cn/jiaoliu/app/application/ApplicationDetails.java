package cn.jiaoliu.app.application;

import cn.jiaoliu.app.audit.AuditTrail;
import cn.jiaoliu.app.programme.Batches;
import cn.jiaoliu.app.programme.SchoolRepository;
import cn.jiaoliu.app.security.JiaoliuUser;
import cn.jiaoliu.app.tasklist.CaseProgress;
import cn.jiaoliu.app.tasklist.Consultations;
import cn.jiaoliu.app.tasklist.TaskService;
import cn.jiaoliu.app.tasklist.TaskView;
import cn.jiaoliu.processes.ProcessIds;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/** Everything a page or the API shows about one application, for a user allowed to see it. */
@Service
public class ApplicationDetails {

  private final ApplicationService applications;
  private final SchoolRepository schools;
  private final Batches rules;
  private final TaskService tasks;
  private final AuditTrail audit;
  private final AssignmentService assignments;
  private final CaseProgress progress;
  private final Consultations consultations;

  ApplicationDetails(ApplicationService applications, SchoolRepository schools, Batches rules, TaskService tasks,
      AuditTrail audit, AssignmentService assignments, CaseProgress progress, Consultations consultations) {
    this.consultations = consultations;
    this.progress = progress;
    this.applications = applications;
    this.schools = schools;
    this.rules = rules;
    this.tasks = tasks;
    this.audit = audit;
    this.assignments = assignments;
  }

  public Details of(JiaoliuUser user, long id) {
    RotationApplication a = applications.get(user, id);
    Map<Long, List<Consultations.Consultation>> consulted = a.processInstanceKey() == null ? Map.of()
        : consultations.ofInstance(a.processInstanceKey()).stream()
            .collect(Collectors.groupingBy(Consultations.Consultation::taskId));
    List<Opinion> opinions = a.processInstanceKey() == null ? List.of()
        : tasks.completedOf(a.processInstanceKey()).stream()
            .map(t -> opinion(t, consulted.getOrDefault(t.id(), List.of()))).toList();
    return new Details(a, schoolName(a.homeSchoolCode()), schoolName(a.targetSchoolCode()),
        rules.batch(a.batchId()).map(Batches.Batch::name).orElse(""), opinions,
        audit.of(ApplicationService.SUBJECT, id), assignments.of(id),
        a.teacherUsername().equals(user.username()) && ApplicationStatus.WITHDRAWABLE.contains(a.status()),
        progress.of(user, ProcessIds.ROTATION_APPLICATION, a.processInstanceKey()));
  }

  private Opinion opinion(TaskView t, List<Consultations.Consultation> consulted) {
    Map<String, Object> submitted = tasks.submission(t);
    String signerName = t.completedBy() == null ? null : t.signerName();
    return new Opinion(t.elementId(), (String) submitted.get("decision"), (String) submitted.get("comment"),
        t.completedBy(), signerName, t.closedAt(), consulted);
  }

  private String schoolName(String code) {
    return schools.findById(code).map(s -> s.name()).orElse(code);
  }

  public record Details(RotationApplication application, String homeSchoolName, String targetSchoolName,
      String batchName, List<Opinion> opinions, List<AuditTrail.AuditEvent> audit,
      Optional<AssignmentService.AssignmentView> assignment, boolean withdrawable, List<CaseProgress.Step> progress) {}

  /** One signed step: which, the decision, the comment, who and when. */
  /** A step's decision, and the opinions its holder asked for before deciding (征求意见). */
  public record Opinion(String step, String decision, String comment, String signer, String signerName,
      OffsetDateTime at, List<Consultations.Consultation> consulted) {}
}
