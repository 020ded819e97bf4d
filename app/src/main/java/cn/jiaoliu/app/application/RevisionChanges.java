package cn.jiaoliu.app.application;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a revision changed, kept with the audit event that applies it so that the approval form can
 * print each revision's row: one {@code field: old → new} per line, fields named as the form's
 * labels are keyed ({@code target}, {@code subject}, {@code period}, {@code post}, {@code reasons});
 * the target school as its code, translated when printed.
 */
public final class RevisionChanges {

  public static final String ARROW = " → ";

  private RevisionChanges() {}

  static String between(RotationApplication before, RotationApplication after) {
    if (before == null || after == null) {
      return null;
    }
    List<String> lines = new ArrayList<>();
    add(lines, "target", before.targetSchoolCode(), after.targetSchoolCode());
    add(lines, "subject", before.subject(), after.subject());
    add(lines, "period", before.periodStart() + "/" + before.periodEnd(), after.periodStart() + "/" + after.periodEnd());
    add(lines, "post", before.post() == null ? null : before.post().name(), after.post() == null ? null : after.post().name());
    if (!Objects.equals(before.reasons(), after.reasons())) {
      lines.add("reasons");
    }
    return lines.isEmpty() ? "" : String.join("\n", lines);
  }

  private static void add(List<String> lines, String field, String before, String after) {
    if (!Objects.equals(before, after)) {
      lines.add(field + ": " + before + ARROW + after);
    }
  }

  /** One stored line as its field and its old and new values (the values empty for {@code reasons}). */
  public record Change(String field, String before, String after) {

    public static Change parse(String line) {
      int colon = line.indexOf(": ");
      if (colon < 0) {
        return new Change(line.strip(), "", "");
      }
      String values = line.substring(colon + 2);
      int arrow = values.indexOf(ARROW);
      return arrow < 0 ? new Change(line.substring(0, colon), "", values)
          : new Change(line.substring(0, colon), values.substring(0, arrow), values.substring(arrow + ARROW.length()));
    }
  }
}
