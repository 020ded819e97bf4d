package cn.jiaoliu.app.modelling;

import cn.jiaoliu.app.audit.AuditTrail;
import cn.jiaoliu.app.engine.EngineUnavailableException;
import cn.jiaoliu.app.engine.ProcessStarter;
import cn.jiaoliu.app.forms.CamundaForms;
import cn.jiaoliu.app.forms.FormSubmission;
import cn.jiaoliu.app.persistence.RecordRows;
import cn.jiaoliu.app.programme.SchoolDirectory;
import cn.jiaoliu.app.security.JiaoliuUser;
import cn.jiaoliu.app.web.UserFacingException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;

/**
 * Starting a modelled process from the catalogue, and knowing when its instances end. The start
 * form's submission is checked, stored with the starter's variables (so a model can route by the
 * starter's school: {@code ="principal:" + starterSchoolCode}) and only then sent to the engine; what
 * the engine could not take is started again later, never lost.
 */
@Service
public class ProcessCases {

  private static final Logger log = LoggerFactory.getLogger(ProcessCases.class);
  private static final TypeReference<Map<String, Object>> VARIABLES = new TypeReference<>() {};
  /** How often an instance without an open step is asked whether it still runs. */
  static final Duration LOOK_AGAIN = Duration.ofMinutes(2);

  private final Models models;
  private final ModelForms modelForms;
  private final CamundaForms forms;
  private final ProcessStarter starter;
  private final SchoolDirectory schools;
  private final JdbcClient jdbc;
  private final ObjectMapper json;
  private final Clock clock;
  private final AuditTrail audit;

  ProcessCases(Models models, ModelForms modelForms, CamundaForms forms, ProcessStarter starter,
      SchoolDirectory schools, JdbcClient jdbc, ObjectMapper json, Clock clock, AuditTrail audit) {
    this.models = models;
    this.modelForms = modelForms;
    this.forms = forms;
    this.starter = starter;
    this.schools = schools;
    this.jdbc = jdbc;
    this.json = json;
    this.clock = clock;
    this.audit = audit;
  }

  /** A process this user may start, by id (its newest version); "not found" otherwise. */
  public Models.ProcessVersion startable(JiaoliuUser user, String bpmnProcessId) {
    return models.latest(bpmnProcessId).filter(v -> v.starters().stream().anyMatch(user::has))
        .orElseThrow(UserFacingException::notFound);
  }

  /** The start form of a version, if it has one Jiaoliu can draw. */
  public Optional<CamundaForms.Read> startForm(Models.ProcessVersion version) {
    return modelForms.ofStart(version).map(forms::read);
  }

  /**
   * What a start form and a model may read of the one who starts: username, name, school (code and
   * name), district, and the schools paired with theirs as options ({@code pairedSchools}).
   */
  public Map<String, Object> starterVariables(JiaoliuUser user) {
    Map<String, Object> vars = new LinkedHashMap<>();
    vars.put("starterUsername", user.username());
    vars.put("starterName", user.displayName());
    vars.put("starterSchoolCode", user.schoolCode());
    vars.put("starterSchoolName", user.schoolCode() == null ? null
        : schools.schoolNames(List.of(user.schoolCode())).get(user.schoolCode()));
    vars.put("starterDistrictCode", user.districtCode());
    return vars;
  }

  /** The start form's context: the starter's variables and the schools paired with theirs today. */
  public Map<String, Object> startContext(JiaoliuUser user) {
    Map<String, Object> context = starterVariables(user);
    LocalDate today = LocalDate.now(clock);
    if (user.schoolCode() != null) {
      context.put("pairedSchools", schools.pairingsOf(user.schoolCode()).stream()
          .filter(p -> (p.startsOn() == null || !p.startsOn().isAfter(today))
              && (p.endsOn() == null || !p.endsOn().isBefore(today)))
          .map(p -> p.urbanCode().equals(user.schoolCode())
              ? Map.of("label", p.ruralName(), "value", p.ruralCode())
              : Map.of("label", p.urbanName(), "value", p.urbanCode()))
          .distinct().toList());
    }
    return context;
  }

  /** Starts a case: checked, stored, then sent to the engine (or kept until it is back). */
  public ProcessCase start(JiaoliuUser user, String bpmnProcessId, FormSubmission submission) {
    Models.ProcessVersion version = startable(user, bpmnProcessId);
    Map<String, Object> context = startContext(user);
    Map<String, Object> variables = new LinkedHashMap<>();
    Optional<CamundaForms.Read> form = startForm(version);
    if (form.isPresent()) {
      if (!form.get().usable()) {
        throw new UserFacingException(HttpStatus.CONFLICT, "catalogue.formUnusable");
      }
      variables.putAll(forms.variables(form.get().schema(), submission, context, Set.of()));
    } else if (!submission.values().isEmpty()) {
      throw UserFacingException.field(submission.values().keySet().iterator().next(), "form.unknownField",
          submission.values().keySet().iterator().next());
    }
    variables.putAll(starterVariables(user));
    OffsetDateTime now = OffsetDateTime.now(clock);
    String title = version.title() + "（" + user.displayName() + "）";
    var key = new GeneratedKeyHolder();
    jdbc.sql("""
            insert into process_case (bpmn_process_id, process_definition_key, title, starter, starter_name,
              school_code, district_code, status, start_variables, started_at)
            values (:pid, :def, :title, :starter, :name, :school, :district, 'STARTING', :vars, :at)""")
        .param("pid", version.bpmnProcessId()).param("def", version.processDefinitionKey()).param("title", title)
        .param("starter", user.username()).param("name", user.displayName()).param("school", user.schoolCode())
        .param("district", user.districtCode()).param("vars", write(variables)).param("at", now)
        .update(key, "id");
    long id = key.getKeyAs(Number.class).longValue();
    audit.record(ProcessCase.SUBJECT, id, user.username(), user.primaryRole(), "CASE_STARTED",
        version.bpmnProcessId() + " v" + version.version());
    send(id);
    return find(id).orElseThrow();
  }

