package cn.jiaoliu.app.application;

import cn.jiaoliu.app.programme.SchoolDirectory;
import cn.jiaoliu.app.security.CaseScope.Party;
import cn.jiaoliu.app.security.JiaoliuUser;
import cn.jiaoliu.app.tasklist.TaskFormHandler;
import cn.jiaoliu.app.tasklist.TaskView;
import cn.jiaoliu.app.web.UserFacingException;
import cn.jiaoliu.processes.application.ApplicationProcess;
import cn.jiaoliu.processes.application.CollectFactsInput;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;

/**
 * The forms of the application's human steps. Each checks, on the server, that the user acts for
 * the right school or district (a candidate group alone is not enough), that the application is
 * still at that step, and that a rejection, a return or a decline carries a comment.
 */
@Configuration
class ApplicationTaskForms {

  static final int COMMENT_MAX = 1000;

  @Bean
  TaskFormHandler signOpinionForm(RotationApplicationRepository applications, DispatchingSigner signer) {
    return new DecisionForm(applications, ApplicationProcess.FORM_SIGN_OPINION, ApplicationStatus.AWAITING_OPINION,
        Set.of(ApplicationProcess.APPROVE, ApplicationProcess.REJECT, ApplicationProcess.RETURN),
        Set.of(ApplicationProcess.REJECT, ApplicationProcess.RETURN),
        signer::partyOf);
  }

  @Bean
  TaskFormHandler acceptTeacherForm(RotationApplicationRepository applications) {
    return new DecisionForm(applications, ApplicationProcess.FORM_ACCEPT_TEACHER, ApplicationStatus.AWAITING_ACCEPTANCE,
        Set.of(ApplicationProcess.ACCEPT, ApplicationProcess.DECLINE), Set.of(ApplicationProcess.DECLINE),
        a -> Party.TARGET_PRINCIPAL);
  }

  @Bean
  TaskFormHandler approveApplicationForm(RotationApplicationRepository applications) {
    return new DecisionForm(applications, ApplicationProcess.FORM_APPROVE_APPLICATION, ApplicationStatus.AWAITING_APPROVAL,
        Set.of(ApplicationProcess.APPROVE, ApplicationProcess.REJECT), Set.of(ApplicationProcess.REJECT),
        a -> Party.DISTRICT_OFFICE);
  }

  @Bean
  TaskFormHandler reviseApplicationForm(RotationApplicationRepository applications, ApplicationForm form,
      SchoolDirectory directory) {
    return new TaskFormHandler() {
      @Override
      public boolean mayAct(TaskView task, JiaoliuUser user) {
        return task.subjectId() != null && applications.findById(task.subjectId())
            .map(a -> a.scope().actsAs(user, Party.APPLICANT)).orElse(false);
      }

      @Override
      public Map<String, Object> formModel(TaskView task, JiaoliuUser user) {
        RotationApplication a = load(applications, task);
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("targetSchoolCode", a.targetSchoolCode());
        fields.put("post", a.post().name());
        fields.put("subject", a.subject());
        fields.put("periodStart", a.periodStart().toString());
        fields.put("periodEnd", a.periodEnd().toString());
        fields.put("yearsOfService", String.valueOf(a.yearsOfService()));
        fields.put("reasons", a.reasons());
        return Map.of("fields", fields, "pairings", directory.pairingsOf(a.homeSchoolCode()), "mySchool", a.homeSchoolCode());
      }

      @Override
      public String formKey() {
        return ApplicationProcess.FORM_REVISE_APPLICATION;
      }

      @Override
      public Map<String, Object> variables(TaskView task, JiaoliuUser user, Map<String, String> fields) {
        RotationApplication a = load(applications, task);
        if (!a.scope().actsAs(user, Party.APPLICANT)) {
          throw new UserFacingException(HttpStatus.FORBIDDEN, "error.forbidden");
        }
        requireStatus(a, ApplicationStatus.RETURNED);
        Map<String, String> in = new LinkedHashMap<>(fields);
        in.put("direction", a.direction().name());
        ApplicationForm.Fields f = form.read(user, in, a.batchId());
        return Map.of("revision", new CollectFactsInput.Revision(task.jobKey(), f.target().code(), f.subject(),
            f.periodStart().toString(), f.periodEnd().toString(), f.reasons(), f.post().name()));
      }
    };
  }

  static RotationApplication load(RotationApplicationRepository applications, TaskView task) {
    if (task.subjectId() == null) {
      throw UserFacingException.notFound();
    }
    return applications.findById(task.subjectId()).orElseThrow(UserFacingException::notFound);
  }

  static void requireStatus(RotationApplication a, ApplicationStatus expected) {
    if (a.status() != expected) {
      throw UserFacingException.conflict("application.error.notAtThisStep");
    }
  }

  /** approve / reject / return / accept / decline with a comment. */
  record DecisionForm(RotationApplicationRepository applications, String formKey, ApplicationStatus expected,
      Set<String> decisions, Set<String> needComment, Function<RotationApplication, Party> party)
      implements TaskFormHandler {

    @Override
    public boolean mayAct(TaskView task, JiaoliuUser user) {
      return task.subjectId() != null
          && applications.findById(task.subjectId()).map(a -> decides(user, a)).orElse(false);
    }

    /** The step's holder, and never the applicant: a principal who is also the teacher does not sign their own case. */
    private boolean decides(JiaoliuUser user, RotationApplication a) {
      return a.scope().actsAs(user, party.apply(a));
    }

    @Override
    public Map<String, Object> variables(TaskView task, JiaoliuUser user, Map<String, String> fields) {
      RotationApplication a = load(applications, task);
      if (!decides(user, a)) {
        throw new UserFacingException(HttpStatus.FORBIDDEN, "error.forbidden");
      }
      requireStatus(a, expected);
      Map<String, String> errors = new LinkedHashMap<>();
      String decision = fields.getOrDefault("decision", "");
      decision = decision == null ? "" : decision.strip();
      String comment = fields.getOrDefault("comment", "");
      comment = comment == null ? "" : comment.strip();
      if (!decisions.contains(decision)) {
        errors.put("decision", "error.chooseOne");
      }
      if (comment.length() > COMMENT_MAX) {
        errors.put("comment", "error.tooLong");
      } else if (needComment.contains(decision) && comment.isEmpty()) {
        errors.put("comment", "opinion.error.commentRequired." + decision);
      }
      if (!errors.isEmpty()) {
        throw UserFacingException.invalid(errors);
      }
      Map<String, Object> variables = new LinkedHashMap<>();
      variables.put("decision", decision);
      variables.put("comment", comment);
      return variables;
    }
  }
}
