package cn.jiaoliu.app.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/**
 * The one place that says how an audit entry is hashed: SHA-256 over the previous entry's hash and
 * the entry's canonical content (every field length-prefixed, so that no two different entries
 * read alike; the time in UTC to the microsecond, as the database keeps it). The first entry
 * chains to {@link #GENESIS}.
 */
public final class AuditChain {

  /** What the first entry chains to. */
  public static final String GENESIS = "0".repeat(64);

  private AuditChain() {}

  /** The content of one entry, as hashed. */
  public record Content(String subjectType, long subjectId, String actor, String actorRole, String action,
      String detail, Instant at) {

    public Content {
      at = at.truncatedTo(ChronoUnit.MICROS);
    }

    String canonical() {
      StringBuilder text = new StringBuilder();
      for (String field : new String[] {subjectType, Long.toString(subjectId), actor, actorRole, action, detail,
          at.toString()}) {
        text.append(field == null ? "-" : field.length() + ":" + field).append('|');
      }
      return text.toString();
    }
  }

  public static String hash(String previousHash, Content content) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(previousHash.getBytes(StandardCharsets.US_ASCII));
      sha.update((byte) '\n');
      sha.update(content.canonical().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
