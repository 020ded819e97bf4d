package cn.jiaoliu.app.export;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The names and column headers of the downloads, from the message bundles ({@code export.<table>.name},
 * {@code export.<table>.columns}, comma-separated). Downloads are the bureau's files: in Chinese,
 * whatever the user's language.
 */
@Component
public class Headings {

  private static final Locale ZH = Locale.SIMPLIFIED_CHINESE;

  private final MessageSource messages;

  Headings(MessageSource messages) {
    this.messages = messages;
  }

  /** A table named and headed as the bundle says; {@code nameArgs} fill the name's {0}, {1}. */
  public Table table(String table, List<List<Object>> rows, Object... nameArgs) {
    String name = messages.getMessage("export." + table + ".name", nameArgs, ZH);
    List<String> columns = Arrays.stream(messages.getMessage("export." + table + ".columns", null, ZH).split(","))
        .map(String::strip).toList();
    return new Table(name, columns, rows);
  }

  /** A message in the downloads' language. */
  public String text(String key) {
    return messages.getMessage(key, null, key, ZH);
  }
}
