package cn.jiaoliu.app.tasklist;

/**
 * Filters of the open-task list, on the attributes each process's {@link TaskSubjectProvider} files
 * its tasks under (school: the home or the target school; person: part of the name of the person
 * the case is about); step is the task's element id; null means any.
 */
public record InboxFilter(Long batchId, String schoolCode, String direction, String step, boolean overdueOnly,
    String person) {

  public static final InboxFilter NONE = new InboxFilter(null, null, null, null, false, null);

  /** From request parameters: blank texts mean any. */
  static InboxFilter of(Long batchId, String schoolCode, String direction, String step, boolean overdueOnly,
      String person) {
    String name = blank(person);
    return new InboxFilter(batchId, blank(schoolCode), blank(direction), blank(step), overdueOnly,
        name == null || name.length() <= 50 ? name : name.substring(0, 50));
  }

  /** Whether anything is filtered at all. */
  public boolean any() {
    return batchId != null || schoolCode != null || direction != null || step != null || overdueOnly || person != null;
  }

  private static String blank(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
