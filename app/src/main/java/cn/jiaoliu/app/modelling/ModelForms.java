package cn.jiaoliu.app.modelling;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.FlowElement;
import io.camunda.zeebe.model.bpmn.instance.Process;
import io.camunda.zeebe.model.bpmn.instance.StartEvent;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeFormDefinition;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The Camunda Form of a step of a deployed process version: embedded in its model, or linked by id
 * and taken from the same deployment (so an instance of an older version keeps that version's
 * forms, whatever was deployed since), else the form's newest version.
 */
@Component
class ModelForms {

  private final Models models;

  ModelForms(Models models) {
    this.models = models;
  }

  /** A task's form from the job's form key header: {@code camunda-forms:bpmn:<id>} or a linked form's key. */
  Optional<String> ofTask(Models.ProcessVersion version, String formKeyHeader) {
    if (formKeyHeader == null || formKeyHeader.isBlank()) {
      return Optional.empty();
    }
    if (formKeyHeader.startsWith(ModelCheck.EMBEDDED)) {
      String id = formKeyHeader.substring(ModelCheck.EMBEDDED.length());
      return model(version).flatMap(m -> process(m, version.bpmnProcessId()))
          .flatMap(p -> ModelCheck.embeddedForm(p, id));
    }
    try {
      long key = Long.parseLong(formKeyHeader.strip());
      return models.form(key).flatMap(f -> models.form(f.formId(), version.deploymentKey()))
          .map(Models.FormVersion::schemaJson);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** The start form of a process version, if its none start event has one. */
  Optional<String> ofStart(Models.ProcessVersion version) {
    return model(version).flatMap(m -> process(m, version.bpmnProcessId()).flatMap(p -> {
      for (StartEvent start : p.getChildElementsByType(StartEvent.class)) {
        ZeebeFormDefinition form = start.getSingleExtensionElement(ZeebeFormDefinition.class);
        if (form != null) {
          return of(version, p, start, form);
        }
      }
      return Optional.empty();
    }));
  }

  private Optional<String> of(Models.ProcessVersion version, Process process, FlowElement element,
      ZeebeFormDefinition form) {
    if (form.getFormKey() != null && form.getFormKey().startsWith(ModelCheck.EMBEDDED)) {
      return ModelCheck.embeddedForm(process, form.getFormKey().substring(ModelCheck.EMBEDDED.length()));
    }
    return form.getFormId() == null ? Optional.empty()
        : models.form(form.getFormId(), version.deploymentKey()).map(Models.FormVersion::schemaJson);
  }

  static Optional<BpmnModelInstance> model(Models.ProcessVersion version) {
    try {
      return Optional.of(Bpmn.readModelFromStream(
          new ByteArrayInputStream(version.xml().getBytes(StandardCharsets.UTF_8))));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  private static Optional<Process> process(BpmnModelInstance model, String bpmnProcessId) {
    return model.getModelElementById(bpmnProcessId) instanceof Process p ? Optional.of(p) : Optional.empty();
  }
}
