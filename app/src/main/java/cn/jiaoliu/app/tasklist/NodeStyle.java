package cn.jiaoliu.app.tasklist;

import io.camunda.zeebe.model.bpmn.instance.BaseElement;
import io.camunda.zeebe.model.bpmn.instance.BoundaryEvent;
import io.camunda.zeebe.model.bpmn.instance.EndEvent;
import io.camunda.zeebe.model.bpmn.instance.Event;
import io.camunda.zeebe.model.bpmn.instance.Gateway;
import io.camunda.zeebe.model.bpmn.instance.SubProcess;
import io.camunda.zeebe.model.bpmn.instance.UserTask;

/**
 * How a node of a process drawing looks: its kind as a class (human steps stand out, automated
 * ones and boundary events recede) and its colours by state (done green, current blue and thick,
 * next dashed orange).
 */
final class NodeStyle {

  private NodeStyle() {}

  /** The shape's colours as attributes (the page's style sheet says the same; a drawing saved alone keeps them). */
  static String paint(BaseElement element, String state) {
    return switch (state) {
      case "current" -> " fill=\"#e6f0ff\" stroke=\"#2563eb\" stroke-width=\"4\"";
      case "done" -> " fill=\"#e3f9e5\" stroke=\"#1f9d55\" stroke-width=\"2\"";
      case "next" -> " fill=\"#fffbeb\" stroke=\"#d97706\" stroke-width=\"2.5\" stroke-dasharray=\"6 4\"";
      default -> element instanceof SubProcess ? " fill=\"none\" stroke=\"#9aa5b1\" stroke-dasharray=\"4 3\""
          : element instanceof UserTask ? " fill=\"#fff\" stroke=\"#52606d\" stroke-width=\"2\""
          : element instanceof Event || element instanceof Gateway ? " fill=\"#fff\" stroke=\"#9aa5b1\" stroke-width=\"1.5\""
          : " fill=\"#f5f7fa\" stroke=\"#cbd2d9\" stroke-width=\"1\"";
    };
  }

  static String kind(BaseElement element) {
    if (element instanceof UserTask) {
      return "human";
    }
    if (element instanceof BoundaryEvent) {
      return "boundary";
    }
    if (element instanceof EndEvent) {
      return "event end";
    }
    if (element instanceof Event) {
      return "event";
    }
    if (element instanceof Gateway) {
      return "gateway";
    }
    return element instanceof SubProcess ? "subprocess" : "auto";
  }
}