  /** Sends a stored case to the engine; false while the engine is away (it is sent again later). */
  boolean send(long id) {
    ProcessCase c = find(id).orElseThrow();
    if (!ProcessCase.STARTING.equals(c.status())) {
      return true;
    }
    Map<String, Object> variables = read(c.startVariables());
    variables.put("jiaoliuCaseId", id);
    jdbc.sql("update process_case set start_attempts = start_attempts + 1 where id = :id").param("id", id).update();
    try {
      long instance = starter.startVersion(c.processDefinitionKey(), variables);
      // a task of the instance may have told the case its instance first: that one stays
      jdbc.sql("""
              update process_case set status = 'RUNNING', checked_at = :now,
                process_instance_key = coalesce(process_instance_key, :k) where id = :id and status = 'STARTING'""")
          .param("k", instance).param("id", id).param("now", OffsetDateTime.now(clock)).update();
      return true;
    } catch (EngineUnavailableException e) {
      log.warn("case {} is kept and started when the engine is back: {}", id, e.toString());
      return false;
    }
  }

  /**
   * The case of an instance started outside the app, of a version deployed through it: found by the
   * instance, else opened (running, started by nobody the app knows); empty for other processes.
   */
  Optional<Long> ofInstanceStartedElsewhere(long processInstanceKey, long processDefinitionKey) {
    Optional<Long> known = jdbc.sql("select id from process_case where process_instance_key = :k")
        .param("k", processInstanceKey).query(Long.class).optional();
    if (known.isPresent()) {
      return known;
    }
    Optional<Models.ProcessVersion> version = models.version(processDefinitionKey);
    if (version.isEmpty()) {
      return Optional.empty();
    }
    jdbc.sql("""
            insert into process_case (bpmn_process_id, process_definition_key, process_instance_key, title, starter,
              status, start_variables, started_at, checked_at)
            values (:pid, :def, :k, :title, :starter, 'RUNNING', '{}', :at, :at) on conflict do nothing""")
        .param("pid", version.get().bpmnProcessId()).param("def", processDefinitionKey).param("k", processInstanceKey)
        .param("title", version.get().title() + " #" + processInstanceKey).param("starter", ProcessCase.ELSEWHERE)
        .param("at", OffsetDateTime.now(clock)).update();
    return jdbc.sql("select id from process_case where process_instance_key = :k")
        .param("k", processInstanceKey).query(Long.class).optional();
  }

  /** Cases whose start the engine has not taken yet, oldest first. */
  List<Long> waitingToStart() {
    return jdbc.sql("select id from process_case where status = 'STARTING' order by id").query(Long.class).list();
  }

  /**
   * Running cases without an open step, not looked at for a while: asked whether the engine still
   * runs them; those it does not are ENDED.
   */
  int lookForEnds() {
    OffsetDateTime now = OffsetDateTime.now(clock);
    List<ProcessCase> quiet = jdbc.sql("""
            select * from process_case c where c.status = 'RUNNING' and c.process_instance_key is not null
              and (c.checked_at is null or c.checked_at < :before)
              and not exists (select 1 from task_view t where t.subject_type = 'PROCESS_CASE' and t.subject_id = c.id
                and t.status in ('OPEN', 'COMPLETING'))
            order by c.checked_at nulls first fetch first 200 rows only""")
        .param("before", now.minus(LOOK_AGAIN)).query(RecordRows.of(ProcessCase.class)).list();
    int ended = 0;
    for (ProcessCase c : quiet) {
      boolean running = starter.running(c.processInstanceKey());
      jdbc.sql("update process_case set checked_at = :now, status = :status, ended_at = :ended where id = :id")
          .param("now", now).param("status", running ? ProcessCase.RUNNING : ProcessCase.ENDED)
          .param("ended", running ? null : now).param("id", c.id()).update();
      if (!running) {
        ended++;
        audit.record(ProcessCase.SUBJECT, c.id(), AuditTrail.SYSTEM, AuditTrail.SYSTEM, "CASE_ENDED",
            c.bpmnProcessId());
      }
    }
    return ended;
  }

  /** A step of the case was decided: look at it again at the next round. */
  void stepDecided(long id) {
    jdbc.sql("update process_case set checked_at = null where id = :id").param("id", id).update();
  }

  public Optional<ProcessCase> find(long id) {
    return jdbc.sql("select * from process_case where id = :id").param("id", id)
        .query(RecordRows.of(ProcessCase.class)).optional();
  }

  /** The cases this user started, newest first. */
  public List<ProcessCase> startedBy(String username) {
    return jdbc.sql("select * from process_case where starter = :u order by id desc fetch first 200 rows only")
        .param("u", username).query(RecordRows.of(ProcessCase.class)).list();
  }

  /** The instance a case runs in: the first one reported, kept. */
  long ownInstance(long id, long processInstanceKey) {
    jdbc.sql("update process_case set process_instance_key = :k where id = :id and process_instance_key is null")
        .param("k", processInstanceKey).param("id", id).update();
    return find(id).map(ProcessCase::processInstanceKey).orElse(processInstanceKey);
  }

  Map<String, Object> read(String variables) {
    try {
      return new LinkedHashMap<>(json.readValue(variables, VARIABLES));
    } catch (JsonProcessingException e) {
      return new LinkedHashMap<>();
    }
  }

  private String write(Map<String, Object> variables) {
    try {
      return json.writeValueAsString(variables);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("start variables must be JSON", e);
    }
  }
}
