package cn.jiaoliu.app.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The audit trail is append-only: no main source or migration updates, deletes or truncates it
 * (the database refuses it too, see {@link AuditChainTest}). The one exception is migration V018,
 * which chains the events recorded before it and then installs that guard.
 */
class AuditTrailAppendOnlyTest {

  private static final Pattern CHANGES_AUDIT = Pattern.compile(
      "(update\\s+audit_event|delete\\s+from\\s+audit_event|truncate\\s+(table\\s+)?audit_event|drop\\s+table\\s+audit_event)",
      Pattern.CASE_INSENSITIVE);

  @Test
  void noCodePathChangesOrRemovesAuditEvents() throws IOException {
    List<Path> offenders;
    try (Stream<Path> files = Files.walk(Paths.get("src", "main"))) {
      offenders = files.filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().equals("V018__audit_chain.java"))
          .filter(p -> p.toString().endsWith(".java") || p.toString().endsWith(".sql"))
          .filter(p -> {
            try {
              return CHANGES_AUDIT.matcher(Files.readString(p)).find();
            } catch (IOException e) {
              throw new IllegalStateException(e);
            }
          })
          .toList();
    }
    assertThat(offenders).isEmpty();
  }

  @Test
  void thePatternWouldCatchAnUpdate() {
    assertThat(CHANGES_AUDIT.matcher("UPDATE audit_event SET detail = 'x'").find()).isTrue();
    assertThat(CHANGES_AUDIT.matcher("delete from audit_event where id = 1").find()).isTrue();
    assertThat(CHANGES_AUDIT.matcher("insert into audit_event (id) values (1)").find()).isFalse();
  }
}
