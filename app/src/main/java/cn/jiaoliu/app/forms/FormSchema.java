package cn.jiaoliu.app.forms;

import java.util.ArrayList;
import java.util.List;

/** A Camunda Form as Jiaoliu reads it: its id and its components, in order. */
public record FormSchema(String id, List<FormComponent> components) {

  /** Every input of the form, inside groups too (not those repeated inside a dynamic list). */
  public List<FormComponent> inputs() {
    List<FormComponent> found = new ArrayList<>();
    collect(components, found);
    return found;
  }

  private static void collect(List<FormComponent> components, List<FormComponent> found) {
    for (FormComponent c : components) {
      if (c.input()) {
        found.add(c);
      } else if (c.type().equals("group")) {
        collect(c.components(), found);
      }
    }
  }
}
