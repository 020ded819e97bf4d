package cn.jiaoliu.app.planning;

import cn.jiaoliu.app.audit.AuditTrail;
import cn.jiaoliu.app.persistence.RecordRows;
import cn.jiaoliu.app.programme.Roster;
import cn.jiaoliu.app.web.UserFacingException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Exemptions from rotating (免于交流) that a district's teaching office grants: pregnancy and nursing,
 * serious illness, nearing retirement, or another reason it writes down; each with its dates and who
 * approved it. An exemption is never changed: it expires, or the office ends it early.
 */
@Service
class Exemptions {

  static final int MAX_YEARS = 5;
  private static final String SELECT = """
      select id, district_code, staff_number, reason, note, valid_from, valid_until, approved_by, approved_at,
             revoked_by, revoked_at
      from rotation_exemption""";

  private final JdbcClient jdbc;
  private final Roster roster;
  private final AuditTrail audit;
  private final Clock clock;

  Exemptions(JdbcClient jdbc, Roster roster, AuditTrail audit, Clock clock) {
    this.jdbc = jdbc;
    this.roster = roster;
    this.audit = audit;
    this.clock = clock;
  }

  /** The district's exemptions, newest first. */
  List<Exemption> ofDistrict(String district) {
    return jdbc.sql(SELECT + " where district_code = :d order by valid_until desc, id desc").param("d", district)
        .query(RecordRows.of(Exemption.class)).list();
  }

  @Transactional
  Exemption grant(PlanningScope scope, ExemptionForm form, Map<String, String> typeErrors) {
    scope.requireOffice();
    Map<String, String> errors = new LinkedHashMap<>(typeErrors);
    String staff = form.staffNumber() == null ? "" : form.staffNumber().strip();
    if (staff.isEmpty()) {
      errors.put("staffNumber", "error.required");
    } else if (roster.byStaffNumber(staff).filter(t -> scope.district().equals(t.districtCode())).isEmpty()) {
      errors.put("staffNumber", "planning.error.unknownTeacher");
    }
    ExemptionReason reason = null;
    try {
      reason = ExemptionReason.valueOf(form.reason() == null ? "" : form.reason().strip());
    } catch (IllegalArgumentException e) {
      errors.put("reason", "error.chooseOne");
    }
    String note = form.note() == null ? "" : form.note().strip();
    if (note.length() > 500) {
      errors.put("note", "error.tooLong");
    } else if (note.isEmpty() && reason == ExemptionReason.OTHER) {
      errors.put("note", "planning.error.noteForOther");
    }
    LocalDate from = form.validFrom();
    LocalDate until = form.validUntil();
    if (from == null) {
      errors.putIfAbsent("validFrom", "error.required");
    }
    if (until == null) {
      errors.putIfAbsent("validUntil", "error.required");
    } else if (from != null && until.isBefore(from)) {
      errors.put("validUntil", "admin.error.endBeforeStart");
    } else if (from != null && until.isAfter(from.plusYears(MAX_YEARS))) {
      errors.put("validUntil", "planning.error.exemptionTooLong");
    }
    if (!errors.isEmpty()) {
      throw UserFacingException.invalid(errors);
    }
    var key = new GeneratedKeyHolder();
    jdbc.sql("""
            insert into rotation_exemption (district_code, staff_number, reason, note, valid_from, valid_until,
              approved_by, approved_at)
            values (:d, :s, :reason, :note, :from, :until, :by, :now)""")
        .param("d", scope.district()).param("s", staff).param("reason", reason.name())
        .param("note", note.isEmpty() ? null : note).param("from", from).param("until", until)
        .param("by", scope.username()).param("now", OffsetDateTime.now(clock)).update(key, "id");
    long id = key.getKeyAs(Number.class).longValue();
    audit.record("EXEMPTION", id, scope.username(), scope.actorRole(), "EXEMPTION_GRANTED",
        staff + " " + reason + " " + from + ".." + until);
    return byId(scope, id);
  }

  /** Ends an exemption of the district early; ending one already ended changes nothing. */
  @Transactional
  Exemption revoke(PlanningScope scope, long id) {
    scope.requireOffice();
    Exemption e = byId(scope, id);
    if (e.revokedAt() == null) {
      jdbc.sql("update rotation_exemption set revoked_by = :by, revoked_at = :now where id = :id and revoked_at is null")
          .param("by", scope.username()).param("now", OffsetDateTime.now(clock)).param("id", id).update();
      audit.record("EXEMPTION", id, scope.username(), scope.actorRole(), "EXEMPTION_REVOKED", e.staffNumber());
    }
    return byId(scope, id);
  }

  private Exemption byId(PlanningScope scope, long id) {
    return jdbc.sql(SELECT + " where id = :id").param("id", id).query(RecordRows.of(Exemption.class)).optional()
        .filter(e -> e.districtCode().equals(scope.district())).orElseThrow(UserFacingException::notFound);
  }

  record ExemptionForm(String staffNumber, String reason, String note,
      @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate validFrom,
      @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate validUntil) {}
}
