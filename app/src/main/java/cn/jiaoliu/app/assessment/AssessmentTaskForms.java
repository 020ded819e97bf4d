package cn.jiaoliu.app.assessment;

import cn.jiaoliu.app.security.CaseScope.Party;
import cn.jiaoliu.app.security.JiaoliuUser;
import cn.jiaoliu.app.tasklist.TaskFormHandler;
import cn.jiaoliu.app.tasklist.TaskView;
import cn.jiaoliu.app.web.UserFacingException;
import cn.jiaoliu.processes.assessment.AssessmentProcess;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;

/**
 * The forms of the assessment's four steps. Each re-checks on the server who may act (the teacher;
 * the receiving school's principal, who assesses only teachers it hosts; the dispatching school's
 * principal; the district's office). A step opened again after a return starts from what was
 * entered before.
 */
@Configuration
class AssessmentTaskForms {

  static final int SELF_EVALUATION_MAX = 3000;
  static final int COMMENT_MAX = 1000;

  @Bean
  TaskFormHandler writeSelfEvaluationForm(AnnualAssessmentRepository assessments) {
    return new Form(assessments, AssessmentProcess.FORM_WRITE_SELF_EVALUATION,
        Party.APPLICANT) {
      @Override
      Map<String, Object> read(AnnualAssessment a, Map<String, String> in, Map<String, String> errors) {
        String text = text(in.get("selfEvaluation"), SELF_EVALUATION_MAX, "selfEvaluation", true, errors);
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("selfEvaluation", text);
        v.put("demonstrationClasses", count(in.get("demonstrationClasses"), "demonstrationClasses", errors));
        v.put("researchActivities", count(in.get("researchActivities"), "researchActivities", errors));
        v.put("pupilsTaught", count(in.get("pupilsTaught"), "pupilsTaught", errors));
        return v;
      }

      @Override
      public Map<String, Object> formModel(TaskView task, JiaoliuUser user) {
        AnnualAssessment a = load(task);
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("selfEvaluation", a.selfEvaluation() == null ? "" : a.selfEvaluation());
        fields.put("demonstrationClasses", a.demonstrationClasses() == null ? "" : a.demonstrationClasses().toString());
        fields.put("researchActivities", a.researchActivities() == null ? "" : a.researchActivities().toString());
        fields.put("pupilsTaught", a.pupilsTaught() == null ? "" : a.pupilsTaught().toString());
        return Map.of("fields", fields);
      }
    };
  }

  @Bean
  TaskFormHandler assessTeacherForm(AnnualAssessmentRepository assessments) {
    return new Form(assessments, AssessmentProcess.FORM_ASSESS_TEACHER,
        Party.TARGET_PRINCIPAL) {
      @Override
      Map<String, Object> read(AnnualAssessment a, Map<String, String> in, Map<String, String> errors) {
        String grade = in.getOrDefault("grade", "");
        if (!AssessmentProcess.GRADES.contains(grade)) {
          errors.put("grade", "error.chooseOne");
        }
        return Map.of("grade", grade, "comment", text(in.get("comment"), COMMENT_MAX, "comment", true, errors));
      }

      @Override
      public Map<String, Object> formModel(TaskView task, JiaoliuUser user) {
        AnnualAssessment a = load(task);
        return Map.of("fields", Map.of("grade", a.grade() == null ? "" : a.grade()), "assessment", a);
      }
    };
  }

  @Bean
  TaskFormHandler signDispatchingOpinionForm(AnnualAssessmentRepository assessments) {
    return new Form(assessments, AssessmentProcess.FORM_SIGN_DISPATCHING_OPINION,
        Party.HOME_PRINCIPAL) {
      @Override
      Map<String, Object> read(AnnualAssessment a, Map<String, String> in, Map<String, String> errors) {
        return Map.of("comment", text(in.get("comment"), COMMENT_MAX, "comment", true, errors));
      }
    };
  }

  @Bean
  TaskFormHandler approveAssessmentForm(AnnualAssessmentRepository assessments) {
    return new Form(assessments, AssessmentProcess.FORM_APPROVE_ASSESSMENT,
        Party.DISTRICT_OFFICE) {
      @Override
      Map<String, Object> read(AnnualAssessment a, Map<String, String> in, Map<String, String> errors) {
        String decision = in.getOrDefault("decision", "");
        Map<String, Object> v = new LinkedHashMap<>();
        if (!decision.equals(AssessmentProcess.APPROVE) && !decision.equals(AssessmentProcess.RETURN)) {
          errors.put("decision", "error.chooseOne");
        }
        boolean isReturn = decision.equals(AssessmentProcess.RETURN);
        v.put("decision", decision);
        v.put("comment", text(in.get("comment"), COMMENT_MAX, "comment", isReturn, errors));
        if (isReturn) {
          String target = in.getOrDefault("returnTo", "");
          if (!AssessmentProcess.RETURN_TARGETS.contains(target)) {
            errors.put("returnTo", "error.chooseOne");
          }
          v.put("returnTo", target);
        }
        return v;
      }
    };
  }

  /** Shared checks: who may act, that the assessment is still in progress, field errors. */
  abstract static class Form implements TaskFormHandler {

    private final AnnualAssessmentRepository assessments;
    private final String formKey;
    private final Party party;

    Form(AnnualAssessmentRepository assessments, String formKey, Party party) {
      this.assessments = assessments;
      this.formKey = formKey;
      this.party = party;
    }

    abstract Map<String, Object> read(AnnualAssessment a, Map<String, String> in, Map<String, String> errors);

    @Override
    public String formKey() {
      return formKey;
    }

    @Override
    public boolean mayAct(TaskView task, JiaoliuUser user) {
      return task.subjectId() != null && assessments.findById(task.subjectId()).map(a -> acts(user, a)).orElse(false);
    }

    /**
     * The step's holder; the assessed teacher acts only on their own self-evaluation, never on a
     * step that judges them (a principal who is also the teacher does not assess themself).
     */
    private boolean acts(JiaoliuUser user, AnnualAssessment a) {
      return a.scope().actsAs(user, party);
    }

    @Override
    public Map<String, Object> variables(TaskView task, JiaoliuUser user, Map<String, String> fields) {
      AnnualAssessment a = load(task);
      if (!acts(user, a)) {
        throw new UserFacingException(HttpStatus.FORBIDDEN, "error.forbidden");
      }
      if (!AnnualAssessment.IN_PROGRESS.equals(a.status())) {
        throw UserFacingException.conflict("assessment.error.archived");
      }
      Map<String, String> errors = new LinkedHashMap<>();
      Map<String, Object> variables = read(a, fields, errors);
      if (!errors.isEmpty()) {
        throw UserFacingException.invalid(errors);
      }
      return variables;
    }

    AnnualAssessment load(TaskView task) {
      if (task.subjectId() == null) {
        throw UserFacingException.notFound();
      }
      return assessments.findById(task.subjectId()).orElseThrow(UserFacingException::notFound);
    }

    static String text(String value, int max, String field, boolean required, Map<String, String> errors) {
      String clean = value == null ? "" : value.strip();
      if (required && clean.isEmpty()) {
        errors.put(field, "error.required");
      } else if (clean.length() > max) {
        errors.put(field, "error.tooLong");
      }
      return clean;
    }

    static int count(String value, String field, Map<String, String> errors) {
      try {
        int n = Integer.parseInt(value == null ? "" : value.strip());
        if (n < 0 || n > 100_000) {
          errors.put(field, "error.invalidNumber");
        }
        return n;
      } catch (NumberFormatException e) {
        errors.put(field, "error.invalidNumber");
        return 0;
      }
    }
  }
}
