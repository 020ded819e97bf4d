package cn.jiaoliu.app.sample;

import cn.jiaoliu.app.tasklist.TaskSubjectProvider;
import cn.jiaoliu.processes.ProcessIds;
import java.util.Map;
import org.springframework.stereotype.Component;

@Component
class SampleTaskSubjects implements TaskSubjectProvider {

  @Override
  public String bpmnProcessId() {
    return ProcessIds.SAMPLE_OPINION;
  }

  @Override
  public String subjectType() {
    return "SAMPLE";
  }

  @Override
  public Long subjectId(Map<String, Object> variables) {
    return variables.get("requestId") instanceof Number n ? n.longValue() : null;
  }

  @Override
  public TaskSubject describe(Map<String, Object> variables) {
    Object id = variables.get("requestId");
    return new TaskSubject("task.subject.sample", new Object[] {id}, "/sample/" + id);
  }
}
