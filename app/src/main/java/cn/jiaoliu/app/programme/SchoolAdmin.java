package cn.jiaoliu.app.programme;

import cn.jiaoliu.app.audit.AuditTrail;
import cn.jiaoliu.app.persistence.RecordRows;
import cn.jiaoliu.app.security.JiaoliuUser;
import cn.jiaoliu.app.web.UserFacingException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Districts and schools: an administrator keeps every district's, a teaching office its own district's schools. */
@Service
class SchoolAdmin {

  private static final Pattern DISTRICT_CODE = Pattern.compile("[A-Z][A-Z0-9-]{0,31}");

  private final JdbcClient jdbc;
  private final AuditTrail audit;

  SchoolAdmin(JdbcClient jdbc, AuditTrail audit) {
    this.jdbc = jdbc;
    this.audit = audit;
  }

  List<District> districts(JiaoliuUser user) {
    AdminScope scope = AdminScope.of(user);
    return jdbc.sql("select code, name from district order by code").query(RecordRows.of(District.class)).list().stream()
        .filter(d -> scope.covers(d.code())).toList();
  }

  District addDistrict(JiaoliuUser user, DistrictForm form) {
    AdminScope scope = AdminScope.adminOnly(user);
    Fields f = new Fields();
    String code = f.matching("code", form.code(), DISTRICT_CODE, "admin.error.districtCode");
    String name = f.text("name", form.name(), 100, true);
    f.check();
    try {
      jdbc.sql("insert into district (code, name) values (:c, :n)").param("c", code).param("n", name).update();
    } catch (DuplicateKeyException e) {
      throw UserFacingException.invalid(Map.of("code", "admin.error.exists"));
    }
    audit.record("DISTRICT", 0L, scope.username(), "admin", "DISTRICT_ADDED", code + " " + name);
    return new District(code, name);
  }

  List<SchoolView> schools(JiaoliuUser user, String district, String areaType) {
    AdminScope scope = AdminScope.of(user);
    String d = scope.districtOr(district);
    return jdbc.sql("""
            select s.code, s.name, s.district_code, d.name as district_name, s.area_type, s.remoteness_tier, s.pupils
            from school s join district d on d.code = s.district_code
            where s.district_code = :d and (:type = '' or s.area_type = :type)
            order by s.code""")
        .param("d", d).param("type", areaType == null ? "" : areaType.strip()).query(RecordRows.of(SchoolView.class)).list();
  }

  Optional<SchoolView> school(JiaoliuUser user, String code) {
    AdminScope scope = AdminScope.of(user);
    return jdbc.sql("""
            select s.code, s.name, s.district_code, d.name as district_name, s.area_type, s.remoteness_tier, s.pupils
            from school s join district d on d.code = s.district_code where s.code = :c""")
        .param("c", code).query(RecordRows.of(SchoolView.class)).optional().filter(s -> scope.covers(s.districtCode()));
  }

  /** Adds a school (code new) or changes one (code given in the path; its district never changes). */
  SchoolView save(JiaoliuUser user, String existingCode, SchoolForm form) {
    AdminScope scope = AdminScope.of(user);
    SchoolView existing = existingCode == null ? null : school(user, existingCode).orElseThrow(UserFacingException::notFound);
    Fields f = new Fields();
    String code = existing != null ? existing.code() : f.code("code", form.code());
    String name = f.text("name", form.name(), 100, true);
    String district = existing != null ? existing.districtCode() : scope.districtOr(form.districtCode());
    String type = f.text("areaType", form.areaType(), 16, true);
    if (type != null && !List.of("URBAN", "TOWNSHIP", "VILLAGE").contains(type)) {
      f.error("areaType", "error.chooseOne");
      type = null;
    }
    Integer tier = f.number("remotenessTier", form.remotenessTier(), 0, 3, true);
    Integer pupils = f.number("pupils", form.pupils(), 0, 100_000, false);
    if (type != null && tier != null && "URBAN".equals(type) != (tier == 0)) {
      f.error("remotenessTier", "import.error.tierForType");
    }
    if (existing == null && district != null && !districts(user).stream().anyMatch(d -> d.code().equals(district))) {
      f.error("districtCode", "admin.error.district");
    }
    f.check();
    if (existing == null) {
      try {
        jdbc.sql("""
                insert into school (code, name, district_code, area_type, remoteness_tier, pupils)
                values (:code, :name, :d, :type, :tier, :pupils)""")
            .param("code", code).param("name", name).param("d", district).param("type", type).param("tier", tier)
            .param("pupils", pupils).update();
      } catch (DuplicateKeyException e) {
        throw UserFacingException.invalid(Map.of("code", "admin.error.exists"));
      }
    } else {
      jdbc.sql("update school set name = :name, area_type = :type, remoteness_tier = :tier, pupils = :pupils where code = :code")
          .param("code", code).param("name", name).param("type", type).param("tier", tier).param("pupils", pupils).update();
    }
    audit.record("SCHOOL", 0L, scope.username(), scope.actorRole(),
        existing == null ? "SCHOOL_ADDED" : "SCHOOL_CHANGED", code + " " + name + " " + type + " " + tier);
    return school(user, code).orElseThrow();
  }

  record District(String code, String name) {}

  record DistrictForm(String code, String name) {}

  record SchoolForm(String code, String name, String districtCode, String areaType, String remotenessTier, String pupils) {

    /** The form of a school as it stands. */
    static SchoolForm of(SchoolView s) {
      return new SchoolForm(s.code(), s.name(), s.districtCode(), s.areaType(), String.valueOf(s.remotenessTier()),
          s.pupils() == null ? "" : "" + s.pupils());
    }
  }

  record SchoolView(String code, String name, String districtCode, String districtName, String areaType,
      int remotenessTier, Integer pupils) {

    public boolean rural() {
      return !"URBAN".equals(areaType);
    }
  }
}
