package cn.jiaoliu.app.casefile;

import cn.jiaoliu.app.audit.AuditTrail;
import cn.jiaoliu.app.persistence.RecordRows;
import cn.jiaoliu.app.security.JiaoliuUser;
import cn.jiaoliu.app.security.Role;
import cn.jiaoliu.app.tasklist.CaseReaders;
import cn.jiaoliu.app.web.UserFacingException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.web.multipart.MultipartFile;

/**
 * Comments and supporting files (证明材料) of a case of any process. Whoever may read the case
 * ({@link CaseReaders}) may read, comment and add files; a file is removed by whoever added it or
 * by the district's teaching office. Each is audited on the case. Someone who may not read the
 * case is told it does not exist.
 */
@Service("caseFiles")
public class CaseFiles {

  static final int COMMENT_MAX = 2000;
  static final long FILE_MAX = 10L * 1024 * 1024;
  static final int FILES_MAX = 20;

  private final JdbcClient jdbc;
  private final CaseReaders readers;
  private final AuditTrail audit;
  private final Clock clock;

  CaseFiles(JdbcClient jdbc, CaseReaders readers, AuditTrail audit, Clock clock) {
    this.jdbc = jdbc;
    this.readers = readers;
    this.audit = audit;
    this.clock = clock;
  }

  public record Comment(long id, String author, String authorName, String body, OffsetDateTime createdAt) {}

  public record Attachment(long id, String fileName, String contentType, long sizeBytes, String sha256,
      String uploadedBy, String uploadedByName, OffsetDateTime createdAt) {

    /** The size as people read it: 120 KB, 2.4 MB. */
    public String size() {
      return sizeBytes >= 1024 * 1024 ? String.format("%.1f MB", sizeBytes / 1024.0 / 1024.0)
          : Math.max(1, (sizeBytes + 1023) / 1024) + " KB";
    }
  }

  /** A file to send: its name, type and bytes. */
  public record Download(String fileName, String contentType, byte[] content) {}

  /** What a case page shows, for a reader: its comments and files. */
  public record View(List<Comment> comments, List<Attachment> attachments) {}

  public View view(JiaoliuUser user, String subjectType, long subjectId) {
    requireReader(user, subjectType, subjectId);
    return new View(comments(subjectType, subjectId), attachments(subjectType, subjectId));
  }

  public List<Comment> comments(String subjectType, long subjectId) {
    return jdbc.sql("""
            select id, author, author_name, body, created_at from case_comment
            where subject_type = :t and subject_id = :id order by id""")
        .param("t", subjectType).param("id", subjectId).query(RecordRows.of(Comment.class)).list();
  }

  /** The files of a case, without their bytes; for the pages and the printed forms. */
  public List<Attachment> attachments(String subjectType, long subjectId) {
    return jdbc.sql("""
            select id, file_name, content_type, size_bytes, sha256, uploaded_by, uploaded_by_name, created_at
            from case_attachment where subject_type = :t and subject_id = :id and removed_at is null order by id""")
        .param("t", subjectType).param("id", subjectId).query(RecordRows.of(Attachment.class)).list();
  }

  public Comment comment(JiaoliuUser user, String subjectType, long subjectId, String body) {
    requireReader(user, subjectType, subjectId);
    String text = body == null ? "" : body.strip();
    if (text.isEmpty()) {
      throw UserFacingException.field("body", "comment.required");
    }
    if (text.length() > COMMENT_MAX) {
      throw UserFacingException.field("body", "error.tooLong");
    }
    var keys = new GeneratedKeyHolder();
    jdbc.sql("""
            insert into case_comment (subject_type, subject_id, author, author_name, body, created_at)
            values (:t, :id, :u, :name, :body, :now)""")
        .param("t", subjectType).param("id", subjectId).param("u", user.username())
        .param("name", user.displayName()).param("body", text).param("now", OffsetDateTime.now(clock))
        .update(keys, "id");
    audit.record(subjectType, subjectId, user.username(), user.primaryRole(), "COMMENTED", text);
    long id = keys.getKeyAs(Number.class).longValue();
    return comments(subjectType, subjectId).stream().filter(c -> c.id() == id).findFirst().orElseThrow();
  }

