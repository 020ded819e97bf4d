package cn.jiaoliu.app.tasklist;

import cn.jiaoliu.processes.ProcessIds;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.Activity;
import io.camunda.zeebe.model.bpmn.instance.BaseElement;
import io.camunda.zeebe.model.bpmn.instance.BoundaryEvent;
import io.camunda.zeebe.model.bpmn.instance.EndEvent;
import io.camunda.zeebe.model.bpmn.instance.FlowElement;
import io.camunda.zeebe.model.bpmn.instance.FlowNode;
import io.camunda.zeebe.model.bpmn.instance.Lane;
import io.camunda.zeebe.model.bpmn.instance.Participant;
import io.camunda.zeebe.model.bpmn.instance.Process;
import io.camunda.zeebe.model.bpmn.instance.StartEvent;
import io.camunda.zeebe.model.bpmn.instance.SubProcess;
import io.camunda.zeebe.model.bpmn.instance.UserTask;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Draws a deployed process as SVG from its BPMN diagram interchange (the shapes and flows its
 * modeller laid out), read with the BPMN model API: human steps large and named in the reader's
 * language, automated steps and timers small and light; finished steps green, the current ones
 * blue, the steps that may come next (following the flows from the current ones through gateways
 * and automated steps to the next human step) dashed orange. Every text is escaped: models are
 * written by users.
 */
@Component
class ProcessDiagrams {

  private static final Logger log = LoggerFactory.getLogger(ProcessDiagrams.class);

  private final Map<String, Optional<BpmnModelInstance>> models = new ConcurrentHashMap<>();
  private final Map<Long, Optional<BpmnModelInstance>> versions = new ConcurrentHashMap<>();
  private final MessageSource messages;
  private final List<ProcessModelSource> sources;

  ProcessDiagrams(MessageSource messages, List<ProcessModelSource> sources) {
    this.messages = messages;
    this.sources = List.copyOf(sources);
  }

  /**
   * A drawing: the SVG markup, and what may come next: the human steps and ends reached from the
   * current steps, by id with their names in the reader's language.
   */
  record Drawing(String svg, List<Next> next) {}

  /** A step that may come next: its element id, its name, and whether it ends the process. */
  record Next(String elementId, String name, boolean end) {}

  /**
   * The process drawn with a case's progress: {@code done} the element ids of finished steps,
   * {@code current} the element ids of the steps the case waits at, each with what its title adds
   * (who holds it, since when). Empty for a process the app does not deploy, or whose diagram
   * cannot be drawn (the case's page shows its progress without it).
   */
  Optional<Drawing> draw(String bpmnProcessId, Set<String> done, Map<String, String> current, Locale locale) {
    return draw(bpmnProcessId, null, done, current, locale);
  }

  /** As above, for one version of a process deployed through the app (null: its newest). */
  Optional<Drawing> draw(String bpmnProcessId, Long processDefinitionKey, Set<String> done,
      Map<String, String> current, Locale locale) {
    return model(bpmnProcessId, processDefinitionKey).flatMap(model -> {
      try {
        return Optional.of(draw(model, bpmnProcessId, done, current, locale));
      } catch (RuntimeException e) {
        log.warn("could not draw the diagram of {}: {}", bpmnProcessId, e.toString());
        return Optional.empty();
      }
    });
  }

  Drawing draw(BpmnModelInstance model, String bpmnProcessId, Set<String> done, Map<String, String> current,
      Locale locale) {
    // the model's DOM is not safe for concurrent reading: one drawing of a model at a time
    synchronized (model) {
      Set<String> finished = new LinkedHashSet<>(done);
      if (!done.isEmpty() || !current.isEmpty()) {
        startEvents(model, bpmnProcessId).forEach(finished::add);
      }
      List<Next> next = next(model, current.keySet()).stream().map(id -> model.<BaseElement>getModelElementById(id))
          .map(e -> new Next(e.getId(), name(e, bpmnProcessId, locale), e instanceof EndEvent)).toList();
      String svg = new DiagramSvg(model, bpmnProcessId, e -> name(e, bpmnProcessId, locale)).draw(
          label(model, bpmnProcessId, locale), finished, current,
          next.stream().map(Next::elementId).collect(Collectors.toSet()));
      return new Drawing(svg, next);
    }
  }

  Optional<BpmnModelInstance> model(String bpmnProcessId) {
    return model(bpmnProcessId, null);
  }

  /**
   * The app's own model of a process, else the version deployed through the app (its newest when
   * no version is given); a version is read once, the newest each time (it changes with a deployment).
   */
  Optional<BpmnModelInstance> model(String bpmnProcessId, Long processDefinitionKey) {
    Optional<BpmnModelInstance> compiled = models.computeIfAbsent(bpmnProcessId, ProcessDiagrams::load);
    if (compiled.isPresent() || sources.isEmpty()) {
      return compiled;
    }
    if (processDefinitionKey != null) {
      return versions.computeIfAbsent(processDefinitionKey, k -> sources.stream()
          .map(s -> s.bpmn(k)).flatMap(Optional::stream).findFirst().flatMap(ProcessDiagrams::parse));
    }
    return sources.stream().map(s -> s.latestBpmn(bpmnProcessId)).flatMap(Optional::stream).findFirst()
        .flatMap(ProcessDiagrams::parse);
  }

