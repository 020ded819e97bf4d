package cn.jiaoliu.app.tasklist;

import cn.jiaoliu.app.security.JiaoliuUser;
import org.springframework.stereotype.Component;

/**
 * Who may read a case of any process ({@code APPLICATION} 12, {@code ASSESSMENT} 7): what its
 * process says ({@link TaskSubjectProvider#readable}). Everything shown with a case (comments,
 * attachments, the diagram, copies) asks here first; a case one may not read is "not found".
 */
@Component
public class CaseReaders {

  private final TaskSubjects subjects;

  CaseReaders(TaskSubjects subjects) {
    this.subjects = subjects;
  }

  public boolean mayRead(JiaoliuUser user, String subjectType, long subjectId) {
    return subjects.providerOfSubject(subjectType).map(p -> p.readable(user, subjectId)).orElse(false);
  }
}
