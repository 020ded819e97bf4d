package cn.jiaoliu.app.assessment;

import cn.jiaoliu.app.security.JiaoliuUser;
import cn.jiaoliu.app.tasklist.TaskSubjectProvider;
import cn.jiaoliu.processes.ProcessIds;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

@Component
class AssessmentTaskSubjects implements TaskSubjectProvider {

  private final AnnualAssessmentRepository assessments;
  private final ObjectProvider<AssessmentService> service;
  private final ObjectProvider<AssessmentProgress> progress;

  AssessmentTaskSubjects(AnnualAssessmentRepository assessments, ObjectProvider<AssessmentService> service,
      ObjectProvider<AssessmentProgress> progress) {
    this.assessments = assessments;
    this.service = service;
    this.progress = progress;
  }

  @Override
  public String bpmnProcessId() {
    return ProcessIds.ANNUAL_ASSESSMENT;
  }

  @Override
  public String subjectType() {
    return AssessmentService.SUBJECT;
  }

  @Override
  public Long subjectId(Map<String, Object> variables) {
    return variables.get("assessmentId") instanceof Number n ? n.longValue() : null;
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
  public long ownInstance(long subjectId, long processInstanceKey) {
    return progress.getObject().ownInstance(subjectId, processInstanceKey);
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
}
