package cn.jiaoliu.app.statistics;

import java.util.Locale;
import org.springframework.context.MessageSource;

/**
 * How the reports name a process and its steps: the app's own from the bundle
 * ({@code statistics.process.*}, {@code step.*}), a modelled one as its modeller named it
 * ({@code task.<process>.<element>}, answered from the deployed model).
 */
final class ProcessNames {

  private ProcessNames() {}

  static String process(MessageSource messages, String processId, Locale locale) {
    String own = messages.getMessage("statistics.process." + processId, null, null, locale);
    return own != null ? own : messages.getMessage("task." + processId + "." + processId, null, processId, locale);
  }

  static String step(MessageSource messages, String processId, String elementId, Locale locale) {
    String own = messages.getMessage("step." + elementId, null, null, locale);
    return own != null ? own : messages.getMessage("task." + processId + "." + elementId, null, elementId, locale);
  }
}
