package cn.jiaoliu.app.tasklist;

import static cn.jiaoliu.app.tasklist.SvgText.escape;
import static cn.jiaoliu.app.tasklist.SvgText.eventLabel;
import static cn.jiaoliu.app.tasklist.SvgText.format;
import static cn.jiaoliu.app.tasklist.SvgText.textWidth;
import static cn.jiaoliu.app.tasklist.SvgText.wrapped;

import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.BaseElement;
import io.camunda.zeebe.model.bpmn.instance.BoundaryEvent;
import io.camunda.zeebe.model.bpmn.instance.Collaboration;
import io.camunda.zeebe.model.bpmn.instance.Event;
import io.camunda.zeebe.model.bpmn.instance.FlowNode;
import io.camunda.zeebe.model.bpmn.instance.Gateway;
import io.camunda.zeebe.model.bpmn.instance.Lane;
import io.camunda.zeebe.model.bpmn.instance.Participant;
import io.camunda.zeebe.model.bpmn.instance.Process;
import io.camunda.zeebe.model.bpmn.instance.SequenceFlow;
import io.camunda.zeebe.model.bpmn.instance.SubProcess;
import io.camunda.zeebe.model.bpmn.instance.UserTask;
import io.camunda.zeebe.model.bpmn.instance.bpmndi.BpmnDiagram;
import io.camunda.zeebe.model.bpmn.instance.bpmndi.BpmnEdge;
import io.camunda.zeebe.model.bpmn.instance.bpmndi.BpmnLabel;
import io.camunda.zeebe.model.bpmn.instance.bpmndi.BpmnPlane;
import io.camunda.zeebe.model.bpmn.instance.bpmndi.BpmnShape;
import io.camunda.zeebe.model.bpmn.instance.dc.Bounds;
import io.camunda.zeebe.model.bpmn.instance.di.DiagramElement;
import io.camunda.zeebe.model.bpmn.instance.di.Waypoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The SVG of one process model from its diagram interchange (shapes with bounds, edges with
 * waypoints): user tasks as rounded boxes with their names wrapped, automated steps the same but
 * smaller type and lighter, events as circles, gateways as diamonds, flows as polylines with
 * arrowheads and the names of conditional flows. Each node carries its state as a class
 * ({@code done}, {@code current}, {@code next}) and a {@code <title>}; every text is escaped.
 */
final class DiagramSvg {

  private static final int MARGIN = 12;
  /** The drawing's size on the page against the model's coordinates (wide models scroll sideways). */
  private static final double SCALE = 0.8;
  private static final int LABEL_FONT = 12;
  private static final String TEXT = " fill=\"#52606d\" font-size=\"" + LABEL_FONT + "\"";
  private static final int HUMAN_FONT = 15;
  private static final int AUTO_FONT = 12;

  private final List<BpmnShape> shapes = new ArrayList<>();
  private final List<BpmnEdge> edges = new ArrayList<>();
  private final Function<BaseElement, String> names;

  /** The drawing of the process's own diagram (its plane, or that of the collaboration it takes part in). */
  DiagramSvg(BpmnModelInstance model, String bpmnProcessId, Function<BaseElement, String> names) {
    this.names = names;
    BpmnPlane plane = plane(model, bpmnProcessId);
    if (plane != null) {
      for (DiagramElement element : plane.getDiagramElements()) {
        if (element instanceof BpmnShape shape && shape.getBounds() != null) {
          shapes.add(shape);
        } else if (element instanceof BpmnEdge edge && edge.getBpmnElement() instanceof SequenceFlow) {
          edges.add(edge);
        }
      }
    }
  }

  /**
   * The plane that draws the process: a collapsed sub-process has a plane of its own, whose shapes
   * would lie on top of the process's.
   */
  private static BpmnPlane plane(BpmnModelInstance model, String bpmnProcessId) {
    BpmnPlane first = null;
    for (BpmnDiagram diagram : model.getModelElementsByType(BpmnDiagram.class)) {
      BpmnPlane plane = diagram.getBpmnPlane();
      BaseElement element = plane == null ? null : plane.getBpmnElement();
      if (element instanceof Process p && p.getId().equals(bpmnProcessId)
          || element instanceof Collaboration c && c.getParticipants().stream()
              .anyMatch(part -> part.getProcess() != null && part.getProcess().getId().equals(bpmnProcessId))) {
        return plane;
      }
      first = first == null ? plane : first;
    }
    return first;
  }

