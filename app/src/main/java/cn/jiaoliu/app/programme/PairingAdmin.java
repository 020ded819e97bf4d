package cn.jiaoliu.app.programme;

import cn.jiaoliu.app.audit.AuditTrail;
import cn.jiaoliu.app.persistence.RecordRows;
import cn.jiaoliu.app.security.JiaoliuUser;
import cn.jiaoliu.app.web.UserFacingException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Pairings (结对帮扶): an urban school helping one rural school (one-to-one) or several (one-to-many,
 * one row per rural school, each with its own kinds of help), generally for three years.
 */
@Service
class PairingAdmin {

  /** 支教教师, 教研, 物资/资金, 学生交流 */
  static final List<String> HELP_KINDS = List.of("TEACHERS", "TEACHING_RESEARCH", "MATERIALS", "STUDENT_EXCHANGE");
  static final int DEFAULT_YEARS = 3;

  private final JdbcClient jdbc;
  private final SchoolAdmin schools;
  private final AuditTrail audit;

  PairingAdmin(JdbcClient jdbc, SchoolAdmin schools, AuditTrail audit) {
    this.jdbc = jdbc;
    this.schools = schools;
    this.audit = audit;
  }

  List<PairingView> pairings(JiaoliuUser user, String district) {
    String d = AdminScope.of(user).districtOr(district);
    return jdbc.sql("""
            select p.id, u.code as urban_code, u.name as urban_name, r.code as rural_code, r.name as rural_name,
                   p.starts_on, p.ends_on, p.help_kinds
            from pairing p join school u on u.code = p.urban_school_code join school r on r.code = p.rural_school_code
            where u.district_code = :d order by u.code, r.code, p.starts_on""")
        .param("d", d).query(RecordRows.of(PairingView.class)).list();
  }

  /** One pairing per rural school named; the end defaults to three years after the start. */
  @Transactional
  List<PairingView> create(JiaoliuUser user, PairingForm form) {
    AdminScope scope = AdminScope.of(user);
    Fields f = new Fields();
    String urbanCode = f.text("urbanSchoolCode", form.urbanSchoolCode(), 32, true);
    List<String> ruralCodes = form.ruralSchoolCodes() == null ? List.of()
        : new ArrayList<>(new LinkedHashSet<>(form.ruralSchoolCodes().stream().filter(c -> c != null && !c.isBlank())
            .map(String::strip).toList()));
    LocalDate starts = f.date("startsOn", form.startsOn(), true);
    LocalDate ends = f.date("endsOn", form.endsOn(), false);
    if (starts != null && ends == null && f.ok("endsOn")) {
      ends = starts.plusYears(DEFAULT_YEARS).minusDays(1);
    }
    if (starts != null && ends != null && !ends.isAfter(starts)) {
      f.error("endsOn", "admin.error.endBeforeStart");
    }
    Set<String> kinds = new LinkedHashSet<>(form.helpKinds() == null ? List.of() : form.helpKinds());
    if (kinds.isEmpty() || !HELP_KINDS.containsAll(kinds)) {
      f.error("helpKinds", "admin.error.helpKinds");
    }
    SchoolAdmin.SchoolView urban = urbanCode == null ? null : schools.school(user, urbanCode).orElse(null);
    if (urbanCode != null && (urban == null || urban.rural())) {
      f.error("urbanSchoolCode", "admin.error.urbanSchool");
    }
    if (ruralCodes.isEmpty()) {
      f.error("ruralSchoolCodes", "error.required");
    }
    for (String code : ruralCodes) {
      SchoolAdmin.SchoolView rural = schools.school(user, code).orElse(null);
      if (rural == null || !rural.rural() || (urban != null && !rural.districtCode().equals(urban.districtCode()))) {
        f.error("ruralSchoolCodes", "admin.error.ruralSchool");
      }
    }
    f.check();
    for (String code : ruralCodes) {
      int overlapping = jdbc.sql("""
              select count(*) from pairing where urban_school_code = :u and rural_school_code = :r
                and starts_on <= :ends and ends_on >= :starts""")
          .param("u", urbanCode).param("r", code).param("starts", starts).param("ends", ends).query(Integer.class).single();
      if (overlapping > 0) {
        throw UserFacingException.invalid(Map.of("ruralSchoolCodes", "admin.error.pairingOverlaps"));
      }
      jdbc.sql("""
              insert into pairing (urban_school_code, rural_school_code, starts_on, ends_on, help_kinds)
              values (:u, :r, :starts, :ends, :kinds)""")
          .param("u", urbanCode).param("r", code).param("starts", starts).param("ends", ends)
          .param("kinds", String.join(",", kinds)).update();
    }
    audit.record("PAIRING", 0L, scope.username(), scope.actorRole(), "PAIRING_ADDED",
        urbanCode + " → " + String.join(",", ruralCodes) + " " + starts + ".." + ends + " " + kinds);
    return pairings(user, urban.districtCode()).stream().filter(p -> p.urbanCode().equals(urbanCode)).toList();
  }

  /** Ends a pairing early (the record stays). */
  PairingView end(JiaoliuUser user, long id, String endsOn) {
    AdminScope scope = AdminScope.of(user);
    PairingView pairing = jdbc.sql("""
            select p.id, u.code as urban_code, u.name as urban_name, r.code as rural_code, r.name as rural_name,
                   p.starts_on, p.ends_on, p.help_kinds, u.district_code
            from pairing p join school u on u.code = p.urban_school_code join school r on r.code = p.rural_school_code
            where p.id = :id""")
        .param("id", id).query((rs, i) -> {
          scope.require(rs.getString("district_code"));
          return new PairingView(rs.getLong("id"), rs.getString("urban_code"), rs.getString("urban_name"),
              rs.getString("rural_code"), rs.getString("rural_name"), rs.getObject("starts_on", LocalDate.class),
              rs.getObject("ends_on", LocalDate.class), rs.getString("help_kinds"));
        }).optional().orElseThrow(UserFacingException::notFound);
    Fields f = new Fields();
    LocalDate ends = f.date("endsOn", endsOn, true);
    if (ends != null && (!ends.isAfter(pairing.startsOn()) || ends.isAfter(pairing.endsOn()))) {
      f.error("endsOn", "admin.error.endOutside");
    }
    f.check();
    jdbc.sql("update pairing set ends_on = :e where id = :id").param("e", ends).param("id", id).update();
    audit.record("PAIRING", id, scope.username(), scope.actorRole(), "PAIRING_ENDED",
        pairing.urbanCode() + " → " + pairing.ruralCode() + " " + ends);
    return new PairingView(id, pairing.urbanCode(), pairing.urbanName(), pairing.ruralCode(), pairing.ruralName(),
        pairing.startsOn(), ends, pairing.helpKinds());
  }

  record PairingForm(String urbanSchoolCode, List<String> ruralSchoolCodes, String startsOn, String endsOn,
      List<String> helpKinds) {}

  record PairingView(long id, String urbanCode, String urbanName, String ruralCode, String ruralName, LocalDate startsOn,
      LocalDate endsOn, String helpKinds) {

    public List<String> kinds() {
      return helpKinds == null || helpKinds.isBlank() ? List.of() : List.of(helpKinds.split(","));
    }
  }
}
