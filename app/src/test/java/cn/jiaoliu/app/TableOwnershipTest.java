package cn.jiaoliu.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Each module reads and writes only its own tables; another module's data it reads through that
 * module's API or a published read model (a view, V020 and docs/modules/read-models.md). The
 * statistics module is the one documented read model over the others' tables. Read from the SQL in
 * the main sources: every {@code from}, {@code join}, {@code into}, {@code update} and {@code @Table}.
 */
class TableOwnershipTest {

  static final Map<String, String> OWNER = Map.ofEntries(
      Map.entry("district", "programme"), Map.entry("school", "programme"), Map.entry("teacher", "programme"),
      Map.entry("pairing", "programme"), Map.entry("education_group", "programme"),
      Map.entry("education_group_member", "programme"), Map.entry("rotation_batch", "programme"),
      Map.entry("batch_quota", "programme"), Map.entry("import_run", "programme"),
      Map.entry("rotation_application", "application"), Map.entry("assignment", "application"),
      Map.entry("annual_assessment", "assessment"), Map.entry("assessment_round", "assessment"),
      Map.entry("assessment_schedule", "assessment"), Map.entry("assessment_archive", "assessment"),
      Map.entry("rural_service_credit", "assessment"), Map.entry("rural_service_certificate", "assessment"),
      Map.entry("rural_service_certificate_year", "assessment"),
      Map.entry("inbox_task", "tasklist"), Map.entry("inbox_task_candidate", "tasklist"),
      Map.entry("task_urge", "tasklist"), Map.entry("task_delegation", "tasklist"), Map.entry("case_copy", "tasklist"),
      Map.entry("task_consultation", "tasklist"), Map.entry("opinion_phrase", "tasklist"),
      Map.entry("user_signature", "signature"), Map.entry("school_seal", "signature"),
      Map.entry("case_comment", "casefile"), Map.entry("case_attachment", "casefile"),
      Map.entry("app_user", "user"), Map.entry("user_link", "user"),
      Map.entry("audit_event", "audit"), Map.entry("notification", "notification"),
      Map.entry("notification_channel", "notification"), Map.entry("channel_message", "notification"),
      Map.entry("job_failure", "operations"),
      Map.entry("model_deployment", "modelling"), Map.entry("process_model", "modelling"),
      Map.entry("form_model", "modelling"), Map.entry("process_case", "modelling"),
      Map.entry("rotation_rule", "planning"), Map.entry("rotation_exemption", "planning"),
      Map.entry("batch_target", "planning"),
      Map.entry("spring_session", "security"), Map.entry("spring_session_attributes", "security"));

  /** The statistics read model: the tables it may read besides its own (docs/modules/read-models.md). */
  static final Set<String> STATISTICS_READS = Set.of("annual_assessment", "assignment", "inbox_task",
      "rotation_application", "rotation_batch", "school");

  private static final Path MAIN = Path.of("src/main/java/cn/jiaoliu/app");
  private static final Pattern TABLE_USE = Pattern.compile(
      "\\b(?:from|join|into|update)\\s+\"?([a-z_]+)\"?|@Table\\(\"([a-z_]+)\"\\)", Pattern.CASE_INSENSITIVE);

  @Test
  void everyTableHasAnOwnerAndOnlyItsOwnerTouchesIt() throws IOException {
    List<String> trespasses = new ArrayList<>();
    Set<String> seen = new TreeSet<>();
    try (Stream<Path> files = Files.walk(MAIN)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        String module = MAIN.relativize(file).getName(0).toString();
        Matcher m = TABLE_USE.matcher(Files.readString(file));
        while (m.find()) {
          String table = (m.group(1) != null ? m.group(1) : m.group(2)).toLowerCase();
          String owner = OWNER.get(table);
          if (owner == null) {
            continue; // a word of a comment, a view, or a table of no module
          }
          seen.add(table);
          boolean allowed = owner.equals(module)
              || ("statistics".equals(module) && STATISTICS_READS.contains(table));
          if (!allowed) {
            trespasses.add(module + " → " + table + " (" + owner + ") in " + file.getFileName());
          }
        }
      }
    }
    assertThat(trespasses).as("tables read or written outside their module").isEmpty();
    assertThat(seen).as("the check reads the SQL at all").contains("inbox_task", "rotation_application", "school");
  }
}
