package cn.jiaoliu.app.modelling;

import cn.jiaoliu.app.audit.AuditTrail;
import cn.jiaoliu.app.forms.CamundaForms;
import cn.jiaoliu.app.security.JiaoliuUser;
import cn.jiaoliu.app.tasklist.CaseProgress;
import cn.jiaoliu.app.tasklist.TaskService;
import cn.jiaoliu.app.tasklist.TaskView;
import cn.jiaoliu.app.web.UserFacingException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * The page of a case of any modelled process: what was asked at the start, each step done with what
 * its form recorded (who, when), where it stands and what may come next, and its audit trail. Only
 * those who may read the case see it; to anyone else it is "not found".
 */
@Component
class ProcessCasePage {

  private final ProcessCases cases;
  private final ModelledCases subjects;
  private final Models models;
  private final ModelForms modelForms;
  private final CamundaForms forms;
  private final TaskService tasks;
  private final CaseProgress progress;
  private final AuditTrail audit;
  private final MessageSource messages;

  ProcessCasePage(ProcessCases cases, ModelledCases subjects, Models models, ModelForms modelForms, CamundaForms forms,
      TaskService tasks, CaseProgress progress, AuditTrail audit, MessageSource messages) {
    this.cases = cases;
    this.subjects = subjects;
    this.models = models;
    this.modelForms = modelForms;
    this.forms = forms;
    this.tasks = tasks;
    this.progress = progress;
    this.audit = audit;
    this.messages = messages;
  }

  /** A step done, with what its form recorded. */
  record DoneStep(String nameKey, String signer, OffsetDateTime at, List<CamundaForms.Entry> entries) {}

  record View(ProcessCase c, Models.ProcessVersion version, List<CamundaForms.Entry> started, List<DoneStep> done,
      List<CaseProgress.Step> steps, List<AuditTrail.AuditEvent> audit) {}

  View of(JiaoliuUser user, long id) {
    ProcessCase c = cases.find(id).filter(x -> subjects.readable(user, x.id()))
        .orElseThrow(UserFacingException::notFound);
    Models.ProcessVersion version = models.version(c.processDefinitionKey()).orElseThrow(UserFacingException::notFound);
    Locale locale = LocaleContextHolder.getLocale();
    Map<String, Object> startVariables = cases.read(c.startVariables());
    List<CamundaForms.Entry> started = modelForms.ofStart(version).map(forms::read).filter(CamundaForms.Read::usable)
        .map(r -> summary(r, startVariables, locale)).orElse(List.of());
    List<DoneStep> done = new ArrayList<>();
    if (c.processInstanceKey() != null) {
      for (TaskView t : tasks.completedOf(c.processInstanceKey())) {
        Optional<CamundaForms.Read> form = (t.processDefinitionKey() == null ? Optional.of(version)
            : models.version(t.processDefinitionKey())).flatMap(v -> modelForms.ofTask(v, t.formKey()))
            .map(forms::read).filter(CamundaForms.Read::usable);
        done.add(new DoneStep(t.nameKey(), t.signerName(), t.closedAt(),
            form.map(r -> summary(r, tasks.submission(t), locale)).orElse(List.of())));
      }
    }
    return new View(c, version, started, done, progress.of(user, c.bpmnProcessId(), c.processInstanceKey()),
        audit.of(ProcessCase.SUBJECT, id));
  }

  private List<CamundaForms.Entry> summary(CamundaForms.Read read, Map<String, Object> values, Locale locale) {
    return forms.summary(read.schema(), values, values, locale, messages.getMessage("form.yes", null, locale),
        messages.getMessage("form.no", null, locale));
  }
}
