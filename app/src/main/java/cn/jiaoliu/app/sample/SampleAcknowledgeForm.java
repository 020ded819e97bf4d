package cn.jiaoliu.app.sample;

import cn.jiaoliu.app.security.JiaoliuUser;
import cn.jiaoliu.app.tasklist.TaskFormHandler;
import cn.jiaoliu.app.tasklist.TaskView;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The teacher confirms having read the outcome; nothing to fill in. */
@Component
class SampleAcknowledgeForm implements TaskFormHandler {

  @Override
  public String formKey() {
    return "sample-acknowledge";
  }

  @Override
  public Map<String, Object> variables(TaskView task, JiaoliuUser user, Map<String, String> fields) {
    return Map.of("acknowledgedBy", user.username());
  }
}
