package cn.jiaoliu.app.modelling;

import cn.jiaoliu.app.forms.CamundaForms;
import cn.jiaoliu.app.forms.FormProblem;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.BaseElement;
import io.camunda.zeebe.model.bpmn.instance.FlowElement;
import io.camunda.zeebe.model.bpmn.instance.Process;
import io.camunda.zeebe.model.bpmn.instance.StartEvent;
import io.camunda.zeebe.model.bpmn.instance.UserTask;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeAssignmentDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeFormDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskSchedule;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeUserTask;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeUserTaskForm;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads an upload with the BPMN model API and checks it against Camunda's own rules and Jiaoliu's:
 * every user task names scoped candidates (a school's principals, a district's office, a school's
 * teachers, or a person), has a due date and a Camunda Form Jiaoliu can draw; a start event's form
 * too. Camunda user tasks are deployed as job-worker user tasks, which Jiaoliu's inbox receives on a
 * cluster without secondary storage (the note says so). Nothing is deployed while a problem remains.
 */
final class ModelCheck {

  /** Candidate groups carry their scope: {@code principal:<school>}, {@code teaching-office:<district>}, {@code teacher:<school>}. */
  static final Pattern SCOPED_GROUP = Pattern.compile("^(principal|teaching-office|teacher):[A-Za-z0-9_.-]+$");
  private static final List<String> SCOPE_PREFIXES = List.of("\"principal:\"", "\"teaching-office:\"", "\"teacher:\"");
  static final int MAX_FILES = 20;
  static final int MAX_FILE_BYTES = 2 * 1024 * 1024;
  static final String EMBEDDED = "camunda-forms:bpmn:";

  private final CamundaForms forms;
  private final Set<String> reservedProcessIds;
  private final Function<String, Optional<String>> deployedForm;

  ModelCheck(CamundaForms forms, Set<String> reservedProcessIds, Function<String, Optional<String>> deployedForm) {
    this.forms = forms;
    this.reservedProcessIds = reservedProcessIds;
    this.deployedForm = deployedForm;
  }

  /** A process found in the upload: its id, name, whether its start event has a form. */
  record FoundProcess(String bpmnProcessId, String name, String fileName, boolean startForm) {}

  /** What the check found: the problems, the processes, the files as they are deployed, what was changed. */
  record Result(List<ModelProblem> problems, List<FoundProcess> processes, List<ModelFile> deployable,
      List<String> notes) {
    boolean ok() {
      return problems.isEmpty();
    }
  }

  Result check(List<ModelFile> files) {
    List<ModelProblem> problems = new ArrayList<>();
    List<FoundProcess> processes = new ArrayList<>();
    List<ModelFile> deployable = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    if (files.isEmpty()) {
      return new Result(List.of(new ModelProblem(null, "model.problem.noFiles")), List.of(), List.of(), List.of());
    }
    if (files.size() > MAX_FILES) {
      return new Result(List.of(new ModelProblem(null, "model.problem.tooManyFiles", MAX_FILES)), List.of(), List.of(),
          List.of());
    }
    Map<String, String> uploadedForms = new LinkedHashMap<>();
    for (ModelFile f : files) {
      if (f.content().length > MAX_FILE_BYTES) {
        problems.add(new ModelProblem(f.name(), "model.problem.tooLarge", MAX_FILE_BYTES / 1024 / 1024));
      } else if (f.kind() == ModelFile.Kind.OTHER) {
        problems.add(new ModelProblem(f.name(), "model.problem.kind"));
      } else if (!utf8(f.content())) {
        // a UTF-16 file would hide a DOCTYPE from the look below
        problems.add(new ModelProblem(f.name(), "model.problem.encoding"));
      } else if (f.text().contains("<!DOCTYPE") || f.text().contains("<!ENTITY")) {
        problems.add(new ModelProblem(f.name(), "model.problem.doctype"));
      } else if (f.kind() == ModelFile.Kind.FORM) {
        CamundaForms.Read read = forms.read(f.text());
        read.problems().forEach(p -> problems.add(formProblem(f.name(), p)));
        if (read.schema().id() == null) {
          problems.add(new ModelProblem(f.name(), "model.problem.formWithoutId"));
        } else {
          uploadedForms.put(read.schema().id(), f.text());
        }
      }
    }
    if (!problems.isEmpty()) {
      return new Result(problems, processes, List.of(), notes);
    }
    for (ModelFile f : files) {
      if (f.kind() != ModelFile.Kind.BPMN) {
        deployable.add(f);
        continue;
      }
      BpmnModelInstance model;
      try {
        model = Bpmn.readModelFromStream(new ByteArrayInputStream(f.content()));
      } catch (RuntimeException e) {
        problems.add(new ModelProblem(f.name(), "model.problem.unreadable", firstLine(e)));
        continue;
      }
      int converted = asJobWorkerTasks(model);
      if (converted > 0) {
        notes.add(f.name() + ": " + converted);
      }
      try {
        Bpmn.validateModel(model);
      } catch (RuntimeException e) {
        problems.add(new ModelProblem(f.name(), "model.problem.invalid", firstLine(e)));
        continue;
      }
      Collection<Process> executable = model.getModelElementsByType(Process.class).stream()
          .filter(Process::isExecutable).toList();
      if (executable.isEmpty()) {
        problems.add(new ModelProblem(f.name(), "model.problem.noProcess"));
      }
      for (Process p : executable) {
        if (reservedProcessIds.contains(p.getId())) {
          problems.add(new ModelProblem(f.name(), "model.problem.reservedId", p.getId()));
          continue;
        }
        boolean startForm = false;
        for (StartEvent start : p.getChildElementsByType(StartEvent.class)) {
          ZeebeFormDefinition form = start.getSingleExtensionElement(ZeebeFormDefinition.class);
          if (form != null) {
            startForm = true;
            checkForm(model, p, start, form, uploadedForms, problems);
          }
        }
        processes.add(new FoundProcess(p.getId(), p.getName(), f.name(), startForm));
      }
      for (UserTask task : model.getModelElementsByType(UserTask.class)) {
        checkUserTask(model, task, uploadedForms, problems);
      }
      deployable.add(converted > 0
          ? new ModelFile(f.name(), Bpmn.convertToString(model).getBytes(StandardCharsets.UTF_8)) : f);
    }
    if (processes.isEmpty() && problems.isEmpty()) {
      problems.add(new ModelProblem(null, "model.problem.noBpmn"));
    }
    return new Result(problems, processes, problems.isEmpty() ? deployable : List.of(), notes);
  }

