package cn.jiaoliu.app.sample;

import cn.jiaoliu.app.security.JiaoliuUser;
import cn.jiaoliu.app.tasklist.TaskFormHandler;
import cn.jiaoliu.app.tasklist.TaskView;
import cn.jiaoliu.app.web.UserFacingException;
import cn.jiaoliu.processes.sample.SampleOpinionDecision;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The principal's opinion: approve or reject; a rejection needs a comment. */
@Component
class SampleOpinionForm implements TaskFormHandler {

  static final int COMMENT_MAX = 500;

  @Override
  public String formKey() {
    return "sample-opinion";
  }

  @Override
  public Map<String, Object> variables(TaskView task, JiaoliuUser user, Map<String, String> fields) {
    Map<String, String> errors = new LinkedHashMap<>();
    String decision = fields.getOrDefault("decision", "").strip();
    String comment = fields.getOrDefault("comment", "").strip();
    if (!decision.equals(SampleOpinionDecision.APPROVE) && !decision.equals(SampleOpinionDecision.REJECT)) {
      errors.put("decision", "error.chooseOne");
    }
    if (comment.length() > COMMENT_MAX) {
      errors.put("comment", "error.tooLong");
    } else if (decision.equals(SampleOpinionDecision.REJECT) && comment.isEmpty()) {
      errors.put("comment", "opinion.error.commentRequired");
    }
    if (!errors.isEmpty()) {
      throw UserFacingException.invalid(errors);
    }
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put("decision", decision);
    variables.put("comment", comment);
    variables.put("signedBy", user.username());
    return variables;
  }
}