  /**
   * The drawing, an image named {@code label} for those who cannot see it; {@code current} maps the
   * current steps to what their title adds (who holds them, since when), {@code done} and {@code next}
   * are element ids. Empty when the model has no shapes.
   */
  String draw(String label, Set<String> done, Map<String, String> current, Set<String> next) {
    double[] box = extent();
    if (box == null) {
      return "";
    }
    double width = box[2] - box[0] + 2 * MARGIN;
    double height = box[3] - box[1] + 2 * MARGIN;
    StringBuilder svg = new StringBuilder();
    svg.append(format("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"bpmn\" role=\"img\" aria-label=\"%s\""
        + " width=\"%.0f\" height=\"%.0f\" viewBox=\"%.0f %.0f %.0f %.0f\" font-family=\"sans-serif\">", escape(label),
        width * SCALE, height * SCALE, box[0] - MARGIN, box[1] - MARGIN, width, height));
    svg.append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\""
        + " markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#7b8794\"/>"
        + "</marker></defs>");
    // pools and lanes behind everything, then the flows, then the steps on them; annotations and data are left out
    for (BpmnShape shape : shapes) {
      if (shape.getBpmnElement() instanceof Participant || shape.getBpmnElement() instanceof Lane) {
        container(svg, shape);
      }
    }
    for (BpmnEdge edge : edges) {
      edge(svg, edge);
    }
    for (BpmnShape shape : shapes) {
      BaseElement element = shape.getBpmnElement();
      if (element instanceof FlowNode) {
        String id = element.getId();
        String state = current.containsKey(id) ? "current" : done.contains(id) ? "done" : next.contains(id) ? "next"
            : "";
        node(svg, shape, element, state, current.get(id));
      }
    }
    return svg.append("</svg>").toString();
  }

  /** The area the diagram covers: its shapes, their labels and the flows' points (min x, min y, max x, max y). */
  private double[] extent() {
    double[] box = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
    for (BpmnShape shape : shapes) {
      include(box, shape.getBounds());
      include(box, labelBounds(shape.getBpmnLabel()));
      if (shape.getBpmnElement() instanceof Event && !(shape.getBpmnElement() instanceof BoundaryEvent)) {
        // an event's name is written centred under it, as wide as it is
        Bounds b = shape.getBounds();
        double half = textWidth(eventLabel(names.apply(shape.getBpmnElement())), LABEL_FONT) / 2;
        double cx = b.getX() + b.getWidth() / 2;
        box[0] = Math.min(box[0], cx - half);
        box[2] = Math.max(box[2], cx + half);
        box[3] = Math.max(box[3], b.getY() + b.getHeight() + 18);
      }
    }
    for (BpmnEdge edge : edges) {
      for (Waypoint w : edge.getWaypoints()) {
        box[0] = Math.min(box[0], w.getX());
        box[1] = Math.min(box[1], w.getY());
        box[2] = Math.max(box[2], w.getX());
        box[3] = Math.max(box[3], w.getY());
      }
      include(box, labelBounds(edge.getBpmnLabel()));
    }
    return box[0] == Double.MAX_VALUE ? null : box;
  }

  private static void include(double[] box, Bounds b) {
    if (b != null) {
      box[0] = Math.min(box[0], b.getX());
      box[1] = Math.min(box[1], b.getY());
      box[2] = Math.max(box[2], b.getX() + b.getWidth());
      box[3] = Math.max(box[3], b.getY() + b.getHeight());
    }
  }

  /** A pool or a lane: an outline with its name in its top left corner. */
  private void container(StringBuilder svg, BpmnShape shape) {
    Bounds b = shape.getBounds();
    String name = names.apply(shape.getBpmnElement());
    svg.append(format("<g class=\"container\"><rect fill=\"none\" stroke=\"#cbd2d9\" x=\"%.0f\" y=\"%.0f\""
        + " width=\"%.0f\" height=\"%.0f\"/>", b.getX(), b.getY(), b.getWidth(), b.getHeight()));
    if (!name.isBlank()) {
      svg.append(format("<text class=\"flow-label\"" + TEXT + " x=\"%.0f\" y=\"%.0f\">%s</text>", b.getX() + 6,
          b.getY() + 16, escape(name.length() > 40 ? name.substring(0, 39) + "…" : name)));
    }
    svg.append("</g>");
  }

  private void edge(StringBuilder svg, BpmnEdge edge) {
    StringBuilder points = new StringBuilder();
    for (Waypoint w : edge.getWaypoints()) {
      points.append(format("%.0f,%.0f ", w.getX(), w.getY()));
    }
    svg.append("<polyline class=\"flow\" fill=\"none\" stroke=\"#9aa5b1\" points=\"")
        .append(points.toString().strip()).append("\" marker-end=\"url(#arrow)\"/>");
    if (!(edge.getBpmnElement() instanceof SequenceFlow flow) || flow.getName() == null || flow.getName().isBlank()
        || edge.getWaypoints().isEmpty()) {
      return;
    }
    Bounds label = labelBounds(edge.getBpmnLabel());
    if (label != null) {
      svg.append(format("<text class=\"flow-label\"" + TEXT + " x=\"%.0f\" y=\"%.0f\">%s</text>", label.getX(),
          label.getY() + label.getHeight() - 3, escape(flow.getName())));
      return;
    }
    List<Waypoint> w = new ArrayList<>(edge.getWaypoints());
    Waypoint a = w.get(0);
    Waypoint b = w.size() > 1 ? w.get(1) : a;
    svg.append(format("<text class=\"flow-label\"" + TEXT + " x=\"%.0f\" y=\"%.0f\">%s</text>", (a.getX() + b.getX()) / 2 + 4,
        (a.getY() + b.getY()) / 2 - 5, escape(flow.getName())));
  }

  private void node(StringBuilder svg, BpmnShape shape, BaseElement element, String state, String note) {
    Bounds b = shape.getBounds();
    String paint = NodeStyle.paint(element, state);
    String name = names.apply(element);
    String title = note == null || note.isBlank() ? name : name + " — " + note;
    svg.append("<g class=\"node ").append(NodeStyle.kind(element)).append(state.isEmpty() ? "" : " " + state)
        .append("\" data-element=\"").append(escape(element.getId())).append("\"><title>").append(escape(title))
        .append("</title>");
    double cx = b.getX() + b.getWidth() / 2;
    double cy = b.getY() + b.getHeight() / 2;
    if (element instanceof Event) {
      // a boundary event (a reminder, a deadline, an error) is drawn smaller: it is not a step of its own
      double r = element instanceof BoundaryEvent ? b.getWidth() / 3 : b.getWidth() / 2;
      svg.append(format("<circle" + paint + " cx=\"%.0f\" cy=\"%.0f\" r=\"%.0f\"/>", cx, cy, r));
      if (!(element instanceof BoundaryEvent) && !name.isBlank()) {
        Bounds label = labelBounds(shape.getBpmnLabel());
        double y = label != null ? label.getY() + 11 : b.getY() + b.getHeight() + 14;
        String shown = eventLabel(name);
        svg.append(format("<text class=\"event-label\"" + TEXT + " text-anchor=\"middle\" x=\"%.0f\" y=\"%.0f\">%s</text>", cx, y, escape(shown)));
      }
    } else if (element instanceof Gateway) {
      svg.append(format("<path" + paint + " d=\"M%.0f,%.0f L%.0f,%.0f L%.0f,%.0f L%.0f,%.0f z\"/>", cx, b.getY(),
          b.getX() + b.getWidth(), cy, cx, b.getY() + b.getHeight(), b.getX(), cy));
    } else {
      svg.append(format("<rect" + paint + " x=\"%.0f\" y=\"%.0f\" width=\"%.0f\" height=\"%.0f\" rx=\"10\"/>", b.getX(), b.getY(),
          b.getWidth(), b.getHeight()));
      if (!(element instanceof SubProcess)) {
        wrapped(svg, name, cx, cy, b.getWidth() - 10, b.getHeight() - 8,
            element instanceof UserTask ? HUMAN_FONT : AUTO_FONT);
      }
    }
    if ("done".equals(state) && !(element instanceof SubProcess)) {
      double x = element instanceof Event || element instanceof Gateway ? cx + b.getWidth() / 2 : b.getX()
          + b.getWidth();
      svg.append(format("<g class=\"tick\"><circle fill=\"#1f9d55\" cx=\"%.0f\" cy=\"%.0f\" r=\"9\"/><text fill=\"#fff\""
          + " text-anchor=\"middle\" font-size=\"12\" x=\"%.0f\" y=\"%.0f\">✓</text></g>", x - 4, b.getY() + 4, x - 4, b.getY() + 8));
    }
    svg.append("</g>");
  }

  private static Bounds labelBounds(BpmnLabel label) {
    return label == null ? null : label.getBounds();
  }
}
