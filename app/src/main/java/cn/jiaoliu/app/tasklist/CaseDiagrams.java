package cn.jiaoliu.app.tasklist;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * A case's process drawn with its progress, for every process the app deploys: the steps done and
 * the current ones (who holds them, since when) from the inbox, what may come next from the model.
 * Pages call it ({@code @caseDiagrams.of(...)}) for a case the user may read.
 */
@Component("caseDiagrams")
public class CaseDiagrams {

  private static final DateTimeFormatter SINCE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  private final ProcessDiagrams diagrams;
  private final TaskQueries queries;
  private final HolderNames holders;
  private final MessageSource messages;
  private final ZoneId zone;

  CaseDiagrams(ProcessDiagrams diagrams, TaskQueries queries, HolderNames holders, MessageSource messages,
      ZoneId zone) {
    this.diagrams = diagrams;
    this.queries = queries;
    this.holders = holders;
    this.messages = messages;
    this.zone = zone;
  }

  /**
   * The drawing (empty SVG when the process has no diagram), the steps the case waits at and the
   * steps that may come next, named in the reader's language.
   */
  public record Diagram(String svg, List<Current> current, List<Next> next) {

    public boolean drawn() {
      return !svg.isEmpty();
    }
  }

  /** A step the case waits at: its name, who holds it (a person or a group, in words) and since when. */
  public record Current(String name, String holder, OffsetDateTime since) {}

  /** A step that may come next, or (end) an end of the process, named with the mark of an end. */
  public record Next(String name, boolean end) {}

  public Diagram of(String bpmnProcessId, Long processInstanceKey) {
    Locale locale = LocaleContextHolder.getLocale();
    Set<String> done = new LinkedHashSet<>();
    Map<String, String> notes = new LinkedHashMap<>();
    List<TaskQueries.OpenStep> open = new ArrayList<>();
    if (processInstanceKey != null) {
      queries.completedOf(processInstanceKey).forEach(t -> done.add(t.elementId()));
      open.addAll(queries.openOf(processInstanceKey));
    }
    List<String> holderNames = new ArrayList<>();
    for (TaskQueries.OpenStep step : open) {
      String holder = holder(step, locale);
      holderNames.add(holder);
      String note = messages.getMessage("diagram.held", new Object[] {holder,
          step.createdAt() == null ? "" : SINCE.format(step.createdAt().atZoneSameInstant(zone))}, locale);
      notes.merge(step.elementId(), note, (a, b) -> a + "; " + b);
    }
    Long version = processInstanceKey == null ? null : queries.versionOf(processInstanceKey);
    return diagrams.draw(bpmnProcessId, version, done, notes, locale).map(d -> {
      List<Current> current = new ArrayList<>();
      for (int i = 0; i < open.size(); i++) {
        TaskQueries.OpenStep step = open.get(i);
        current.add(new Current(diagrams.stepName(bpmnProcessId, version, step.elementId(), locale), holderNames.get(i),
            step.createdAt()));
      }
      List<Next> next = d.next().stream().map(n -> new Next(!n.end() ? n.name() : n.name().isBlank()
          ? messages.getMessage("diagram.end", null, locale)
          : n.name() + messages.getMessage("diagram.endMark", null, locale), n.end())).distinct().toList();
      return new Diagram(d.svg(), current, next);
    }).orElse(new Diagram("", List.of(), List.of()));
  }

  private String holder(TaskQueries.OpenStep step, Locale locale) {
    return step.claimedBy() != null ? holders.userName(step.claimedBy()) : holders.of(step.candidate(), locale);
  }
}
