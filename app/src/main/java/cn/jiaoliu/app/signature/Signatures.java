package cn.jiaoliu.app.signature;

import cn.jiaoliu.app.audit.AuditTrail;
import cn.jiaoliu.app.programme.SchoolDirectory;
import cn.jiaoliu.app.security.JiaoliuUser;
import cn.jiaoliu.app.security.Role;
import cn.jiaoliu.app.web.UserFacingException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Handwritten signatures (each principal and teaching-office user keeps their own, drawn on the
 * page or uploaded) and school seals (kept by an administrator), printed beside the opinions on
 * the approval form. Audited: a signature as {@code SIGNATURE} of nobody's case, a seal as
 * {@code SCHOOL_SEAL}.
 */
@Service("signatures")
public class Signatures {

  private final JdbcClient jdbc;
  private final SchoolDirectory schools;
  private final AuditTrail audit;
  private final Clock clock;

  Signatures(JdbcClient jdbc, SchoolDirectory schools, AuditTrail audit, Clock clock) {
    this.jdbc = jdbc;
    this.schools = schools;
    this.audit = audit;
    this.clock = clock;
  }

  public Optional<byte[]> signatureOf(String username) {
    return jdbc.sql("select image from user_signature where username = :u").param("u", username)
        .query(byte[].class).optional();
  }

  public Optional<byte[]> sealOf(String schoolCode) {
    return jdbc.sql("select image from school_seal where school_code = :s").param("s", schoolCode)
        .query(byte[].class).optional();
  }

  public boolean hasSignature(String username) {
    return signatureOf(username).isPresent();
  }

  public boolean hasSeal(String schoolCode) {
    return sealOf(schoolCode).isPresent();
  }

  /** Those who sign opinions keep a signature: principals and teaching offices. */
  static boolean signs(JiaoliuUser user) {
    return user.has(Role.PRINCIPAL) || user.has(Role.TEACHING_OFFICE);
  }

  @Transactional
  public void store(JiaoliuUser user, byte[] png) {
    if (!signs(user)) {
      throw new UserFacingException(HttpStatus.FORBIDDEN, "error.forbidden");
    }
    OffsetDateTime now = OffsetDateTime.now(clock);
    if (jdbc.sql("update user_signature set image = :i, updated_at = :now where username = :u").param("i", png)
        .param("now", now).param("u", user.username()).update() == 0) {
      jdbc.sql("insert into user_signature (username, image, updated_at) values (:u, :i, :now)")
          .param("u", user.username()).param("i", png).param("now", now).update();
    }
    audit.record("SIGNATURE", 0, user.username(), user.primaryRole(), "SIGNATURE_STORED", png.length + " B");
  }

  @Transactional
  public void remove(JiaoliuUser user) {
    if (jdbc.sql("delete from user_signature where username = :u").param("u", user.username()).update() > 0) {
      audit.record("SIGNATURE", 0, user.username(), user.primaryRole(), "SIGNATURE_REMOVED", null);
    }
  }

  /** An administrator stores a school's seal. */
  @Transactional
  public void storeSeal(JiaoliuUser admin, String schoolCode, byte[] png) {
    if (!admin.has(Role.ADMIN)) {
      throw new UserFacingException(HttpStatus.FORBIDDEN, "error.forbidden");
    }
    if (schools.schoolNames(List.of(schoolCode)).isEmpty()) {
      throw UserFacingException.notFound();
    }
    OffsetDateTime now = OffsetDateTime.now(clock);
    if (jdbc.sql("update school_seal set image = :i, updated_at = :now, updated_by = :u where school_code = :s")
        .param("i", png).param("now", now).param("u", admin.username()).param("s", schoolCode).update() == 0) {
      jdbc.sql("insert into school_seal (school_code, image, updated_at, updated_by) values (:s, :i, :now, :u)")
          .param("s", schoolCode).param("i", png).param("now", now).param("u", admin.username()).update();
    }
    audit.record("SCHOOL_SEAL", 0, admin.username(), Role.ADMIN.realmRole(), "SEAL_STORED",
        schoolCode + " " + png.length + " B");
  }

}
