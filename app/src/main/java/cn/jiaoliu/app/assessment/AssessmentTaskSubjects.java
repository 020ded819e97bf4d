package cn.jiaoliu.app.assessment;

import cn.jiaoliu.app.security.JiaoliuUser;
import cn.jiaoliu.app.tasklist.TaskSubjectProvider;
import cn.jiaoliu.processes.ProcessIds;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** The annual assessment's tasks: their assessment, its panel, what reminders and escalations say. */
@Component
class AssessmentTaskSubjects implements TaskSubjectProvider {

  private static final Cases CASES = new Cases(ProcessIds.ANNUAL_ASSESSMENT, AssessmentService.SUBJECT, "assessmentId");

  private final AnnualAssessmentRepository assessments;
  // the services use the inbox, which uses this provider: looked up when first needed
  private final ObjectProvider<AssessmentService> service;
  private final ObjectProvider<AssessmentProgress> progress;

  AssessmentTaskSubjects(AnnualAssessmentRepository assessments, ObjectProvider<AssessmentService> service,
      ObjectProvider<AssessmentProgress> progress) {
    this.assessments = assessments;
    this.service = service;
    this.progress = progress;
  }

  @Override
  public Cases cases() {
    return CASES;
  }

  /** An assessment's tasks are filed under the teacher's dispatching and receiving school. */
  @Override
  public CaseAttributes attributes(long subjectId) {
    return assessments.findById(subjectId)
        .map(a -> new CaseAttributes(null, a.dispatchingSchoolCode(), a.receivingSchoolCode(), null, a.districtCode()))
        .orElse(CaseAttributes.NONE);
  }

  @Override
  public Notice dueNotice(long subjectId) {
    var a = assessments.findById(subjectId);
    return new Notice("notification.assessmentReminder", a.map(AnnualAssessment::teacherName).orElse(""),
        a.map(AnnualAssessment::schoolYear).orElse(""));
  }

  @Override
  public Notice overdueNotice(long subjectId) {
    var a = assessments.findById(subjectId);
    return new Notice("notification.assessmentOverdue", a.map(AnnualAssessment::teacherName).orElse(""),
        a.map(AnnualAssessment::schoolYear).orElse(""));
  }

  @Override
  public TaskSubject describe(Map<String, Object> variables) {
    Long id = subjectId(variables);
    var a = id == null ? null : assessments.findById(id).orElse(null);
    return new TaskSubject("task.subject.assessment",
        new Object[] {a == null ? "" : a.schoolYear(), a == null ? "" : a.teacherName()}, "/assessments/" + id);
  }

  @Override
  public Panel panel(JiaoliuUser user, long subjectId) {
    return new Panel("assessments/panel", service.getObject().get(user, subjectId));
  }

  @Override
  public long ownInstance(long subjectId, long processInstanceKey) {
    return progress.getObject().ownInstance(subjectId, processInstanceKey);
  }
}
