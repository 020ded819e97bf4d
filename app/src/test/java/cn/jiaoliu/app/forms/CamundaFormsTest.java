package cn.jiaoliu.app.forms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.jiaoliu.app.web.UserFacingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every supported component of form-js: drawn, prefilled, and checked on the server with good and bad values. */
class CamundaFormsTest {

  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  private final CamundaForms forms = new CamundaForms(new ObjectMapper(),
      Clock.fixed(Instant.parse("2026-12-05T02:00:00Z"), SHANGHAI), SHANGHAI);
  private final FormSchema form = read("every-component.form");
  private final Map<String, Object> context = Map.of("starterName", "张*三", "pairedSchools",
      List.of(Map.of("label", "李村小学", "value", "LC-R01"), Map.of("label", "河湾小学", "value", "LC-R02")),
      "contact", Map.of("note", "只读的备注"));

  private FormSchema read(String name) {
    try (var in = getClass().getResourceAsStream("/forms/" + name)) {
      CamundaForms.Read read = forms.read(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      assertThat(read.problems()).isEmpty();
      return read.schema();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, List<String>> good() {
    Map<String, List<String>> v = new LinkedHashMap<>();
    v.put("topic", List.of("送教下乡"));
    v.put("email", List.of("li@example.cn"));
    v.put("phone", List.of("13912345678"));
    v.put("code", List.of("LC-001"));
    v.put("plan", List.of("第一课时"));
    v.put("pupils", List.of("42"));
    v.put("hours", List.of("1.5"));
    v.put("classDate", List.of("2026-12-10"));
    v.put("startsAt", List.of("09:30"));
    v.put("meetingAt", List.of("2026-12-10T14:00"));
    v.put("subject", List.of("maths"));
    v.put("school", List.of("LC-R02"));
    v.put("format", List.of("demo"));
    v.put("level", List.of("2"));
    v.put("agreed", List.of("true"));
    v.put("grades", List.of("g1", "g3"));
    v.put("tags", List.of("writing"));
    v.put("contact.name", List.of("王老师"));
    v.put("visits[0].date", List.of("2026-12-11"));
    v.put("visits[0].teachers", List.of("5"));
    v.put("visits[1].date", List.of("2026-12-12"));
    v.put("visits[1].teachers", List.of(""));
    v.put("visits[2].date", List.of(""));
    v.put("visits[2].teachers", List.of(""));
    return v;
  }

  private Map<String, Object> submit(Map<String, List<String>> values) {
    return forms.variables(form, new FormSubmission(values), context, Set.of("onBehalfOf"));
  }

  private Map<String, String> errorsOf(Map<String, List<String>> values) {
    try {
      submit(values);
    } catch (UserFacingException e) {
      return e.fieldErrors();
    }
    throw new AssertionError("the submission was accepted");
  }

  private Map<String, String> errorsWith(String field, String... values) {
    Map<String, List<String>> v = good();
    v.put(field, List.of(values));
    return errorsOf(v);
  }

  @Test
  void aGoodSubmissionCompletesWithExactlyTheFormsKeysTyped() {
    Map<String, Object> vars = submit(good());
    assertThat(vars).containsOnlyKeys("topic", "email", "phone", "code", "plan", "pupils", "hours", "classDate",
        "startsAt", "meetingAt", "subject", "school", "format", "level", "agreed", "grades", "tags", "contact",
        "visits");
    assertThat(vars.get("pupils")).isEqualTo(42L);
    assertThat(vars.get("hours").toString()).isEqualTo("1.5");
    assertThat(vars.get("classDate")).isEqualTo("2026-12-10");
    assertThat(vars.get("startsAt")).isEqualTo("09:30+08:00");
    assertThat(vars.get("meetingAt")).isEqualTo("2026-12-10T14:00");
    assertThat(vars.get("level")).isEqualTo(2L);
    assertThat(vars.get("agreed")).isEqualTo(true);
    assertThat(vars.get("grades")).isEqualTo(List.of("g1", "g3"));
    assertThat(vars.get("contact")).isEqualTo(Map.of("name", "王老师", "note", "只读的备注"));
    assertThat(vars.get("visits")).isEqualTo(List.of(Map.of("date", "2026-12-11", "teachers", 5L),
        Map.of("date", "2026-12-12")).stream().map(m -> {
          Map<String, Object> item = new HashMap<>(m);
          item.putIfAbsent("teachers", null);
          return item;
        }).toList());
  }

  @Test
  void textFieldsKeepTheirLengthsPatternsAndTypes() {
    assertThat(errorsWith("topic", "")).containsEntry("topic", "form.required");
    assertThat(errorsWith("topic", "一")).containsEntry("topic", "form.tooShort");
    assertThat(errorsWith("topic", "一二三四五六七八九十十")).containsEntry("topic", "form.tooLong");
    assertThat(errorsWith("email", "not-an-address")).containsEntry("email", "form.email");
    assertThat(errorsWith("phone", "12ab")).containsEntry("phone", "form.phone");
    assertThat(errorsWith("code", "lc-1")).containsEntry("code", "form.pattern");
    assertThat(errorsWith("plan", "x".repeat(21))).containsEntry("plan", "form.tooLong");
  }

  @Test
  void numbersKeepTheirRangeAndDecimals() {
    assertThat(errorsWith("pupils", "多")).containsEntry("pupils", "form.notNumber");
    assertThat(errorsWith("pupils", "0")).containsEntry("pupils", "form.tooSmall");
    assertThat(errorsWith("pupils", "501")).containsEntry("pupils", "form.tooLarge");
    assertThat(errorsWith("pupils", "4.5")).containsEntry("pupils", "form.tooManyDecimals");
    assertThat(errorsWith("hours", "1.25")).containsEntry("hours", "form.tooManyDecimals");
    assertThat(errorsWith("pupils", "1".repeat(50))).containsEntry("pupils", "form.notNumber");
  }

  @Test
  void datesAndTimesAreReadStrictly() {
    assertThat(errorsWith("classDate", "2026-13-01")).containsEntry("classDate", "form.notDate");
    assertThat(errorsWith("classDate", "")).containsEntry("classDate", "form.required");
    assertThat(errorsWith("startsAt", "25:00")).containsEntry("startsAt", "form.notTime");
    assertThat(errorsWith("meetingAt", "tomorrow")).containsEntry("meetingAt", "form.notDateTime");
  }

  @Test
  void choicesTakeOnlyTheAllowedValues() {
    assertThat(errorsWith("subject", "physics")).containsEntry("subject", "form.notAllowed");
    assertThat(errorsWith("subject", "")).containsEntry("subject", "form.required");
    assertThat(errorsWith("school", "LC-U01")).containsEntry("school", "form.notAllowed");
    assertThat(errorsWith("format", "demo", "talk")).containsEntry("format", "form.oneValue");
    assertThat(errorsWith("level", "3")).containsEntry("level", "form.notAllowed");
    assertThat(errorsWith("grades", "g1", "g9")).containsEntry("grades", "form.notAllowed");
    assertThat(errorsWith("tags", "<b>")).containsEntry("tags", "form.notAllowed");
    assertThat(errorsWith("agreed", "false")).containsEntry("agreed", "form.mustCheck");
    assertThat(errorsWith("agreed", "maybe")).containsEntry("agreed", "form.notBoolean");
  }

  @Test
  void aFieldTheFormDoesNotHaveIsRefusedAndReadOnlyFieldsKeepTheirValue() {
    assertThat(errorsWith("approved", "true")).containsEntry("approved", "form.unknownField");
    assertThat(errorsWith("visits[0].bogus", "x")).containsEntry("visits[0].bogus", "form.unknownField");
    assertThat(errorsOf(Map.of())).containsKeys("topic", "pupils", "classDate", "subject", "agreed", "contact.name");
    Map<String, List<String>> tampered = good();
    tampered.put("contact.note", List.of("改过的"));
    tampered.put("onBehalfOf", List.of("principal.li"));
    assertThat(((Map<?, ?>) submit(tampered).get("contact")).get("note")).isEqualTo("只读的备注");
  }

  @Test
  void dynamicListItemsAreCheckedEachAndCapped() {
    Map<String, List<String>> blankItem = good();
    blankItem.put("visits[1].date", List.of(""));
    assertThat((List<?>) submit(blankItem).get("visits")).as("a wholly blank item is dropped").hasSize(1);
    Map<String, List<String>> v = good();
    v.put("visits[1].date", List.of(""));
    v.put("visits[1].teachers", List.of("3"));
    assertThat(errorsOf(v)).containsEntry("visits[1].date", "form.required");
    Map<String, List<String>> many = good();
    for (int i = 0; i < 101; i++) {
      many.put("visits[" + i + "].date", List.of("2026-12-11"));
    }
    assertThat(errorsOf(many)).containsEntry("visits", "form.tooManyItems");
  }

  @Test
  void theApisJsonIsCheckedLikeThePage() {
    Map<String, Object> json = new LinkedHashMap<>();
    good().forEach((k, v) -> json.put(k, v.size() == 1 ? v.get(0) : v));
    json.keySet().removeIf(k -> k.contains(".") || k.contains("["));
    json.put("contact", Map.of("name", "王老师"));
    json.put("visits", List.of(Map.of("date", "2026-12-11", "teachers", 5)));
    json.put("grades", List.of("g1", "g3"));
    json.put("tags", List.of("writing"));
    Map<String, Object> vars = forms.variables(form, FormSubmission.ofJson(json), context, Set.of());
    assertThat(vars.get("visits")).isEqualTo(List.of(Map.of("date", "2026-12-11", "teachers", 5L)));
    json.put("visits", List.of(Map.of("date", "2026-12-11", "extra", 1)));
    assertThatThrownBy(() -> forms.variables(form, FormSubmission.ofJson(json), context, Set.of()))
        .isInstanceOf(UserFacingException.class)
        .satisfies(e -> assertThat(((UserFacingException) e).fieldErrors()).containsKey("visits[0].extra"));
  }

  @Test
  void theViewIsPrefilledFromTheVariablesAndTranslatesLabelsAndEscapesTexts() {
    Map<String, Object> variables = new HashMap<>(context);
    variables.put("topic", "已有课题");
    variables.put("grades", List.of("g2"));
    variables.put("startsAt", "09:30+08:00");
    variables.put("visits", List.of(Map.of("date", "2026-12-11"), Map.of("date", "2026-12-12")));
    FormView zh = forms.view(form, variables, null, Map.of(), Map.of(), Locale.SIMPLIFIED_CHINESE);
    FormView en = forms.view(form, variables, null, Map.of(), Map.of(), Locale.ENGLISH);
    FieldView text = zh.fields().get(0);
    assertThat(text.html()).contains("<h1>申请说明</h1>").contains("<strong>张*三</strong>")
        .doesNotContain("<script>").contains("&lt;script&gt;");
    assertThat(zh.fields().get(1).label()).isEqualTo("课题");
    assertThat(en.fields().get(1).label()).isEqualTo("Topic");
    assertThat(zh.fields().get(1).value()).isEqualTo("已有课题");
    assertThat(zh.fields().get(1).constraints()).containsEntry("maxlength", 10).containsEntry("minlength", 2);
    FieldView startsAt = zh.fields().stream().filter(f -> "startsAt".equals(f.name())).findFirst().orElseThrow();
    assertThat(startsAt.value()).isEqualTo("09:30");
    assertThat(startsAt.inputType()).isEqualTo("time");
    FieldView grades = zh.fields().stream().filter(f -> "grades".equals(f.name())).findFirst().orElseThrow();
    assertThat(grades.options()).extracting(FieldView.OptionView::selected).containsExactly(false, true, false);
    FieldView school = zh.fields().stream().filter(f -> "school".equals(f.name())).findFirst().orElseThrow();
    assertThat(school.options()).extracting(FieldView.OptionView::label).containsExactly("李村小学", "河湾小学");
    FieldView visits = zh.fields().stream().filter(f -> "dynamiclist".equals(f.type())).findFirst().orElseThrow();
    assertThat(visits.items()).hasSize(2);
    assertThat(visits.items().get(1).get(0).name()).isEqualTo("visits[1].date");
    assertThat(visits.items().get(1).get(0).value()).isEqualTo("2026-12-12");
    assertThat(visits.blankItem().get(0).name()).isEqualTo("visits[__i__].date");
  }

  @Test
  void whatJiaoliuCannotHonourIsNamed() {
    CamundaForms.Read read = forms.read("""
        {"id": "f", "components": [
          {"type": "filepicker", "key": "file", "label": "附件"},
          {"type": "textfield", "key": "a", "label": "A", "conditional": {"hide": "=b"}},
          {"type": "select", "key": "s", "label": "S", "valuesExpression": "=list"},
          {"type": "textfield", "key": "a", "label": "A2"},
          {"type": "textfield", "label": "no key"},
          {"type": "textfield", "key": "p", "label": "P", "validate": {"pattern": "(["}},
          {"type": "radio", "key": "r", "label": "R"},
          {"type": "html", "content": "<b>x</b>"}
        ]}""");
    assertThat(read.problems()).extracting(FormProblem::messageKey).containsExactly("form.problem.unsupported",
        "form.problem.conditional", "form.problem.expression", "form.problem.noOptions", "form.problem.duplicateKey",
        "form.problem.badKey", "form.problem.badPattern", "form.problem.noOptions", "form.problem.unsupported");
    assertThat(forms.read("not json").problems()).extracting(FormProblem::messageKey).containsExactly("form.problem.notJson");
    assertThat(forms.read("{\"a\":1}").problems()).extracting(FormProblem::messageKey).containsExactly("form.problem.notForm");
  }
}
