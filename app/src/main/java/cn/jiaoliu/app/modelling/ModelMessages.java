package cn.jiaoliu.app.modelling;

import io.camunda.zeebe.model.bpmn.instance.FlowElement;
import io.camunda.zeebe.model.bpmn.instance.Process;
import java.text.MessageFormat;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.HierarchicalMessageSource;
import org.springframework.context.support.AbstractMessageSource;
import org.springframework.stereotype.Component;

/**
 * Names the steps of processes deployed through Jiaoliu as their modeller named them: the message
 * bundles name the app's own steps ({@code task.<process>.<element>}); what they lack is asked here,
 * as the parent of the app's message source, and answered from the newest model of the process.
 */
@Component
class ModelMessages implements BeanPostProcessor {

  private static final Duration KEEP = Duration.ofSeconds(30);

  private final ObjectProvider<Models> models;
  private final Map<String, Names> cache = new ConcurrentHashMap<>();

  ModelMessages(ObjectProvider<Models> models) {
    this.models = models;
  }

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
    if ("messageSource".equals(beanName) && bean instanceof HierarchicalMessageSource source
        && source.getParentMessageSource() == null) {
      source.setParentMessageSource(new Source());
    }
    return bean;
  }

  /**
   * The name of a step or of a process ({@code task.<process>.<process>}) as modelled; its id when no
   * model deployed through Jiaoliu names it; null for codes that are not a step's.
   */
  String name(String code) {
    if (code == null || !code.startsWith("task.")) {
      return null;
    }
    String rest = code.substring("task.".length());
    int dot = rest.lastIndexOf('.');
    if (dot <= 0) {
      return null;
    }
    String processId = rest.substring(0, dot);
    Names names = cache.compute(processId, (id, old) -> old != null && old.fresh() ? old : load(id));
    // a step of a process nobody named to the app (deployed elsewhere) reads as its id, never as ??task…??
    return names.byElement().getOrDefault(rest.substring(dot + 1), rest.substring(dot + 1));
  }

  private Names load(String processId) {
    Map<String, String> names = new HashMap<>();
    models.getObject().latest(processId).flatMap(ModelForms::model).ifPresent(model -> {
      for (FlowElement e : model.getModelElementsByType(FlowElement.class)) {
        if (e.getName() != null && !e.getName().isBlank()) {
          names.put(e.getId(), e.getName().strip());
        }
      }
      if (model.getModelElementById(processId) instanceof Process p && p.getName() != null) {
        names.put(processId, p.getName());
      }
    });
    return new Names(names, System.nanoTime() + KEEP.toNanos());
  }

  /** A new deployment's names are read at once. */
  void forget(String processId) {
    cache.remove(processId);
  }

  private record Names(Map<String, String> byElement, long until) {
    boolean fresh() {
      return System.nanoTime() < until;
    }
  }

  private final class Source extends AbstractMessageSource {
    @Override
    protected MessageFormat resolveCode(String code, Locale locale) {
      String name = name(code);
      return name == null ? null : new MessageFormat(name.replace("'", "''").replace("{", "'{'"), locale);
    }
  }
}
