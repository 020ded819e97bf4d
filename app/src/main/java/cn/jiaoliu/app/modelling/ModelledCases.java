package cn.jiaoliu.app.modelling;

import cn.jiaoliu.app.programme.SchoolDirectory;
import cn.jiaoliu.app.security.JiaoliuUser;
import cn.jiaoliu.app.security.Role;
import cn.jiaoliu.app.tasklist.CaseGrants;
import cn.jiaoliu.app.tasklist.TaskService;
import cn.jiaoliu.app.tasklist.TaskSubjectProvider;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * What the inbox says of the steps of every process deployed through Jiaoliu: the case (started
 * from the catalogue) by its process and title, whose it is, its school and district (the district's
 * office supervises overdue steps), and who may read it: the starter, the office of its district,
 * the principals of its school, and whoever has or had a step of it or was granted a reading.
 */
@Component
class ModelledCases implements TaskSubjectProvider {

  private final ProcessCases cases;
  private final SchoolDirectory schools;
  private final ObjectProvider<TaskService> tasks;
  private final ObjectProvider<CaseGrants> grants;

  ModelledCases(ProcessCases cases, SchoolDirectory schools, ObjectProvider<TaskService> tasks,
      ObjectProvider<CaseGrants> grants) {
    this.cases = cases;
    this.schools = schools;
    this.tasks = tasks;
    this.grants = grants;
  }

  @Override
  public boolean anyProcess() {
    return true;
  }

  @Override
  public Cases cases() {
    return new Cases("*", ProcessCase.SUBJECT, "jiaoliuCaseId");
  }

  /**
   * An instance started outside the app (zbctl, another client) of a process deployed through it
   * carries no case id: the app opens a case for it, so that it is seen in the operations view and
   * the statistics like the others; a process the app did not deploy has no case.
   */
  @Override
  public Long subjectIdOfArrival(Map<String, Object> variables, long processInstanceKey, long processDefinitionKey) {
    Long id = subjectId(variables);
    return id != null ? id : cases.ofInstanceStartedElsewhere(processInstanceKey, processDefinitionKey).orElse(null);
  }

  @Override
  public Optional<String> owner(long subjectId) {
    return cases.find(subjectId).map(ProcessCase::starter).filter(s -> !ProcessCase.ELSEWHERE.equals(s));
  }

  @Override
  public TaskSubject describe(Map<String, Object> variables) {
    Long id = subjectId(variables);
    Optional<ProcessCase> found = id == null ? Optional.empty() : cases.find(id);
    return found.map(c -> new TaskSubject("case.process.subject", new Object[] {c.title(), String.valueOf(c.id())},
        "/processes/cases/" + c.id()))
        .orElse(new TaskSubject("task.subject.unknown", new Object[] {String.valueOf(id)}, null));
  }

  @Override
  public CaseAttributes attributes(long subjectId) {
    return cases.find(subjectId).map(c -> new CaseAttributes(null, c.schoolCode(), null, null, c.districtCode(),
        c.starterName())).orElse(CaseAttributes.NONE);
  }


  @Override
  public long ownInstance(long subjectId, long processInstanceKey) {
    return cases.ownInstance(subjectId, processInstanceKey);
  }

  @Override
  public boolean readable(JiaoliuUser user, long subjectId) {
    return cases.find(subjectId).map(c -> user.username().equals(c.starter())
        || user.has(Role.TEACHING_OFFICE) && c.districtCode() != null && c.districtCode().equals(user.districtCode())
        || user.has(Role.PRINCIPAL) && c.schoolCode() != null && c.schoolCode().equals(user.schoolCode())
        || tasks.getObject().hasStepOf(user, ProcessCase.SUBJECT, subjectId)
        || grants.getIfAvailable() != null && grants.getObject().granted(ProcessCase.SUBJECT, subjectId, user.username()))
        .orElse(false);
  }

  @Override
  public Map<Long, CaseSummary> summaries(Collection<Long> subjectIds) {
    Map<Long, CaseSummary> found = new HashMap<>();
    for (long id : subjectIds) {
      cases.find(id).ifPresent(c -> found.put(id, new CaseSummary(c.starterName(),
          c.schoolCode() == null ? null : schools.schoolNames(List.of(c.schoolCode())).get(c.schoolCode()), null, null,
          null, null, c.startedAt())));
    }
    return found;
  }
}