  /**
   * Adds a file: at most {@value #FILE_MAX} bytes (read up to one byte more, never all of a larger
   * one), of a type its content shows to be PDF, an image or an office document, at most
   * {@value #FILES_MAX} to a case.
   */
  public Attachment upload(JiaoliuUser user, String subjectType, long subjectId, MultipartFile file) {
    requireReader(user, subjectType, subjectId);
    if (file == null || file.isEmpty()) {
      throw UserFacingException.field("file", "attachment.empty");
    }
    if (file.getSize() > FILE_MAX) {
      throw UserFacingException.field("file", "attachment.tooLarge", FILE_MAX / 1024 / 1024);
    }
    if (attachments(subjectType, subjectId).size() >= FILES_MAX) {
      throw UserFacingException.field("file", "attachment.tooMany", FILES_MAX);
    }
    Path temp = null;
    try {
      temp = FileTypes.temp();
      try (InputStream in = file.getInputStream()) {
        Files.copy(limited(in), temp, StandardCopyOption.REPLACE_EXISTING);
      }
      long size = Files.size(temp);
      if (size > FILE_MAX) {
        throw UserFacingException.field("file", "attachment.tooLarge", FILE_MAX / 1024 / 1024);
      }
      byte[] content = Files.readAllBytes(temp);
      byte[] head = Arrays.copyOf(content, Math.min(content.length, 16));
      String type = FileTypes.sniff(head, temp)
          .orElseThrow(() -> UserFacingException.field("file", "attachment.badType"));
      String name = FileTypes.cleanName(file.getOriginalFilename());
      String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
      var keys = new GeneratedKeyHolder();
      jdbc.sql("""
              insert into case_attachment (subject_type, subject_id, file_name, content_type, size_bytes, sha256, content,
                uploaded_by, uploaded_by_name, created_at)
              values (:t, :id, :name, :type, :size, :sha, :content, :u, :uname, :now)""")
          .param("t", subjectType).param("id", subjectId).param("name", name).param("type", type)
          .param("size", size).param("sha", sha).param("content", content).param("u", user.username())
          .param("uname", user.displayName()).param("now", OffsetDateTime.now(clock)).update(keys, "id");
      audit.record(subjectType, subjectId, user.username(), user.primaryRole(), "ATTACHED",
          name + " (" + size + " B, sha256 " + sha + ")");
      long id = keys.getKeyAs(Number.class).longValue();
      return attachments(subjectType, subjectId).stream().filter(a -> a.id() == id).findFirst().orElseThrow();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException e) {
          // a temporary file left behind is removed with the temp directory
        }
      }
    }
  }

  public Download download(JiaoliuUser user, String subjectType, long subjectId, long attachmentId) {
    requireReader(user, subjectType, subjectId);
    return jdbc.sql("""
            select file_name, content_type, content from case_attachment
            where id = :a and subject_type = :t and subject_id = :id and removed_at is null""")
        .param("a", attachmentId).param("t", subjectType).param("id", subjectId)
        .query(RecordRows.of(Download.class)).optional().orElseThrow(UserFacingException::notFound);
  }

  /** Removes a file: whoever added it, or the district's teaching office; kept, marked as removed. */
  public void remove(JiaoliuUser user, String subjectType, long subjectId, long attachmentId) {
    requireReader(user, subjectType, subjectId);
    Attachment a = attachments(subjectType, subjectId).stream().filter(x -> x.id() == attachmentId).findFirst()
        .orElseThrow(UserFacingException::notFound);
    if (!a.uploadedBy().equals(user.username()) && !user.has(Role.TEACHING_OFFICE)) {
      throw new UserFacingException(HttpStatus.FORBIDDEN, "error.forbidden");
    }
    jdbc.sql("update case_attachment set removed_at = :now, removed_by = :u where id = :a and removed_at is null")
        .param("now", OffsetDateTime.now(clock)).param("u", user.username()).param("a", attachmentId).update();
    audit.record(subjectType, subjectId, user.username(), user.primaryRole(), "ATTACHMENT_REMOVED", a.fileName());
  }

  private void requireReader(JiaoliuUser user, String subjectType, long subjectId) {
    if (!readers.mayRead(user, subjectType, subjectId)) {
      throw UserFacingException.notFound();
    }
  }

  /** At most one byte more than the limit is read: enough to know a file is too large. */
  private static InputStream limited(InputStream in) {
    return new FilterInputStream(in) {
      private long left = FILE_MAX + 1;

      @Override
      public int read() throws IOException {
        return left-- <= 0 ? -1 : super.read();
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (left <= 0) {
          return -1;
        }
        int n = super.read(b, off, (int) Math.min(len, left));
        if (n > 0) {
          left -= n;
        }
        return n;
      }
    };
  }

}
