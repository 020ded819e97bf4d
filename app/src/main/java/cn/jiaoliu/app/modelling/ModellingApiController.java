package cn.jiaoliu.app.modelling;

import cn.jiaoliu.app.forms.CamundaForms;
import cn.jiaoliu.app.forms.FormSubmission;
import cn.jiaoliu.app.security.AllowedRoles;
import cn.jiaoliu.app.security.JiaoliuUser;
import cn.jiaoliu.app.security.Role;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** The catalogue, cases of modelled processes, and deployment (administrators), over REST. */
@RestController
class ModellingApiController {

  private final Models models;
  private final ModelDeployments deployments;
  private final ProcessCases cases;
  private final ProcessCasePage casePage;
  private final MessageSource messages;

  ModellingApiController(Models models, ModelDeployments deployments, ProcessCases cases, ProcessCasePage casePage,
      MessageSource messages) {
    this.models = models;
    this.deployments = deployments;
    this.cases = cases;
    this.casePage = casePage;
    this.messages = messages;
  }

  record ProcessDto(String id, String name, int version, long processDefinitionKey, List<String> starters) {
    static ProcessDto of(Models.ProcessVersion v) {
      return new ProcessDto(v.bpmnProcessId(), v.title(), v.version(), v.processDefinitionKey(),
          v.starters().stream().map(Role::realmRole).sorted().toList());
    }
  }

  record ProblemDto(String where, String code, String message) {}

  record DeploymentDto(List<ProcessDto> deployed, List<ProblemDto> problems, List<String> notes) {}

  @PostMapping("/api/admin/models")
  @AllowedRoles(Role.ADMIN)
  ResponseEntity<DeploymentDto> deploy(JiaoliuUser user, @RequestParam("files") List<MultipartFile> files,
      @RequestParam(name = "starter", required = false) List<String> starters, Locale locale) throws IOException {
    List<ModelFile> uploaded = new ArrayList<>();
    for (MultipartFile f : files) {
      uploaded.add(new ModelFile(f.getOriginalFilename() == null ? "model" : f.getOriginalFilename(), f.getBytes()));
    }
    ModelDeployments.Outcome outcome = deployments.deploy(
        new ModelDeployments.Deployer(user.username(), user.displayName(), user.primaryRole()), uploaded,
        ModelsController.starters(starters));
    DeploymentDto body = new DeploymentDto(outcome.deployed().stream().map(ProcessDto::of).toList(),
        outcome.problems().stream().map(p -> new ProblemDto(p.where(), p.messageKey(),
            messages.getMessage(p.messageKey(), p.args(), locale))).toList(), outcome.notes());
    return ResponseEntity.status(outcome.ok() ? HttpStatus.CREATED : HttpStatus.BAD_REQUEST).body(body);
  }

  @GetMapping("/api/admin/models/{bpmnProcessId}")
  @AllowedRoles(Role.ADMIN)
  List<ProcessDto> versions(@PathVariable String bpmnProcessId) {
    return models.versions(bpmnProcessId).stream().map(ProcessDto::of).toList();
  }

  @GetMapping("/api/processes")
  List<ProcessDto> catalogue(JiaoliuUser user) {
    return models.startableBy(user).stream().map(ProcessDto::of).toList();
  }

  record CaseDto(long id, String processId, String title, String status, Long processInstanceKey, String starter,
      OffsetDateTime startedAt, OffsetDateTime endedAt, List<CamundaForms.Entry> started,
      List<ProcessCasePage.DoneStep> done) {}

  @PostMapping("/api/processes/{bpmnProcessId}/start")
  ResponseEntity<CaseDto> start(JiaoliuUser user, @PathVariable String bpmnProcessId,
      @RequestBody(required = false) Map<String, Object> values) {
    ProcessCase started = cases.start(user, bpmnProcessId, FormSubmission.ofJson(values == null ? Map.of() : values));
    return ResponseEntity.status(ProcessCase.STARTING.equals(started.status()) ? HttpStatus.ACCEPTED
        : HttpStatus.CREATED).body(dto(user, started.id()));
  }

  @GetMapping("/api/processes/cases/{id}")
  CaseDto get(JiaoliuUser user, @PathVariable long id) {
    return dto(user, id);
  }

  private CaseDto dto(JiaoliuUser user, long id) {
    ProcessCasePage.View v = casePage.of(user, id);
    ProcessCase c = v.c();
    return new CaseDto(c.id(), c.bpmnProcessId(), c.title(), c.status(), c.processInstanceKey(), c.starter(),
        c.startedAt(), c.endedAt(), v.started(), v.done());
  }
}