  private static Optional<BpmnModelInstance> parse(String xml) {
    try {
      return Optional.of(Bpmn.readModelFromStream(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))));
    } catch (RuntimeException e) {
      log.warn("could not read a deployed model: {}", e.toString());
      return Optional.empty();
    }
  }

  private static Optional<BpmnModelInstance> load(String bpmnProcessId) {
    try {
      for (Resource r : new PathMatchingResourcePatternResolver().getResources(ProcessIds.RESOURCES)) {
        if (r.getFilename() == null || !r.getFilename().endsWith(".bpmn")) {
          continue;
        }
        try (InputStream in = r.getInputStream()) {
          BpmnModelInstance model = Bpmn.readModelFromStream(in);
          if (model.getModelElementById(bpmnProcessId) instanceof Process) {
            return Optional.of(model);
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      log.warn("could not read the model of {}: {}", bpmnProcessId, e.toString());
    }
    return Optional.empty();
  }

  /** The process's own start events: a case that has any step has passed them. */
  private static List<String> startEvents(BpmnModelInstance model, String bpmnProcessId) {
    return model.getModelElementById(bpmnProcessId) instanceof Process p
        ? p.getChildElementsByType(StartEvent.class).stream().map(StartEvent::getId).toList() : List.of();
  }

  /**
   * The human steps and ends reached from the current steps through anything that is not one:
   * gateways (every branch), automated steps (with their interrupting boundary events: an error
   * leads elsewhere) and intermediate events; an embedded sub-process is entered at its start and
   * left by its outgoing flows when its end is reached.
   */
  static List<String> next(BpmnModelInstance model, Set<String> current) {
    Set<String> found = new LinkedHashSet<>();
    Set<String> seen = new HashSet<>();
    Deque<FlowNode> queue = new ArrayDeque<>();
    for (String id : current) {
      if (model.getModelElementById(id) instanceof FlowNode node) {
        node.getOutgoing().forEach(f -> queue.add(f.getTarget()));
      }
    }
    while (!queue.isEmpty()) {
      FlowNode node = queue.poll();
      if (!seen.add(node.getId())) {
        continue;
      }
      if (node instanceof UserTask) {
        found.add(node.getId());
      } else if (node instanceof EndEvent && node.getParentElement() instanceof SubProcess sub
          && !sub.triggeredByEvent()) {
        sub.getOutgoing().forEach(f -> queue.add(f.getTarget()));
      } else if (node instanceof EndEvent) {
        found.add(node.getId());
      } else if (node instanceof SubProcess sub && !sub.triggeredByEvent()) {
        queue.addAll(sub.getChildElementsByType(StartEvent.class));
      } else {
        node.getOutgoing().forEach(f -> queue.add(f.getTarget()));
        if (node instanceof Activity) {
          model.getModelElementsByType(BoundaryEvent.class).stream()
              .filter(b -> b.cancelActivity() && b.getAttachedTo() != null
                  && b.getAttachedTo().getId().equals(node.getId())).forEach(queue::add);
        }
      }
    }
    return List.copyOf(found);
  }

  /** A step's name in the reader's language (see below), its element id where the model has no such element. */
  String stepName(String bpmnProcessId, String elementId, Locale locale) {
    return stepName(bpmnProcessId, null, elementId, locale);
  }

  String stepName(String bpmnProcessId, Long processDefinitionKey, String elementId, Locale locale) {
    return model(bpmnProcessId, processDefinitionKey).map(model -> {
      synchronized (model) {
        BaseElement element = model.getModelElementById(elementId);
        return element == null ? elementId : name(element, bpmnProcessId, locale);
      }
    }).orElse(elementId);
  }

  /** A human step's name in the reader's language where the app has one, else the model's name. */
  /** The drawing's name for a screen reader: 流程图：and the process's name, if it has one. */
  private String label(BpmnModelInstance model, String bpmnProcessId, Locale locale) {
    String title = messages.getMessage("diagram.title", null, "", locale);
    String name = model.getModelElementById(bpmnProcessId) instanceof Process p ? p.getName() : null;
    if (name == null || name.isBlank()) {
      return title;
    }
    String label = messages.getMessage("diagram.label", new Object[] {title, name}, null, locale);
    return label == null ? (title + " " + name).strip() : label;
  }

  String name(BaseElement element, String processId, Locale locale) {
    String named = element instanceof FlowElement f ? f.getName()
        : element instanceof Participant p ? p.getName() : element instanceof Lane l ? l.getName() : null;
    String modelled = named == null ? "" : named;
    if (element instanceof UserTask) {
      return messages.getMessage("task." + processId + "." + element.getId(), null, modelled, locale);
    }
    return modelled;
  }
}
