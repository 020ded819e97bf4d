package cn.jiaoliu.app.modelling;

import cn.jiaoliu.app.forms.CamundaForms;
import cn.jiaoliu.app.forms.FormComponent;
import cn.jiaoliu.app.forms.FormSchema;
import cn.jiaoliu.app.forms.FormSubmission;
import cn.jiaoliu.app.security.JiaoliuUser;
import cn.jiaoliu.app.tasklist.ModelledForms;
import cn.jiaoliu.app.tasklist.TaskFormHandler;
import cn.jiaoliu.app.tasklist.TaskView;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The inbox's form for a step of a process deployed through Jiaoliu: its Camunda Form, drawn from
 * the task's variables, the submission checked against the form's rules and completed with exactly
 * the form's keys. Who may act is the step's candidates (the inbox checks it).
 */
@Component
class ModelledTaskForms implements ModelledForms {

  private static final TypeReference<Map<String, Object>> VARIABLES = new TypeReference<>() {};
  /** Names the task page posts besides the form's: whom a deputy signs for. */
  private static final Set<String> PAGE_FIELDS = Set.of("onBehalfOf");

  private final Models models;
  private final ModelForms modelForms;
  private final CamundaForms forms;
  private final ObjectMapper json;
  private final Map<String, CamundaForms.Read> byVersionAndKey = new ConcurrentHashMap<>();

  ModelledTaskForms(Models models, ModelForms modelForms, CamundaForms forms, ObjectMapper json) {
    this.models = models;
    this.modelForms = modelForms;
    this.forms = forms;
    this.json = json;
  }

  @Override
  public Optional<TaskFormHandler> handlerFor(TaskView task) {
    if (task.processDefinitionKey() == null) {
      return Optional.empty();
    }
    String key = task.processDefinitionKey() + "/" + task.formKey();
    CamundaForms.Read read = read(key, task);
    return read == null || !read.usable() ? Optional.empty() : Optional.of(new Handler(task.formKey(), read.schema()));
  }

  /**
   * A step's form, read once per process version and form key: a deployed version and its forms
   * never change, and the inbox asks for a task's form several times a page (who may act, its
   * fields, what its API shows). What is not found is not kept: the model may be uploaded later.
   */
  private CamundaForms.Read read(String key, TaskView task) {
    CamundaForms.Read known = byVersionAndKey.get(key);
    if (known != null) {
      return known;
    }
    CamundaForms.Read found = models.version(task.processDefinitionKey())
        .flatMap(v -> modelForms.ofTask(v, task.formKey())).map(forms::read).orElse(null);
    if (found != null) {
      byVersionAndKey.put(key, found);
    }
    return found;
  }

  private Map<String, Object> variables(TaskView task) {
    try {
      return json.readValue(task.variables(), VARIABLES);
    } catch (Exception e) {
      return Map.of();
    }
  }

  private final class Handler implements TaskFormHandler {

    private final String formKey;
    private final FormSchema schema;

    Handler(String formKey, FormSchema schema) {
      this.formKey = formKey;
      this.schema = schema;
    }

    @Override
    public String formKey() {
      return formKey;
    }

    @Override
    public Map<String, Object> variables(TaskView task, JiaoliuUser user, Map<String, String> fields) {
      return variables(task, user, FormSubmission.single(fields));
    }

    @Override
    public Map<String, Object> variables(TaskView task, JiaoliuUser user, FormSubmission submission) {
      return forms.variables(schema, submission, ModelledTaskForms.this.variables(task), PAGE_FIELDS);
    }

    @Override
    public Map<String, Object> formModel(TaskView task, JiaoliuUser user) {
      return Map.of("camundaForm", schema, "camundaFormContext", ModelledTaskForms.this.variables(task));
    }

    /** What the form reads: its inputs' top-level keys, the options it names, its lists' and groups' paths. */
    @Override
    public Map<String, Object> shownVariables(Map<String, Object> all) {
      Map<String, Object> shown = new LinkedHashMap<>();
      collect(schema.components(), all, shown);
      return shown;
    }

    private void collect(Iterable<FormComponent> components, Map<String, Object> all, Map<String, Object> shown) {
      for (FormComponent c : components) {
        for (String path : new String[] {c.input() || c.type().equals("dynamiclist") ? c.path() : null,
            c.valuesKey()}) {
          if (path != null) {
            String top = path.split("\\.")[0];
            if (all.containsKey(top)) {
              shown.put(top, all.get(top));
            }
          }
        }
        if (c.type().equals("group")) {
          collect(c.components(), all, shown);
        }
      }
    }
  }
}
