package cn.jiaoliu.app.modelling;

import cn.jiaoliu.app.persistence.RecordRows;
import cn.jiaoliu.app.security.JiaoliuUser;
import cn.jiaoliu.app.security.Role;
import cn.jiaoliu.app.tasklist.ProcessModelSource;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The processes and forms deployed through Jiaoliu, every version with who deployed it and when:
 * what the inbox, the catalogue and the diagrams read of them.
 */
@Component
public class Models implements ProcessModelSource {

  private final JdbcClient jdbc;

  Models(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** One version of a process as deployed. */
  public record ProcessVersion(long processDefinitionKey, long deploymentKey, String bpmnProcessId, int version,
      String name, String resourceName, String xml, String starterRoles, String deployedBy, String deployedByName,
      OffsetDateTime deployedAt, String notes) {

    public Set<Role> starters() {
      return starterRoles == null || starterRoles.isBlank() ? Set.of()
          : Arrays.stream(starterRoles.split(",")).map(String::strip).map(Role::fromRealmRole)
              .flatMap(Optional::stream).collect(Collectors.toUnmodifiableSet());
    }

    /** The process's name, else its id. */
    public String title() {
      return name == null || name.isBlank() ? bpmnProcessId : name;
    }
  }

  /** One version of a form as deployed. */
  public record FormVersion(long formKey, long deploymentKey, String formId, int version, String schemaJson) {}

  private static final String PROCESS_COLUMNS = """
      p.process_definition_key, p.deployment_key, p.bpmn_process_id, p.version, p.name, p.resource_name, p.xml,
      p.starter_roles, d.deployed_by, d.deployed_by_name, d.deployed_at, d.notes""";

  public Optional<ProcessVersion> version(long processDefinitionKey) {
    return jdbc.sql("select " + PROCESS_COLUMNS + " from process_model p join model_deployment d"
            + " on d.deployment_key = p.deployment_key where p.process_definition_key = :k")
        .param("k", processDefinitionKey).query(RecordRows.of(ProcessVersion.class)).optional();
  }

  public Optional<ProcessVersion> latest(String bpmnProcessId) {
    return versions(bpmnProcessId).stream().findFirst();
  }

  /** Every version of a process, newest first. */
  public List<ProcessVersion> versions(String bpmnProcessId) {
    return jdbc.sql("select " + PROCESS_COLUMNS + " from process_model p join model_deployment d"
            + " on d.deployment_key = p.deployment_key where p.bpmn_process_id = :id order by p.version desc")
        .param("id", bpmnProcessId).query(RecordRows.of(ProcessVersion.class)).list();
  }

  /** The newest version of every process deployed through Jiaoliu, by name. */
  public List<ProcessVersion> latestOfEach() {
    return jdbc.sql("select " + PROCESS_COLUMNS + " from process_model p join model_deployment d"
            + " on d.deployment_key = p.deployment_key where p.version = (select max(q.version) from process_model q"
            + " where q.bpmn_process_id = p.bpmn_process_id) order by p.name, p.bpmn_process_id")
        .query(RecordRows.of(ProcessVersion.class)).list();
  }

  /** The processes this user's roles may start (the newest version of each). */
  public List<ProcessVersion> startableBy(JiaoliuUser user) {
    return latestOfEach().stream().filter(p -> p.starters().stream().anyMatch(user::has)).toList();
  }

  public boolean deployedThroughJiaoliu(String bpmnProcessId) {
    return jdbc.sql("select count(*) from process_model where bpmn_process_id = :id").param("id", bpmnProcessId)
        .query(Long.class).single() > 0;
  }

  public Optional<FormVersion> form(long formKey) {
    return jdbc.sql("select form_key, deployment_key, form_id, version, schema_json from form_model where form_key = :k")
        .param("k", formKey).query(RecordRows.of(FormVersion.class)).optional();
  }

  /** The form of that id deployed together with that deployment, else its newest version. */
  public Optional<FormVersion> form(String formId, long deploymentKey) {
    return jdbc.sql("""
            select form_key, deployment_key, form_id, version, schema_json from form_model where form_id = :id
            order by case when deployment_key = :d then 0 else 1 end, version desc""")
        .param("id", formId).param("d", deploymentKey).query(RecordRows.of(FormVersion.class)).list().stream()
        .findFirst();
  }

  /** The newest form of that id, for checking a model that links a form deployed before. */
  public Optional<String> latestFormJson(String formId) {
    return jdbc.sql("select schema_json from form_model where form_id = :id order by version desc")
        .param("id", formId).query(String.class).list().stream().findFirst();
  }

  @Override
  public Optional<String> bpmn(long processDefinitionKey) {
    return version(processDefinitionKey).map(ProcessVersion::xml);
  }

  @Override
  public Optional<String> latestBpmn(String bpmnProcessId) {
    return latest(bpmnProcessId).map(ProcessVersion::xml);
  }
}
