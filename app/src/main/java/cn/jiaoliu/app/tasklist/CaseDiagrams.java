package cn.jiaoliu.app.tasklist;

import io.camunda.zeebe.model.bpmn.instance.UserTask;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * A case's process drawn with its progress, for every process the app deploys: the steps done and
 * the current ones from the inbox, what may come next from the model. Pages call it
 * ({@code @caseDiagrams.of(...)}) for a case the user may read.
 */
@Component("caseDiagrams")
public class CaseDiagrams {

  private final ProcessDiagrams diagrams;
  private final TaskQueries queries;

  CaseDiagrams(ProcessDiagrams diagrams, TaskQueries queries) {
    this.diagrams = diagrams;
    this.queries = queries;
  }

  /**
   * The drawing (empty SVG when the process has no diagram) and the message keys of the steps that
   * may come next ({@code diagram.end} for the end of the process).
   */
  public record Diagram(String svg, List<String> nextKeys) {}

  public Diagram of(String bpmnProcessId, Long processInstanceKey) {
    Set<String> done = new LinkedHashSet<>();
    Set<String> current = new LinkedHashSet<>();
    if (processInstanceKey != null) {
      queries.completedOf(processInstanceKey).forEach(t -> done.add(t.elementId()));
      queries.openOf(processInstanceKey).forEach(t -> current.add(t.elementId()));
    }
    return diagrams.draw(bpmnProcessId, done, current, LocaleContextHolder.getLocale())
        .map(d -> new Diagram(d.svg(), d.next().stream().map(id -> diagrams.model(bpmnProcessId)
            .map(m -> m.getModelElementById(id) instanceof UserTask
                ? "task." + bpmnProcessId + "." + id : "diagram.end").orElse("diagram.end")).distinct().toList()))
        .orElse(new Diagram("", List.of()));
  }
}
