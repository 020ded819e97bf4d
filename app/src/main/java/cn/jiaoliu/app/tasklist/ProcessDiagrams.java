package cn.jiaoliu.app.tasklist;

import cn.jiaoliu.processes.ProcessIds;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.BaseElement;
import io.camunda.zeebe.model.bpmn.instance.BoundaryEvent;
import io.camunda.zeebe.model.bpmn.instance.EndEvent;
import io.camunda.zeebe.model.bpmn.instance.Event;
import io.camunda.zeebe.model.bpmn.instance.FlowElement;
import io.camunda.zeebe.model.bpmn.instance.FlowNode;
import io.camunda.zeebe.model.bpmn.instance.Gateway;
import io.camunda.zeebe.model.bpmn.instance.Process;
import io.camunda.zeebe.model.bpmn.instance.SequenceFlow;
import io.camunda.zeebe.model.bpmn.instance.SubProcess;
import io.camunda.zeebe.model.bpmn.instance.UserTask;
import io.camunda.zeebe.model.bpmn.instance.bpmndi.BpmnEdge;
import io.camunda.zeebe.model.bpmn.instance.bpmndi.BpmnShape;
import io.camunda.zeebe.model.bpmn.instance.dc.Bounds;
import io.camunda.zeebe.model.bpmn.instance.di.Waypoint;
import java.io.IOException;
import java.io.InputStream;
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
  private static final int MARGIN = 12;

  private final Map<String, Optional<BpmnModelInstance>> models = new ConcurrentHashMap<>();
  private final MessageSource messages;

  ProcessDiagrams(MessageSource messages) {
    this.messages = messages;
  }

  /** A drawing: the SVG markup, and the human steps that may come next (element ids). */
  record Drawing(String svg, List<String> next) {}

  Optional<Drawing> draw(String bpmnProcessId, Set<String> done, Set<String> current, Locale locale) {
    return model(bpmnProcessId).map(model -> draw(model, bpmnProcessId, done, current, locale));
  }

  Drawing draw(BpmnModelInstance model, String bpmnProcessId, Set<String> done, Set<String> current, Locale locale) {
    List<String> next = next(model, current);
    return new Drawing(svg(model, bpmnProcessId, done, current, Set.copyOf(next), locale), next);
  }

  Optional<BpmnModelInstance> model(String bpmnProcessId) {
    return models.computeIfAbsent(bpmnProcessId, ProcessDiagrams::load);
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

  /** The human steps (or ends) reached from the current steps, through anything that is not one. */
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
      if (node instanceof UserTask || node instanceof EndEvent) {
        found.add(node.getId());
      } else {
        node.getOutgoing().forEach(f -> queue.add(f.getTarget()));
      }
    }
    return List.copyOf(found);
  }

  private String svg(BpmnModelInstance model, String processId, Set<String> done, Set<String> current,
      Set<String> next, Locale locale) {
    double minX = Double.MAX_VALUE;
    double minY = Double.MAX_VALUE;
    double maxX = 0;
    double maxY = 0;
    for (BpmnShape shape : model.getModelElementsByType(BpmnShape.class)) {
      Bounds b = shape.getBounds();
      minX = Math.min(minX, b.getX());
      minY = Math.min(minY, b.getY());
      maxX = Math.max(maxX, b.getX() + b.getWidth());
      maxY = Math.max(maxY, b.getY() + b.getHeight() + 18);
    }
    if (minX == Double.MAX_VALUE) {
      return "";
    }
    double width = maxX - minX + 2 * MARGIN;
    double height = maxY - minY + 2 * MARGIN;
    StringBuilder svg = new StringBuilder();
    svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"bpmn\" role=\"img\""
        + " width=\"%.0f\" height=\"%.0f\" viewBox=\"%.0f %.0f %.0f %.0f\">", width, height, minX - MARGIN,
        minY - MARGIN, width, height));
    svg.append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\""
        + " markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#7b8794\"/>"
        + "</marker></defs>");
    for (BpmnEdge edge : model.getModelElementsByType(BpmnEdge.class)) {
      StringBuilder points = new StringBuilder();
      for (Waypoint w : edge.getWaypoints()) {
        points.append(String.format(Locale.ROOT, "%.0f,%.0f ", w.getX(), w.getY()));
      }
      svg.append("<polyline class=\"flow\" points=\"").append(points.toString().strip())
          .append("\" marker-end=\"url(#arrow)\"/>");
      if (edge.getBpmnElement() instanceof SequenceFlow flow && flow.getName() != null && !flow.getName().isBlank()
          && !edge.getWaypoints().isEmpty()) {
        Waypoint first = edge.getWaypoints().iterator().next();
        svg.append(String.format(Locale.ROOT, "<text class=\"flow-label\" x=\"%.0f\" y=\"%.0f\">%s</text>",
            first.getX() + 4, first.getY() - 4, SvgText.escape(flow.getName())));
      }
    }
    for (BpmnShape shape : model.getModelElementsByType(BpmnShape.class)) {
      BaseElement element = shape.getBpmnElement();
      if (element == null) {
        continue;
      }
      Bounds b = shape.getBounds();
      String id = element.getId();
      String state = current.contains(id) ? "current" : done.contains(id) ? "done" : next.contains(id) ? "next" : "";
      String name = name(element, processId, locale);
      svg.append("<g class=\"node ").append(kind(element)).append(' ').append(state).append("\"><title>")
          .append(SvgText.escape(name)).append("</title>");
      double cx = b.getX() + b.getWidth() / 2;
      double cy = b.getY() + b.getHeight() / 2;
      if (element instanceof Event) {
        svg.append(String.format(Locale.ROOT, "<circle cx=\"%.0f\" cy=\"%.0f\" r=\"%.0f\"/>", cx, cy,
            b.getWidth() / 2));
        SvgText.label(svg, name, cx, b.getY() + b.getHeight() + 14, element instanceof BoundaryEvent ? 0 : 8);
      } else if (element instanceof Gateway) {
        svg.append(String.format(Locale.ROOT, "<path d=\"M%.0f,%.0f L%.0f,%.0f L%.0f,%.0f L%.0f,%.0f z\"/>",
            cx, b.getY(), b.getX() + b.getWidth(), cy, cx, b.getY() + b.getHeight(), b.getX(), cy));
      } else {
        svg.append(String.format(Locale.ROOT, "<rect x=\"%.0f\" y=\"%.0f\" width=\"%.0f\" height=\"%.0f\" rx=\"8\"/>",
            b.getX(), b.getY(), b.getWidth(), b.getHeight()));
        if (!(element instanceof SubProcess)) {
          SvgText.wrapped(svg, name, cx, cy, b.getWidth() - 8, b.getHeight() - 6, element instanceof UserTask ? 13 : 11);
        }
      }
      svg.append("</g>");
    }
    return svg.append("</svg>").toString();
  }

  private static String kind(BaseElement element) {
    if (element instanceof UserTask) {
      return "human";
    }
    if (element instanceof BoundaryEvent) {
      return "timer";
    }
    if (element instanceof Event) {
      return "event";
    }
    if (element instanceof Gateway) {
      return "gateway";
    }
    return element instanceof SubProcess ? "subprocess" : "auto";
  }

  /** A human step's name in the reader's language where the app has one, else the model's name. */
  String name(BaseElement element, String processId, Locale locale) {
    String modelled = element instanceof FlowElement f && f.getName() != null ? f.getName() : "";
    if (element instanceof UserTask) {
      return messages.getMessage("task." + processId + "." + element.getId(), null, modelled, locale);
    }
    return modelled;
  }
}
