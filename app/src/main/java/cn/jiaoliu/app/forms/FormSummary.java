package cn.jiaoliu.app.forms;

import cn.jiaoliu.app.forms.FormComponent.Option;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * What a submitted form says, to read on a case page: each input's label with its value as the
 * user chose it (an option's label, not its value; ticked or not), a list's items in turn.
 */
final class FormSummary {

  private final boolean english;
  private final Map<String, Object> context;
  private final String yes;
  private final String no;

  FormSummary(boolean english, Map<String, Object> context, String yes, String no) {
    this.english = english;
    this.context = context;
    this.yes = yes;
    this.no = no;
  }

  List<CamundaForms.Entry> entries(List<FormComponent> components, Map<String, Object> values) {
    List<CamundaForms.Entry> entries = new ArrayList<>();
    for (FormComponent c : components) {
      if (c.input()) {
        Object value = Paths.read(values, c.path());
        if (value != null && !(value instanceof String s && s.isBlank())
            && !(value instanceof Collection<?> list && list.isEmpty())) {
          entries.add(new CamundaForms.Entry(c.label(english), text(c, value)));
        }
      } else if (c.type().equals("group")) {
        entries.addAll(entries(c.components(), values));
      } else if (c.type().equals("dynamiclist") && Paths.read(values, c.path()) instanceof List<?> items) {
        int n = 1;
        for (Object item : items) {
          if (item instanceof Map<?, ?> map) {
            @SuppressWarnings("unchecked")
            Map<String, Object> itemValues = (Map<String, Object>) map;
            for (CamundaForms.Entry e : entries(c.components(), itemValues)) {
              entries.add(new CamundaForms.Entry(c.label(english) + " " + n + " · " + e.label(), e.value()));
            }
          }
          n++;
        }
      }
    }
    return entries;
  }

  private String text(FormComponent c, Object value) {
    if (c.type().equals("checkbox")) {
      return Boolean.TRUE.equals(value) ? yes : no;
    }
    if (c.choice()) {
      List<Option> options = Options.of(c, context);
      Collection<?> chosen = value instanceof Collection<?> list ? list : List.of(value);
      List<String> labels = new ArrayList<>();
      for (Object v : chosen) {
        Option o = Options.find(options, String.valueOf(v));
        labels.add(o == null ? String.valueOf(v) : o.label());
      }
      return String.join("、", labels);
    }
    return String.valueOf(value);
  }
}