  /** Camunda user tasks become job-worker user tasks (the {@code zeebe:userTask} marker removed). */
  private static int asJobWorkerTasks(BpmnModelInstance model) {
    int converted = 0;
    for (UserTask task : model.getModelElementsByType(UserTask.class)) {
      ZeebeUserTask marker = task.getSingleExtensionElement(ZeebeUserTask.class);
      if (marker != null) {
        task.getExtensionElements().removeChildElement(marker);
        converted++;
      }
    }
    return converted;
  }

  private void checkUserTask(BpmnModelInstance model, UserTask task, Map<String, String> uploadedForms,
      List<ModelProblem> problems) {
    String name = nameOf(task);
    ZeebeAssignmentDefinition assignment = task.getSingleExtensionElement(ZeebeAssignmentDefinition.class);
    String groups = assignment == null ? null : blankToNull(assignment.getCandidateGroups());
    boolean person = assignment != null
        && (blankToNull(assignment.getAssignee()) != null || blankToNull(assignment.getCandidateUsers()) != null);
    if (groups == null && !person) {
      problems.add(new ModelProblem(name, "model.problem.noCandidates"));
    } else if (groups != null && groups.startsWith("=")) {
      if (SCOPE_PREFIXES.stream().noneMatch(groups::contains)) {
        problems.add(new ModelProblem(name, "model.problem.unscopedExpression", groups));
      }
    } else if (groups != null) {
      for (String g : groups.split(",")) {
        if (!SCOPED_GROUP.matcher(g.strip()).matches()) {
          problems.add(new ModelProblem(name, "model.problem.unscopedGroup", g.strip()));
        }
      }
    }
    ZeebeTaskSchedule schedule = task.getSingleExtensionElement(ZeebeTaskSchedule.class);
    if (schedule == null || blankToNull(schedule.getDueDate()) == null) {
      problems.add(new ModelProblem(name, "model.problem.noDueDate"));
    }
    ZeebeFormDefinition form = task.getSingleExtensionElement(ZeebeFormDefinition.class);
    Process process = processOf(task);
    if (form == null) {
      problems.add(new ModelProblem(name, "model.problem.noForm"));
    } else if (process != null) {
      checkForm(model, process, task, form, uploadedForms, problems);
    }
  }

  private void checkForm(BpmnModelInstance model, Process process, FlowElement element, ZeebeFormDefinition form,
      Map<String, String> uploadedForms, List<ModelProblem> problems) {
    String name = nameOf(element);
    Optional<String> json = formJson(process, form, uploadedForms);
    if (json.isEmpty()) {
      problems.add(new ModelProblem(name, "model.problem.formMissing",
          form.getFormId() != null ? form.getFormId() : String.valueOf(form.getFormKey())));
      return;
    }
    CamundaForms.Read read = forms.read(json.get());
    read.problems().forEach(p -> problems.add(formProblem(name, p)));
  }

  /** The form a definition names: embedded in the process, uploaded with it, or deployed before. */
  private Optional<String> formJson(Process process, ZeebeFormDefinition form, Map<String, String> uploadedForms) {
    String formKey = blankToNull(form.getFormKey());
    if (formKey != null && formKey.startsWith(EMBEDDED)) {
      String id = formKey.substring(EMBEDDED.length());
      return embeddedForm(process, id);
    }
    String formId = blankToNull(form.getFormId());
    if (formId != null) {
      return uploadedForms.containsKey(formId) ? Optional.of(uploadedForms.get(formId)) : deployedForm.apply(formId);
    }
    return Optional.empty();
  }

  static Optional<String> embeddedForm(Process process, String id) {
    if (process.getExtensionElements() == null) {
      return Optional.empty();
    }
    return process.getExtensionElements().getChildElementsByType(ZeebeUserTaskForm.class).stream()
        .filter(f -> id.equals(f.getId())).map(ZeebeUserTaskForm::getTextContent).findFirst();
  }

  private static Process processOf(BaseElement element) {
    var parent = element.getParentElement();
    while (parent != null && !(parent instanceof Process)) {
      parent = parent.getParentElement();
    }
    return (Process) parent;
  }

  private static ModelProblem formProblem(String where, FormProblem p) {
    return new ModelProblem(where, p.messageKey(), p.args());
  }

  private static String nameOf(FlowElement element) {
    return element.getName() != null && !element.getName().isBlank() ? element.getName() + "（" + element.getId() + "）"
        : element.getId();
  }

  private static String firstLine(RuntimeException e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    message = message.strip();
    int newline = message.indexOf('\n');
    String line = newline < 0 ? message : message.substring(0, newline) + " " + message.substring(newline + 1).strip();
    return line.length() > 500 ? line.substring(0, 500) + "…" : line;
  }

  private static boolean utf8(byte[] content) {
    try {
      StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(content));
    } catch (CharacterCodingException e) {
      return false;
    }
    for (byte b : content) {
      if (b == 0) {
        return false;
      }
    }
    return true;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
