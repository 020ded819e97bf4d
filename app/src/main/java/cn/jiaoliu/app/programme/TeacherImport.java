package cn.jiaoliu.app.programme;

import cn.jiaoliu.app.persistence.RecordRows;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The teacher roster from a file: 工号, 姓名, 学校代码, 学科, 职称, 教龄, 用户名 (the Keycloak login), and
 * what the rotation rules need: 入校时间 (joined the current school), 骨干级别, 岗位, 出生日期, 退休日期
 * (the statutory date where personnel records know it); what the honour certificate of 30 years at
 * rural schools needs: 农村从教起始年月 (the month teaching at rural schools began), 农村从教间断月数
 * (months away from rural schools since), 离岗日期 (left the post); all but the first three optional,
 * so a file of an earlier template still imports.
 */
@Component
class TeacherImport implements ImportKind<TeacherImport.TeacherRow> {

  static final String STAFF_NUMBER = "工号";
  static final String NAME = "姓名";
  static final String SCHOOL = "学校代码";
  static final String SUBJECT = "学科";
  static final String TITLE = "职称";
  static final String YEARS = "教龄";
  static final String USERNAME = "用户名";
  static final String JOINED = "入校时间";
  static final String BACKBONE = "骨干级别";
  static final String POST = "岗位";
  static final String BIRTH = "出生日期";
  static final String RETIRES = "退休日期";
  static final String RURAL_SINCE = "农村从教起始年月";
  static final String RURAL_BREAK = "农村从教间断月数";
  static final String LEFT_POST = "离岗日期";
  /** The file's words for {@link BackboneLevel}, in its order. */
  static final List<String> BACKBONE_LABELS = List.of("区级骨干", "市级骨干", "省级骨干", "学科带头人", "名师");
  /** The file's words for {@link StaffPost}, in its order. */
  static final List<String> POST_LABELS = List.of("教师", "中层干部", "副校长", "校长");
  static final Pattern STAFF_PATTERN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,31}");
  static final Pattern USERNAME_PATTERN = Pattern.compile("[a-z0-9][a-z0-9._-]{1,99}");

  private final JdbcClient jdbc;
  private final Clock clock;

  TeacherImport(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  @Override
  public String name() {
    return "teachers";
  }

  @Override
  public List<String> columns() {
    return List.of(STAFF_NUMBER, NAME, SCHOOL, SUBJECT, TITLE, YEARS, USERNAME, JOINED, BACKBONE, POST, BIRTH, RETIRES,
        RURAL_SINCE, RURAL_BREAK, LEFT_POST);
  }

  @Override
  public List<String> optional() {
    return List.of(SUBJECT, TITLE, YEARS, USERNAME, JOINED, BACKBONE, POST, BIRTH, RETIRES, RURAL_SINCE, RURAL_BREAK,
        LEFT_POST);
  }

  @Override
  public TeacherRow parse(ImportRow row, AdminScope scope) {
    String staff = row.required(STAFF_NUMBER, 32, STAFF_PATTERN);
    String name = row.required(NAME, 50, null);
    String school = row.required(SCHOOL, 32, null);
    String subject = row.optional(SUBJECT, 50, null);
    String title = row.optional(TITLE, 50, null);
    Integer years = row.number(YEARS, 0, 60, false);
    String username = row.optional(USERNAME, 100, USERNAME_PATTERN);
    LocalDate today = LocalDate.now(clock);
    LocalDate joined = row.date(JOINED, LocalDate.of(1950, 1, 1), today);
    BackboneLevel backbone = row.choice(BACKBONE, BackboneLevel.class, BACKBONE_LABELS);
    StaffPost post = row.choice(POST, StaffPost.class, POST_LABELS);
    LocalDate birth = row.date(BIRTH, LocalDate.of(1940, 1, 1), today.minusYears(16));
    LocalDate retires = row.date(RETIRES, LocalDate.of(1990, 1, 1), today.plusYears(60));
    YearMonth ruralSince = row.month(RURAL_SINCE, YearMonth.of(1950, 1), YearMonth.from(today));
    Integer ruralBreak = row.number(RURAL_BREAK, 0, 720, false);
    LocalDate leftPost = row.date(LEFT_POST, LocalDate.of(1950, 1, 1), today.plusYears(1));
    if (school != null) {
      Optional<String> district = jdbc.sql("select district_code from school where code = :c").param("c", school)
          .query(String.class).optional();
      if (district.isEmpty()) {
        row.error(SCHOOL, "import.error.unknownSchool", school);
      } else if (!scope.covers(district.get())) {
        row.error(SCHOOL, "import.error.otherDistrictSchool", school);
      }
    }
    if (staff != null && storedDistrict(staff).filter(d -> !scope.covers(d)).isPresent()) {
      // the teacher is on another district's roster: neither overwritten nor described
      row.error(STAFF_NUMBER, "import.error.staffNumberElsewhere", staff);
    }
    return row.failed() ? null
        : new TeacherRow(staff, name, school, subject, title, years, username, joined, backbone, post, birth,
            retires, ruralSince == null ? null : ruralSince.atDay(1), ruralBreak, leftPost);
  }

  @Override
  public void checkTogether(List<Parsed<TeacherRow>> rows, ImportErrors errors, AdminScope scope) {
    Map<String, Integer> staff = new HashMap<>();
    Map<String, Integer> usernames = new HashMap<>();
    for (Parsed<TeacherRow> row : rows) {
      TeacherRow t = row.value();
      Integer first = staff.putIfAbsent(t.staffNumber(), row.rowNumber());
      if (first != null) {
        errors.add(row.rowNumber(), STAFF_NUMBER, "import.error.duplicateInFile", t.staffNumber(), first);
      }
      if (t.username() != null) {
        Integer firstUser = usernames.putIfAbsent(t.username(), row.rowNumber());
        if (firstUser != null) {
          errors.add(row.rowNumber(), USERNAME, "import.error.duplicateInFile", t.username(), firstUser);
        }
        jdbc.sql("""
                select t.staff_number, s.district_code from teacher t join school s on s.code = t.school_code
                where t.username = :u and t.staff_number <> :s""")
            .param("u", t.username()).param("s", t.staffNumber())
            .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)}).optional()
            .ifPresent(other -> errors.add(row.rowNumber(), USERNAME, scope.covers(other[1])
                ? "import.error.usernameTaken" : "import.error.usernameElsewhere", t.username(), other[0]));
      }
    }
  }

  /** The district whose roster has this staff number now, if any. */
  private Optional<String> storedDistrict(String staffNumber) {
    return jdbc.sql("""
            select s.district_code from teacher t join school s on s.code = t.school_code where t.staff_number = :s""")
        .param("s", staffNumber).query(String.class).optional();
  }

  @Override
  public Change write(TeacherRow row) {
    Optional<TeacherRow> stored = jdbc.sql("""
            select staff_number, name, school_code, subject, title, years_of_service, username,
              joined_school_on, backbone_level, post, birth_date, retires_on, rural_teaching_since, rural_break_months,
              left_post_on
            from teacher where staff_number = :s""")
        .param("s", row.staffNumber()).query(RecordRows.of(TeacherRow.class)).optional();
    if (stored.isPresent() && stored.get().equals(row)) {
      return Change.UNCHANGED;
    }
    String sql = stored.isEmpty()
        ? """
          insert into teacher (staff_number, name, school_code, subject, title, years_of_service, username,
            joined_school_on, backbone_level, post, birth_date, retires_on, rural_teaching_since, rural_break_months,
            left_post_on, updated_at)
          values (:s, :name, :school, :subject, :title, :years, :username, :joined, :backbone, :post, :birth, :retires,
            :ruralSince, :ruralBreak, :leftPost, :now)"""
        : """
          update teacher set name = :name, school_code = :school, subject = :subject, title = :title,
            years_of_service = :years, username = :username, joined_school_on = :joined,
            backbone_level = :backbone, post = :post, birth_date = :birth, retires_on = :retires,
            rural_teaching_since = :ruralSince, rural_break_months = :ruralBreak, left_post_on = :leftPost,
            updated_at = :now
          where staff_number = :s""";
    jdbc.sql(sql).param("s", row.staffNumber()).param("name", row.name()).param("school", row.schoolCode())
        .param("subject", row.subject()).param("title", row.title()).param("years", row.yearsOfService())
        .param("username", row.username()).param("joined", row.joinedSchoolOn())
        .param("backbone", row.backboneLevel() == null ? null : row.backboneLevel().name())
        .param("post", row.post() == null ? null : row.post().name()).param("birth", row.birthDate())
        .param("retires", row.retiresOn())
        .param("ruralSince", row.ruralTeachingSince()).param("ruralBreak", row.ruralBreakMonths())
        .param("leftPost", row.leftPostOn())
        .param("now", OffsetDateTime.now(clock)).update();
    return stored.isEmpty() ? Change.ADDED : Change.UPDATED;
  }

  record TeacherRow(String staffNumber, String name, String schoolCode, String subject, String title,
      Integer yearsOfService, String username, LocalDate joinedSchoolOn, BackboneLevel backboneLevel, StaffPost post,
      LocalDate birthDate, LocalDate retiresOn, LocalDate ruralTeachingSince, Integer ruralBreakMonths,
      LocalDate leftPostOn) {}
}
