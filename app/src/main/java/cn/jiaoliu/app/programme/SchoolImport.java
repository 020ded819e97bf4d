package cn.jiaoliu.app.programme;

import cn.jiaoliu.app.persistence.RecordRows;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Schools from a file: 学校代码, 学校名称, 区县代码, 类型 (城区 / 乡镇 / 村), 偏远等级 (0–3), 学生数. */
@Component
class SchoolImport implements ImportKind<SchoolImport.SchoolRow> {

  static final String CODE = "学校代码";
  static final String NAME = "学校名称";
  static final String DISTRICT = "区县代码";
  static final String TYPE = "类型";
  static final String TIER = "偏远等级";
  static final String PUPILS = "学生数";
  static final Pattern CODE_PATTERN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,31}");
  /** 城区 / 乡镇 / 村, or the stored names. */
  static final Map<String, String> AREA_TYPES = Map.of("城区", "URBAN", "乡镇", "TOWNSHIP", "村", "VILLAGE",
      "URBAN", "URBAN", "TOWNSHIP", "TOWNSHIP", "VILLAGE", "VILLAGE");

  private final JdbcClient jdbc;

  SchoolImport(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public String name() {
    return "schools";
  }

  @Override
  public List<String> columns() {
    return List.of(CODE, NAME, DISTRICT, TYPE, TIER, PUPILS);
  }

  @Override
  public List<String> optional() {
    return List.of(PUPILS);
  }

  @Override
  public SchoolRow parse(ImportRow row, AdminScope scope) {
    String code = row.required(CODE, 32, CODE_PATTERN);
    String name = row.required(NAME, 100, null);
    String district = row.required(DISTRICT, 32, null);
    String typeText = row.required(TYPE, 8, null);
    String type = typeText == null ? null : AREA_TYPES.get(typeText);
    if (typeText != null && type == null) {
      row.error(TYPE, "import.error.areaType", typeText);
    }
    Integer tier = row.number(TIER, 0, 3, true);
    Integer pupils = row.number(PUPILS, 0, 100_000, false);
    if (district != null) {
      if (!districtExists(district)) {
        row.error(DISTRICT, "import.error.unknownDistrict", district);
      } else if (!scope.covers(district)) {
        row.error(DISTRICT, "import.error.otherDistrict", district);
      }
    }
    if (type != null && tier != null && "URBAN".equals(type) != (tier == 0)) {
      row.error(TIER, "import.error.tierForType");
    }
    return row.failed() ? null : new SchoolRow(code, name, district, type, tier, pupils);
  }

  @Override
  public void checkTogether(List<Parsed<SchoolRow>> rows, ImportErrors errors, AdminScope scope) {
    Map<String, Integer> seen = new HashMap<>();
    for (Parsed<SchoolRow> row : rows) {
      Integer first = seen.putIfAbsent(row.value().code(), row.rowNumber());
      if (first != null) {
        errors.add(row.rowNumber(), CODE, "import.error.duplicateInFile", row.value().code(), first);
      }
      stored(row.value().code()).filter(s -> !s.districtCode().equals(row.value().districtCode()))
          .ifPresent(s -> errors.add(row.rowNumber(), DISTRICT, scope.covers(s.districtCode())
              ? "import.error.schoolMoves" : "import.error.schoolElsewhere", s.districtCode()));
    }
  }

  @Override
  public Change write(SchoolRow row) {
    Optional<SchoolRow> stored = stored(row.code());
    if (stored.isEmpty()) {
      jdbc.sql("""
              insert into school (code, name, district_code, area_type, remoteness_tier, pupils)
              values (:code, :name, :district, :type, :tier, :pupils)""")
          .param("code", row.code()).param("name", row.name()).param("district", row.districtCode())
          .param("type", row.areaType()).param("tier", row.remotenessTier()).param("pupils", row.pupils()).update();
      return Change.ADDED;
    }
    if (stored.get().equals(row)) {
      return Change.UNCHANGED;
    }
    jdbc.sql("""
            update school set name = :name, area_type = :type, remoteness_tier = :tier, pupils = :pupils
            where code = :code""")
        .param("code", row.code()).param("name", row.name()).param("type", row.areaType())
        .param("tier", row.remotenessTier()).param("pupils", row.pupils()).update();
    return Change.UPDATED;
  }

  private boolean districtExists(String code) {
    return jdbc.sql("select count(*) from district where code = :c").param("c", code).query(Long.class).single() > 0;
  }

  private Optional<SchoolRow> stored(String code) {
    return jdbc.sql("""
            select code, name, district_code, area_type, remoteness_tier, pupils from school where code = :code""")
        .param("code", code).query(RecordRows.of(SchoolRow.class)).optional();
  }

  record SchoolRow(String code, String name, String districtCode, String areaType, Integer remotenessTier, Integer pupils) {}
}
