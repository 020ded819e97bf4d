package cn.jiaoliu.app.tasklist;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** Used by the pages ({@code @taskSubjects.of(task)}) to name a task's case. */
@Component("taskSubjects")
class TaskSubjects {

  private static final TypeReference<Map<String, Object>> VARIABLES = new TypeReference<>() {};

  private final Map<String, TaskSubjectProvider> byProcess;
  private final ObjectMapper json;

  TaskSubjects(List<TaskSubjectProvider> providers, ObjectMapper json) {
    this.byProcess = providers.stream()
        .collect(Collectors.toUnmodifiableMap(TaskSubjectProvider::bpmnProcessId, Function.identity()));
    this.json = json;
  }

  public TaskSubjectProvider.TaskSubject of(TaskView task) {
    TaskSubjectProvider provider = byProcess.get(task.bpmnProcessId());
    if (provider == null) {
      return new TaskSubjectProvider.TaskSubject("task.subject.unknown", new Object[] {task.processInstanceKey()}, null);
    }
    return provider.describe(variables(task));
  }

  public Map<String, Object> variables(TaskView task) {
    try {
      return json.readValue(task.variables(), VARIABLES);
    } catch (Exception e) {
      return Map.of();
    }
  }
}
