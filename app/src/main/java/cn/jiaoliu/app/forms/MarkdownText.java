package cn.jiaoliu.app.forms;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * A form's text view: Markdown with {@code {{variable}}} placeholders filled from the task's
 * variables. HTML in the text or in a value is shown as text, links only to http(s) and mail.
 */
final class MarkdownText {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z_$][\\w$]*(?:\\.[A-Za-z_$][\\w$]*)*)\\s*}}");
  private static final Parser PARSER = Parser.builder().build();
  private static final HtmlRenderer RENDERER = HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build();

  private MarkdownText() {}

  static String html(String text, Map<String, Object> variables) {
    if (text == null) {
      return "";
    }
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder filled = new StringBuilder();
    while (m.find()) {
      Object value = Paths.read(variables, m.group(1));
      m.appendReplacement(filled, Matcher.quoteReplacement(value == null ? "" : escapeMarkdown(value.toString())));
    }
    m.appendTail(filled);
    return RENDERER.render(PARSER.parse(filled.toString()));
  }

  /** A value is text, never Markdown of its own (a teacher's "**" stays two stars). */
  private static String escapeMarkdown(String value) {
    return value.replaceAll("([\\\\`*_{}\\[\\]()#+\\-.!|<>])", "\\\\$1");
  }
}
