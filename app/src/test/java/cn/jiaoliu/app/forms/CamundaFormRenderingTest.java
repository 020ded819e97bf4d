package cn.jiaoliu.app.forms;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * The page's drawing of every supported component (the app's own template {@code forms/camunda}):
 * the input each becomes, its name and constraints, its prefilled value, its options, the errors
 * beside it in the reader's language, escaped texts, a group's legend and a dynamic list's items
 * with the blank one it adds.
 */
class CamundaFormRenderingTest {

  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  private final CamundaForms forms = new CamundaForms(new ObjectMapper(),
      Clock.fixed(Instant.parse("2026-12-05T02:00:00Z"), SHANGHAI), SHANGHAI);
  private final SpringTemplateEngine engine = engine();

  private static SpringTemplateEngine engine() {
    ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
    resolver.setPrefix("templates/");
    resolver.setSuffix(".html");
    resolver.setCharacterEncoding("UTF-8");
    ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
    messages.setBasename("messages");
    messages.setDefaultEncoding("UTF-8");
    messages.setFallbackToSystemLocale(false);
    SpringTemplateEngine engine = new SpringTemplateEngine();
    engine.setTemplateResolver(resolver);
    engine.setTemplateEngineMessageSource(messages);
    return engine;
  }

  private FormSchema form() throws IOException {
    try (InputStream in = getClass().getResourceAsStream("/forms/every-component.form")) {
      return forms.read(new String(in.readAllBytes(), StandardCharsets.UTF_8)).schema();
    }
  }

  private String render(FormView view, Locale locale) {
    Context context = new Context(locale);
    context.setVariable("form", view);
    return engine.process("forms/render-test", context);
  }

  @Test
  void everyComponentIsDrawnPrefilledAndConstrained() throws IOException {
    Map<String, Object> variables = new HashMap<>(Map.of("starterName", "<b>张三</b>", "topic", "分数",
        "pupils", 42, "classDate", "2026-12-10", "startsAt", "09:30+08:00", "subject", "maths",
        "grades", List.of("g2"), "agreed", true, "contact", Map.of("name", "王老师", "note", "只读"),
        "pairedSchools", List.of(Map.of("label", "李村小学", "value", "LC-R01"))));
    variables.put("visits", List.of(Map.of("date", "2026-12-11", "teachers", 3)));
    String html = render(forms.view(form(), variables, null, Map.of(), Map.of(), Locale.SIMPLIFIED_CHINESE),
        Locale.SIMPLIFIED_CHINESE);

    assertThat(html).contains("<h1>申请说明</h1>").contains("&lt;b&gt;张三&lt;/b&gt;").doesNotContain("<b>张三");
    assertThat(tag(html, "f-topic")).contains("name=\"topic\"", "type=\"text\"", "value=\"分数\"", "required",
        "maxlength=\"10\"", "minlength=\"2\"");
    assertThat(tag(html, "f-email")).contains("type=\"email\"");
    assertThat(tag(html, "f-phone")).contains("type=\"tel\"");
    assertThat(tag(html, "f-plan")).startsWith("<textarea").contains("name=\"plan\"", "maxlength=\"20\"");
    assertThat(tag(html, "f-pupils")).contains("type=\"number\"", "value=\"42\"", "inputmode=\"decimal\"",
        "min=\"1\"", "max=\"500\"", "step=\"1\"", "required");
    assertThat(tag(html, "f-hours")).contains("type=\"number\"", "step=\"0.1\"");
    assertThat(tag(html, "f-classDate")).contains("type=\"date\"", "value=\"2026-12-10\"", "required");
    assertThat(tag(html, "f-startsAt")).contains("type=\"time\"", "value=\"09:30\"");
    assertThat(tag(html, "f-meetingAt")).contains("type=\"datetime-local\"");
    assertThat(tag(html, "f-subject")).startsWith("<select").contains("name=\"subject\"", "required");
    assertThat(html).containsPattern("<option value=\"maths\" selected=\"selected\">数学</option>");
    assertThat(html).contains("<option value=\"LC-R01\">李村小学</option>");
    assertThat(tag(html, "f-format-0")).contains("type=\"radio\"", "name=\"format\"", "value=\"demo\"");
    assertThat(tag(html, "f-level-1")).contains("type=\"radio\"", "value=\"2\"");
    assertThat(tag(html, "f-agreed")).contains("type=\"checkbox\"", "value=\"true\"", "checked");
    assertThat(tag(html, "f-grades-1")).contains("type=\"checkbox\"", "name=\"grades\"", "value=\"g2\"", "checked");
    assertThat(tag(html, "f-grades-0")).contains("value=\"g1\"").doesNotContain("checked");
    assertThat(tag(html, "f-tags-0")).contains("type=\"checkbox\"", "name=\"tags\"", "value=\"reading\"");
    assertThat(html).contains("tag-option").contains("<hr>");
    assertThat(html).containsPattern("<fieldset class=\"form-group\" id=\"f-contact\">\\s*<legend>联系人</legend>");
    assertThat(tag(html, "f-contact-name")).contains("name=\"contact.name\"", "value=\"王老师\"", "required");
    assertThat(tag(html, "f-contact-note")).contains("name=\"contact.note\"", "value=\"只读\"", "readonly");
    assertThat(tag(html, "f-visits-0-date")).contains("name=\"visits[0].date\"", "type=\"date\"",
        "value=\"2026-12-11\"");
    assertThat(tag(html, "f-visits-0-teachers")).contains("name=\"visits[0].teachers\"", "value=\"3\"");
    assertThat(html).containsPattern("(?s)<template>.*name=\"visits\\[__i__\\]\\.date\".*</template>");
    assertThat(html).contains("添加一项").doesNotContain("??");
  }

  /** The start tag of the element with this id. */
  private static String tag(String html, String id) {
    int at = html.indexOf("id=\"" + id + "\"");
    assertThat(at).as("an element with id %s", id).isPositive();
    int start = html.lastIndexOf('<', at);
    return html.substring(start, html.indexOf('>', at) + 1).replaceAll("\\s+", " ");
  }

  @Test
  void errorsStandBesideTheirFieldsInTheReadersLanguage() throws IOException {
    Map<String, List<String>> sent = Map.of("topic", List.of("x"), "pupils", List.of("0"));
    String zh = render(forms.view(form(), Map.of(), new FormSubmission(sent),
        Map.of("topic", "form.tooShort", "pupils", "form.tooSmall"),
        Map.of("topic", new Object[] {2}, "pupils", new Object[] {"1"}), Locale.SIMPLIFIED_CHINESE),
        Locale.SIMPLIFIED_CHINESE);
    assertThat(tag(zh, "f-topic")).contains("value=\"x\"", "aria-invalid=\"true\"",
        "aria-describedby=\"f-topic-error\"");
    assertThat(zh).contains("<p class=\"field-error\" id=\"f-topic-error\">至少 2 个字。</p>");
    assertThat(zh).contains("<p class=\"field-error\" id=\"f-pupils-error\">不能小于 1。</p>");
    String en = render(forms.view(form(), Map.of(), new FormSubmission(sent), Map.of("topic", "form.tooShort"),
        Map.of("topic", new Object[] {2}), Locale.ENGLISH), Locale.ENGLISH);
    assertThat(en).contains(">At least 2 characters.</p>").contains("<span>Topic</span>");
  }
}
