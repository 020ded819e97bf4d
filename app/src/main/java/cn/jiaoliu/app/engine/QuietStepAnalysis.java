package cn.jiaoliu.app.engine;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.Activity;
import io.camunda.zeebe.model.bpmn.instance.BoundaryEvent;
import io.camunda.zeebe.model.bpmn.instance.CallActivity;
import io.camunda.zeebe.model.bpmn.instance.EndEvent;
import io.camunda.zeebe.model.bpmn.instance.EventDefinition;
import io.camunda.zeebe.model.bpmn.instance.MessageEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.MultiInstanceLoopCharacteristics;
import io.camunda.zeebe.model.bpmn.instance.Process;
import io.camunda.zeebe.model.bpmn.instance.StartEvent;
import io.camunda.zeebe.model.bpmn.instance.SubProcess;
import io.camunda.zeebe.model.bpmn.instance.TerminateEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.UserTask;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeCalledElement;
import java.io.ByteArrayInputStream;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

/**
 * Reads BPMN models for the user tasks that nothing in the engine can end by itself: no interrupting
 * boundary event on the task or on a sub-process around it, no interrupting event sub-process and no
 * terminate end event in any scope around it, no multi-instance completion condition on the way, and
 * a process no model calls (a call activity's own boundary events would end it from outside).
 * Interrupting message events count as quiet only for messages the app sends itself after closing
 * the tasks it ends. Anything not recognised as quiet is not quiet.
 */
final class QuietStepAnalysis {

  private QuietStepAnalysis() {}

  /** Per BPMN process id, the ids of its quiet user tasks. */
  static Map<String, Set<String>> quietSteps(Collection<byte[]> models, Set<String> messagesTheAppHandles) {
    List<BpmnModelInstance> read = models.stream().map(bytes -> Bpmn.readModelFromStream(new ByteArrayInputStream(bytes)))
        .toList();
    Set<String> called = new HashSet<>();
    for (BpmnModelInstance model : read) {
      for (CallActivity call : model.getModelElementsByType(CallActivity.class)) {
        ZeebeCalledElement element = call.getSingleExtensionElement(ZeebeCalledElement.class);
        // a called element given by an expression could be any process: then none is quiet
        called.add(element == null || element.getProcessId() == null || element.getProcessId().startsWith("=")
            ? "*" : element.getProcessId());
      }
    }
    Map<String, Set<String>> quiet = new HashMap<>();
    for (BpmnModelInstance model : read) {
      for (UserTask task : model.getModelElementsByType(UserTask.class)) {
        Process process = processOf(task);
        if (process == null || called.contains("*") || called.contains(process.getId())) {
          continue;
        }
        if (quiet(model, task, messagesTheAppHandles)) {
          quiet.computeIfAbsent(process.getId(), id -> new HashSet<>()).add(task.getId());
        }
      }
    }
    return quiet;
  }

  private static boolean quiet(BpmnModelInstance model, Activity task, Set<String> messagesTheAppHandles) {
    ModelElementInstance scope = task;
    while (scope instanceof Activity activity) {
      for (BoundaryEvent boundary : model.getModelElementsByType(BoundaryEvent.class)) {
        if (boundary.getAttachedTo() == activity && boundary.cancelActivity()
            && !onlyMessagesTheAppHandles(boundary.getEventDefinitions(), messagesTheAppHandles)) {
          return false;
        }
      }
      if (activity.getLoopCharacteristics() instanceof MultiInstanceLoopCharacteristics loop
          && loop.getCompletionCondition() != null) {
        return false;
      }
      ModelElementInstance container = activity.getParentElement();
      if (container == null) {
        return false;
      }
      for (ModelElementInstance sibling : container.getChildElementsByType(EndEvent.class)) {
        if (((EndEvent) sibling).getEventDefinitions().stream().anyMatch(TerminateEventDefinition.class::isInstance)) {
          return false;
        }
      }
      for (ModelElementInstance sibling : container.getChildElementsByType(SubProcess.class)) {
        SubProcess sub = (SubProcess) sibling;
        if (!sub.triggeredByEvent()) {
          continue;
        }
        for (ModelElementInstance start : sub.getChildElementsByType(StartEvent.class)) {
          StartEvent event = (StartEvent) start;
          if (event.isInterrupting() && !onlyMessagesTheAppHandles(event.getEventDefinitions(), messagesTheAppHandles)) {
            return false;
          }
        }
      }
      if (container instanceof Process) {
        return true;
      }
      scope = container;
    }
    return false;
  }

  private static boolean onlyMessagesTheAppHandles(Collection<EventDefinition> definitions, Set<String> handled) {
    return !definitions.isEmpty() && definitions.stream().allMatch(d -> d instanceof MessageEventDefinition m
        && m.getMessage() != null && handled.contains(m.getMessage().getName()));
  }

  private static Process processOf(ModelElementInstance element) {
    ModelElementInstance parent = element.getParentElement();
    while (parent != null && !(parent instanceof Process)) {
      parent = parent.getParentElement();
    }
    return (Process) parent;
  }
}
