package cn.jiaoliu.app.tasklist;

import cn.jiaoliu.app.security.JiaoliuUser;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** Used by the pages ({@code @taskSubjects.of(task)}) to name a task's case. */
@Component("taskSubjects")
class TaskSubjects {

  private static final TypeReference<Map<String, Object>> VARIABLES = new TypeReference<>() {};

  private final Map<String, TaskSubjectProvider> own;
  private final TaskSubjectProvider anyProcess;
  private final ObjectMapper json;

  TaskSubjects(ObjectProvider<TaskSubjectProvider> providers, ObjectMapper json) {
    this.own = providers.orderedStream().filter(p -> !p.anyProcess())
        .collect(Collectors.toUnmodifiableMap(TaskSubjectProvider::bpmnProcessId, Function.identity()));
    this.anyProcess = providers.orderedStream().filter(TaskSubjectProvider::anyProcess).findFirst().orElse(null);
    this.json = json;
  }

  /** The provider of a process: its own, else the one of every modelled process (null when none). */
  private TaskSubjectProvider providerOf(String bpmnProcessId) {
    TaskSubjectProvider provider = own.get(bpmnProcessId);
    return provider != null ? provider : anyProcess;
  }

  public TaskSubjectProvider.TaskSubject of(TaskView task) {
    TaskSubjectProvider provider = providerOf(task.bpmnProcessId());
    if (provider == null || provider.anyProcess() && task.subjectId() == null) {
      // an instance started outside the app: named by its key, written as the engine writes it
      return new TaskSubjectProvider.TaskSubject("task.subject.unknown",
          new Object[] {String.valueOf(task.processInstanceKey())}, null);
    }
    return provider.describe(variables(task));
  }

  public Map<String, Object> variables(TaskView task) {
    return read(task.variables());
  }

  Map<String, Object> read(String variables) {
    try {
      return json.readValue(variables, VARIABLES);
    } catch (Exception e) {
      return Map.of();
    }
  }

  /** The case a task belongs to, or null when no provider knows the process. */
  Subject subjectOf(String bpmnProcessId, Map<String, Object> variables, long processInstanceKey,
      long processDefinitionKey) {
    TaskSubjectProvider provider = providerOf(bpmnProcessId);
    if (provider == null) {
      return null;
    }
    Long id = provider.subjectIdOfArrival(variables, processInstanceKey, processDefinitionKey);
    return id == null ? null : new Subject(provider.subjectType(), id, provider.attributes(id));
  }

  record Subject(String type, long id, TaskSubjectProvider.CaseAttributes attributes) {}

  /** A case's name and page, by its kind and id (as a task of it would name it); unknown kinds by number. */
  TaskSubjectProvider.TaskSubject describeCase(String subjectType, long subjectId) {
    return providerOfSubject(subjectType)
        .map(p -> p.describe(Map.of(p.cases().idVariable(), subjectId)))
        .orElse(new TaskSubjectProvider.TaskSubject("task.subject.unknown", new Object[] {String.valueOf(subjectId)},
            null));
  }

  /** The provider of a kind of case ({@code APPLICATION}), if any. */
  Optional<TaskSubjectProvider> providerOfSubject(String subjectType) {
    return Stream.concat(own.values().stream(), Stream.ofNullable(anyProcess))
        .filter(p -> p.subjectType().equals(subjectType)).findFirst();
  }

  /** The provider of a process's tasks, if any. */
  Optional<TaskSubjectProvider> provider(String bpmnProcessId) {
    return Optional.ofNullable(providerOf(bpmnProcessId));
  }

  /**
   * Whether this instance is the case's own (see {@link TaskSubjectProvider#ownInstance}); true for
   * tasks of a process without a provider or of no case.
   */
  boolean ownInstance(String bpmnProcessId, Long subjectId, long processInstanceKey) {
    TaskSubjectProvider provider = providerOf(bpmnProcessId);
    return provider == null || subjectId == null
        || provider.ownInstance(subjectId, processInstanceKey) == processInstanceKey;
  }

  /** The case panel of a task page, or null. */
  public TaskSubjectProvider.Panel panelOf(JiaoliuUser user, TaskView task) {
    TaskSubjectProvider provider = providerOf(task.bpmnProcessId());
    return provider == null || task.subjectId() == null ? null : provider.panel(user, task.subjectId());
  }
}
