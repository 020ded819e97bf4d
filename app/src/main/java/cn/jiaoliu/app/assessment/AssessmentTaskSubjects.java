package cn.jiaoliu.app.assessment;

import cn.jiaoliu.app.programme.SchoolDirectory;
import cn.jiaoliu.app.security.JiaoliuUser;
import cn.jiaoliu.app.tasklist.TaskSubjectProvider;
import cn.jiaoliu.processes.ProcessIds;
import cn.jiaoliu.processes.assessment.AssessmentProcess;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
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
  private final SchoolDirectory directory;

  AssessmentTaskSubjects(AnnualAssessmentRepository assessments, ObjectProvider<AssessmentService> service,
      ObjectProvider<AssessmentProgress> progress, SchoolDirectory directory) {
    this.directory = directory;
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
    return assessments.filing(subjectId)
        .map(a -> new CaseAttributes(null, a.dispatchingSchoolCode(), a.receivingSchoolCode(), null, a.districtCode(),
            a.teacherName()))
        .orElse(CaseAttributes.NONE);
  }

  @Override
  public Map<Long, CaseSummary> summaries(Collection<Long> subjectIds) {
    List<AnnualAssessment> found = assessments.findAllById(subjectIds);
    Map<String, String> schools = directory.schoolNames(found.stream()
        .flatMap(a -> Stream.of(a.dispatchingSchoolCode(), a.receivingSchoolCode())).collect(Collectors.toSet()));
    Map<Long, CaseSummary> summaries = new HashMap<>();
    for (AnnualAssessment a : found) {
      summaries.put(a.id(), new CaseSummary(a.teacherName(),
          schools.getOrDefault(a.dispatchingSchoolCode(), a.dispatchingSchoolCode()),
          schools.getOrDefault(a.receivingSchoolCode(), a.receivingSchoolCode()), null, null, null, a.createdAt()));
    }
    return summaries;
  }

  @Override
  public List<String> plannedSteps() {
    return List.of(AssessmentProcess.TASK_WRITE_SELF_EVALUATION, AssessmentProcess.TASK_ASSESS_TEACHER,
        AssessmentProcess.TASK_SIGN_DISPATCHING_OPINION, AssessmentProcess.TASK_APPROVE_ASSESSMENT);
  }

  @Override
  public Optional<String> owner(long subjectId) {
    return assessments.findById(subjectId).map(AnnualAssessment::teacherUsername);
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
    var a = id == null ? null : assessments.filing(id).orElse(null);
    return new TaskSubject("task.subject.assessment",
        new Object[] {a == null ? "" : a.schoolYear(), a == null ? "" : a.teacherName()}, "/assessments/" + id);
  }

  @Override
  public boolean readable(JiaoliuUser user, long subjectId) {
    return assessments.findById(subjectId).map(a -> service.getObject().readable(user, a)).orElse(false);
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
