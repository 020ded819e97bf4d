package cn.jiaoliu.app.application;

import cn.jiaoliu.app.programme.SchoolDirectory;
import cn.jiaoliu.app.security.JiaoliuUser;
import cn.jiaoliu.app.tasklist.TaskSubjectProvider;
import cn.jiaoliu.processes.ProcessIds;
import cn.jiaoliu.processes.application.ApplicationProcess;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** The rotation application's tasks: their application, its panel, what reminders and escalations say. */
@Component
class ApplicationTaskSubjects implements TaskSubjectProvider {

  private final RotationApplicationRepository applications;
  private final ObjectProvider<ApplicationDetails> details;
  private final ObjectProvider<ApplicationProgress> progress;
  private final SchoolDirectory directory;

  private final ObjectProvider<ApplicationService> service;

  ApplicationTaskSubjects(RotationApplicationRepository applications, ObjectProvider<ApplicationDetails> details,
      ObjectProvider<ApplicationProgress> progress, SchoolDirectory directory,
      ObjectProvider<ApplicationService> service) {
    this.service = service;
    this.directory = directory;
    this.applications = applications;
    this.details = details;
    this.progress = progress;
  }

  @Override
  public boolean readable(JiaoliuUser user, long subjectId) {
    return applications.findById(subjectId).map(a -> service.getObject().readable(user, a)).orElse(false);
  }

  @Override
  public Panel panel(JiaoliuUser user, long subjectId) {
    return new Panel("applications/panel", details.getObject().of(user, subjectId));
  }

  @Override
  public Cases cases() {
    return new Cases(ProcessIds.ROTATION_APPLICATION, ApplicationService.SUBJECT, "applicationId");
  }

  @Override
  public CaseAttributes attributes(long subjectId) {
    return applications.findById(subjectId)
        .map(a -> new CaseAttributes(a.batchId(), a.homeSchoolCode(), a.targetSchoolCode(), a.direction().name(),
            a.districtCode(), a.teacherName()))
        .orElse(CaseAttributes.NONE);
  }

  @Override
  public Notice dueNotice(long subjectId) {
    return new Notice("notification.reminder", subjectId, teacherName(subjectId));
  }

  @Override
  public Notice overdueNotice(long subjectId) {
    return new Notice("notification.overdue", subjectId, teacherName(subjectId));
  }

  @Override
  public Map<Long, CaseSummary> summaries(Collection<Long> subjectIds) {
    List<RotationApplication> found = applications.findAllById(subjectIds);
    Map<String, String> schools = directory.schoolNames(found.stream()
        .flatMap(a -> Stream.of(a.homeSchoolCode(), a.targetSchoolCode())).collect(Collectors.toSet()));
    Map<Long, CaseSummary> summaries = new HashMap<>();
    for (RotationApplication a : found) {
      summaries.put(a.id(), new CaseSummary(a.teacherName(), schools.getOrDefault(a.homeSchoolCode(), a.homeSchoolCode()),
          schools.getOrDefault(a.targetSchoolCode(), a.targetSchoolCode()), "direction." + a.direction().name(),
          a.subject(), a.yearsOfService(), a.createdAt()));
    }
    return summaries;
  }

  @Override
  public List<String> plannedSteps() {
    return List.of(ApplicationProcess.TASK_SIGN_OPINION, ApplicationProcess.TASK_ACCEPT_TEACHER,
        ApplicationProcess.TASK_APPROVE_APPLICATION);
  }

  /** A revision is applied to the application when it is sent: it is corrected by another revision, not taken back. */
  @Override
  public boolean recallable(String elementId) {
    return !ApplicationProcess.TASK_REVISE_APPLICATION.equals(elementId);
  }

  @Override
  public Optional<String> owner(long subjectId) {
    return applications.findById(subjectId).map(RotationApplication::teacherUsername);
  }

  @Override
  public String arrivalMessageKey(String elementId) {
    return ApplicationProcess.TASK_REVISE_APPLICATION.equals(elementId) ? "notification.returned"
        : "notification.taskArrived";
  }

  private String teacherName(long applicationId) {
    return applications.findById(applicationId).map(RotationApplication::teacherName).orElse("");
  }

  @Override
  public long ownInstance(long subjectId, long processInstanceKey) {
    return progress.getObject().ownInstance(subjectId, processInstanceKey);
  }

  @Override
  public TaskSubject describe(Map<String, Object> variables) {
    Long id = subjectId(variables);
    String teacher = id == null ? "" : teacherName(id);
    return new TaskSubject("task.subject.application", new Object[] {id, teacher}, "/applications/" + id);
  }
}
