package cn.jiaoliu.app.application;

import cn.jiaoliu.app.security.JiaoliuUser;
import cn.jiaoliu.app.tasklist.TaskSubjectProvider;
import cn.jiaoliu.processes.ProcessIds;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** The rotation application's tasks: their application, its panel, what reminders and escalations say. */
@Component
class ApplicationTaskSubjects implements TaskSubjectProvider {

  private final RotationApplicationRepository applications;
  private final ObjectProvider<ApplicationDetails> details;
  private final ObjectProvider<ApplicationProgress> progress;

  ApplicationTaskSubjects(RotationApplicationRepository applications, ObjectProvider<ApplicationDetails> details,
      ObjectProvider<ApplicationProgress> progress) {
    this.applications = applications;
    this.details = details;
    this.progress = progress;
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
            a.districtCode()))
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
