package cn.jiaoliu.app.tasklist;

/**
 * Filters of the open-task list, on the attributes each process's {@link TaskSubjectProvider} files
 * its tasks under (school: the home or the target school); step is the task's element id; null means any.
 */
public record InboxFilter(Long batchId, String schoolCode, String direction, String step, boolean overdueOnly) {

  public static final InboxFilter NONE = new InboxFilter(null, null, null, null, false);

  /** From request parameters: blank texts mean any. */
  static InboxFilter of(Long batchId, String schoolCode, String direction, String step, boolean overdueOnly) {
    return new InboxFilter(batchId, blank(schoolCode), blank(direction), blank(step), overdueOnly);
  }

  private static String blank(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
