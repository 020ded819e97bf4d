package cn.jiaoliu.app.forms;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Camunda Forms (form-js JSON) in Jiaoliu: read and checked for what Jiaoliu can honour, drawn on
 * the page (prefilled from the task's variables) and the submission checked against the form's
 * own rules on the server before anything reaches the engine.
 */
@Component
public class CamundaForms {

  private final FormParser parser;
  private final Clock clock;
  private final ZoneId zone;

  public CamundaForms(ObjectMapper json, Clock clock, ZoneId displayZone) {
    this.parser = new FormParser(json);
    this.clock = clock;
    this.zone = displayZone;
  }

  /** A form and what in it Jiaoliu cannot show or check (empty when it can). */
  public record Read(FormSchema schema, List<FormProblem> problems) {
    public boolean usable() {
      return problems.isEmpty();
    }
  }

  public Read read(String json) {
    FormParser.Parsed parsed = parser.parse(json);
    return new Read(parsed.schema(), parsed.problems());
  }

  /**
   * The form as the page draws it. {@code submitted} is what the user just sent (null when the page
   * is first shown), {@code errors} and {@code errorArgs} what was wrong with it.
   */
  public FormView view(FormSchema form, Map<String, Object> variables, FormSubmission submitted,
      Map<String, String> errors, Map<String, Object[]> errorArgs, Locale locale) {
    boolean english = locale != null && "en".equals(locale.getLanguage());
    return new FormViews(english, variables, submitted, errors, errorArgs).view(form);
  }

  /** A label and the value a user gave it, as a case page reads it. */
  public record Entry(String label, String value) {}

  /**
   * What a submitted form says: each input's label with its value as chosen (options by their
   * labels, ticks as yes or no), for the case page and its record.
   */
  public List<Entry> summary(FormSchema form, Map<String, Object> values, Map<String, Object> context, Locale locale,
      String yes, String no) {
    boolean english = locale != null && "en".equals(locale.getLanguage());
    return new FormSummary(english, context, yes, no).entries(form.components(), values);
  }

  /**
   * The variables the task or start completes with, checked against the form's rules; the context
   * gives the options named by {@code valuesKey} and the values of read-only fields. Names in
   * {@code reserved} (the page's own, such as whom a deputy signs for) are not the form's and pass.
   *
   * @throws cn.jiaoliu.app.web.UserFacingException naming each bad field
   */
  public Map<String, Object> variables(FormSchema form, FormSubmission submission, Map<String, Object> context,
      Set<String> reserved) {
    return new FormValidator(LocalDate.now(clock.withZone(zone)), zone).variables(form, submission, context, reserved);
  }
}
