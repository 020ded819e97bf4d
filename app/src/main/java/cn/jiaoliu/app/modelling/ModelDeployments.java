package cn.jiaoliu.app.modelling;

import cn.jiaoliu.app.audit.AuditTrail;
import cn.jiaoliu.app.engine.EngineUnavailableException;
import cn.jiaoliu.app.forms.CamundaForms;
import cn.jiaoliu.app.security.Role;
import cn.jiaoliu.processes.ProcessIds;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientStatusException;
import io.camunda.client.api.command.DeployResourceCommandStep1.DeployResourceCommandStep2;
import io.camunda.client.api.response.DeploymentEvent;
import io.grpc.Status;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deploys what an administrator uploads: checked first ({@link ModelCheck}), then sent to the engine
 * as one deployment, then every process and form version it made kept with who deployed it and when
 * and who may start it. The engine keeps older versions: their instances finish on them.
 */
@Service
public class ModelDeployments {

  /** The processes compiled into the app; an upload may not replace them. */
  static final Set<String> COMPILED = Set.of(ProcessIds.ROTATION_APPLICATION, ProcessIds.ANNUAL_ASSESSMENT,
      ProcessIds.ASSESSMENT_ROUND_SCHEDULE);
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final CamundaClient client;
  private final CamundaForms forms;
  private final Models models;
  private final JdbcClient jdbc;
  private final TransactionTemplate tx;
  private final AuditTrail audit;
  private final Clock clock;
  private final ModelMessages names;
  private final ModelLint lint;

  ModelDeployments(CamundaClient client, CamundaForms forms, Models models, JdbcClient jdbc, TransactionTemplate tx,
      AuditTrail audit, Clock clock, ModelMessages names, ModelLint lint) {
    this.names = names;
    this.lint = lint;
    this.client = client;
    this.forms = forms;
    this.models = models;
    this.jdbc = jdbc;
    this.tx = tx;
    this.audit = audit;
    this.clock = clock;
  }

  /** Who deploys: a person, or the demo on first start. */
  public record Deployer(String username, String displayName, String role) {}

  /** What a deployment did: the check's findings and, when deployed, the process versions made. */
  public record Outcome(List<ModelProblem> problems, List<String> notes, List<Models.ProcessVersion> deployed) {
    public boolean ok() {
      return problems.isEmpty();
    }
  }

  ModelCheck.Result check(List<ModelFile> files) {
    Function<String, Optional<String>> deployedForm = models::latestFormJson;
    ModelCheck.Result checked = new ModelCheck(forms, COMPILED, deployedForm).check(files);
    if (!checked.ok()) {
      return checked;
    }
    // bpmnlint over the models as they would be deployed (Camunda user tasks already job-worker ones)
    List<ModelProblem> linted = lint.lint(checked.deployable());
    return linted.isEmpty() ? checked
        : new ModelCheck.Result(linted, checked.processes(), List.of(), checked.notes());
  }

  public Outcome deploy(Deployer who, List<ModelFile> files, Set<Role> starters) {
    ModelCheck.Result checked = check(files);
    if (!checked.ok()) {
      return new Outcome(checked.problems(), checked.notes(), List.of());
    }
    DeploymentEvent deployment;
    try {
      DeployResourceCommandStep2 command = null;
      for (ModelFile f : checked.deployable()) {
        command = command == null ? client.newDeployResourceCommand().addResourceBytes(f.content(), f.name())
            : command.addResourceBytes(f.content(), f.name());
      }
      deployment = command.requestTimeout(TIMEOUT).send().join();
    } catch (ClientStatusException | CompletionException e) {
      Status.Code code = e instanceof ClientStatusException s ? s.getStatusCode()
          : e.getCause() instanceof ClientStatusException s ? s.getStatusCode() : Status.Code.UNKNOWN;
      if (code == Status.Code.INVALID_ARGUMENT) {
        return new Outcome(List.of(new ModelProblem(null, "model.problem.engineRefused", e.getMessage())),
            checked.notes(), List.of());
      }
      throw new EngineUnavailableException("deploying models", e);
    }
    Map<String, ModelFile> byName = checked.deployable().stream()
        .collect(Collectors.toMap(ModelFile::name, f -> f, (a, b) -> a));
    String roles = starters.stream().map(Role::realmRole).sorted().collect(Collectors.joining(","));
    OffsetDateTime now = OffsetDateTime.now(clock);
    tx.executeWithoutResult(status -> {
      jdbc.sql("""
              insert into model_deployment (deployment_key, deployed_by, deployed_by_name, deployed_at, resources, notes)
              values (:k, :by, :name, :at, :resources, :notes) on conflict do nothing""")
          .param("k", deployment.getKey()).param("by", who.username()).param("name", who.displayName())
          .param("at", now).param("resources", String.join(", ", byName.keySet()))
          .param("notes", checked.notes().isEmpty() ? null : String.join("; ", checked.notes())).update();
      for (var p : deployment.getProcesses()) {
        String xml = byName.get(p.getResourceName()).text();
        String name = checked.processes().stream().filter(f -> f.bpmnProcessId().equals(p.getBpmnProcessId()))
            .map(ModelCheck.FoundProcess::name).findFirst().orElse(null);
        jdbc.sql("""
                insert into process_model (process_definition_key, deployment_key, bpmn_process_id, version, name,
                  resource_name, xml, starter_roles)
                values (:k, :d, :id, :v, :name, :resource, :xml, :roles) on conflict do nothing""")
            .param("k", p.getProcessDefinitionKey()).param("d", deployment.getKey()).param("id", p.getBpmnProcessId())
            .param("v", p.getVersion()).param("name", name).param("resource", p.getResourceName()).param("xml", xml)
            .param("roles", roles).update();
        // who may start it is set with each deployment, for the newest version
        jdbc.sql("update process_model set starter_roles = :roles where process_definition_key = :k")
            .param("roles", roles).param("k", p.getProcessDefinitionKey()).update();
      }
      for (var f : deployment.getForm()) {
        jdbc.sql("""
                insert into form_model (form_key, deployment_key, form_id, version, resource_name, schema_json)
                values (:k, :d, :id, :v, :resource, :json) on conflict do nothing""")
            .param("k", f.getFormKey()).param("d", deployment.getKey()).param("id", f.getFormId())
            .param("v", f.getVersion()).param("resource", f.getResourceName())
            .param("json", byName.get(f.getResourceName()).text()).update();
      }
      audit.record("PROCESS_MODEL", deployment.getKey(), who.username(), who.role(), "MODEL_DEPLOYED",
          String.join(", ", byName.keySet()) + " starters=" + roles);
    });
    deployment.getProcesses().forEach(p -> names.forget(p.getBpmnProcessId()));
    List<Models.ProcessVersion> deployed = new ArrayList<>();
    deployment.getProcesses().forEach(p -> models.version(p.getProcessDefinitionKey()).ifPresent(deployed::add));
    return new Outcome(List.of(), checked.notes(), deployed);
  }
}
