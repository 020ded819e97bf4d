package cn.jiaoliu.app.programme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.jiaoliu.app.export.Table;
import cn.jiaoliu.app.export.TableExport;
import cn.jiaoliu.app.security.JiaoliuUser;
import cn.jiaoliu.app.security.Role;
import cn.jiaoliu.app.web.UserFacingException;
import cn.jiaoliu.testsupport.TestDatabase;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * Importing schools and teachers: a good file goes in whole, the same file again changes nothing,
 * and a file bad in any one way is refused with the row, the column and a Chinese message, leaving
 * everything as it was. XLSX, UTF-8 CSV and GB18030 CSV (Excel on Chinese Windows) are read alike.
 */
@SpringBootTest
@ActiveProfiles("test")
@ContextConfiguration(initializers = TestDatabase.class)
class ImportServiceTest {

  static final JiaoliuUser ADMIN = new JiaoliuUser("import.admin", "管理员", Set.of(Role.ADMIN), null, "LC");
  static final JiaoliuUser OFFICE = new JiaoliuUser("import.office", "教学办", Set.of(Role.TEACHING_OFFICE), null, "IM");
  static final JiaoliuUser PRINCIPAL = new JiaoliuUser("import.principal", "校长", Set.of(Role.PRINCIPAL), "LC-U01", "LC");
  static final List<String> SCHOOL_HEADERS = List.of("学校代码", "学校名称", "区县代码", "类型", "偏远等级", "学生数");
  static final List<String> TEACHER_HEADERS = List.of("工号", "姓名", "学校代码", "学科", "职称", "教龄", "用户名");

  @Autowired ImportService imports;
  @Autowired JdbcClient jdbc;
  @Autowired Clock clock;
  @Autowired MessageSource messages;
  @Autowired TableExport export;

  @BeforeEach
  void districts() {
    for (String d : List.of("IM", "IX")) {
      if (jdbc.sql("select count(*) from district where code = :d").param("d", d).query(Long.class).single() == 0) {
        jdbc.sql("insert into district (code, name) values (:d, :n)").param("d", d).param("n", "导入测试区" + d).update();
      }
    }
  }

  private byte[] xlsx(List<String> headers, List<List<Object>> rows) {
    return export.xlsx(new Table("导入", headers, rows));
  }

  private byte[] csv(List<String> headers, List<List<Object>> rows) {
    return export.csv(new Table("导入", headers, rows)).getBytes(StandardCharsets.UTF_8);
  }

  private long count(String sql) {
    return jdbc.sql(sql).query(Long.class).single();
  }

  private List<String> messagesOf(ImportService.ImportResult result) {
    return result.errors().stream().map(e -> "第" + e.row() + "行 " + e.column() + "：" + messages.getMessage(e.messageKey(),
        e.args(), Locale.SIMPLIFIED_CHINESE)).toList();
  }

  @Test
  void aGoodSchoolFileGoesInWholeAndTheSameFileAgainChangesNothing() {
    byte[] file = xlsx(SCHOOL_HEADERS, List.of(
        List.of("IM-U01", "导入区实验小学", "IM", "城区", 0, 1800),
        List.of("IM-R01", "导入区河口镇中心小学", "IM", "乡镇", 2, 310),
        List.of("IM-R02", "导入区后山村小学", "IM", "村", 3, "")));

    ImportService.ImportResult first = imports.importFile(OFFICE, "schools", "schools.xlsx", file);
    assertThat(first.imported()).as("%s", messagesOf(first)).isTrue();
    assertThat(first).extracting("rows", "added", "updated", "unchanged").containsExactly(3, 3, 0, 0);
    assertThat(jdbc.sql("select area_type || ':' || remoteness_tier || ':' || coalesce(cast(pupils as varchar), '-') from school where code = 'IM-R02'")
        .query(String.class).single()).isEqualTo("VILLAGE:3:-");

    ImportService.ImportResult again = imports.importFile(OFFICE, "schools", "schools.xlsx", file);
    assertThat(again).extracting("rows", "added", "updated", "unchanged").containsExactly(3, 0, 0, 3);

    ImportService.ImportResult changed = imports.importFile(OFFICE, "schools", "schools.csv", csv(SCHOOL_HEADERS,
        List.of(List.of("IM-R01", "导入区河口镇中心小学", "IM", "乡镇", 2, 330))));
    assertThat(changed).extracting("added", "updated", "unchanged").containsExactly(0, 1, 0);
    assertThat(count("select pupils from school where code = 'IM-R01'")).isEqualTo(330);
  }

  @Test
  void aFileBadInAnyWayIsRefusedWholeWithRowColumnAndAChineseMessage() {
    long schoolsBefore = count("select count(*) from school");
    byte[] file = csv(SCHOOL_HEADERS, List.of(
        List.of("IX-U01", "正确的一行", "IX", "城区", 0, 100),
        List.of("", "没有代码", "IX", "城区", 0, 100),
        List.of("IX-R01", "类型不对", "IX", "山区", 1, 100),
        List.of("IX-R02", "等级超出", "IX", "村", 7, 100),
        List.of("IX-R03", "学生数不是数", "IX", "村", 2, "很多"),
        List.of("IX-R04", "区县不存在", "ZZ", "村", 2, 10),
        List.of("IX-U01", "代码重复", "IX", "城区", 0, 100),
        List.of("IX R05", "代码有空格", "IX", "村", 2, 10),
        List.of("IX-U02", "城区却有等级", "IX", "城区", 2, 10),
        List.of("IX-R06", "名".repeat(101), "IX", "村", 2, 10)));

    ImportService.ImportResult result = imports.importFile(ADMIN, "schools", "bad.csv", file);

    assertThat(result.imported()).isFalse();
    assertThat(messagesOf(result)).containsExactly(
        "第3行 学校代码：此项为必填。",
        "第4行 类型：“山区”不是有效的学校类型，请填写 城区、乡镇 或 村。",
        "第5行 偏远等级：应为 0 到 3 之间的整数。",
        "第6行 学生数：“很多”不是整数。",
        "第7行 区县代码：区县代码“ZZ”不存在。",
        "第9行 学校代码：“IX R05”格式不正确，只能使用字母、数字和连字符。",
        "第10行 偏远等级：城区学校的偏远等级应为 0，乡镇和村学校应为 1 到 3。",
        "第11行 学校名称：内容过长，最多 100 个字符。",
        "第8行 学校代码：“IX-U01”在文件中重复出现（第 2 行已有）。");
    assertThat(count("select count(*) from school")).as("nothing imported, not even the good row").isEqualTo(schoolsBefore);
    assertThat(count("select count(*) from school where code = 'IX-U01'")).isZero();
  }

  @Test
  void missingColumnsAndFilesThatAreNotSpreadsheetsAreRefused() {
    ImportService.ImportResult noDistrict = imports.importFile(ADMIN, "schools", "x.csv",
        csv(List.of("学校代码", "学校名称", "类型", "偏远等级"), List.of(List.of("IX-U09", "缺列", "城区", 0))));
    assertThat(messagesOf(noDistrict)).containsExactly("第1行 区县代码：缺少此列。");

    assertThat(messagesOf(imports.importFile(ADMIN, "schools", "x.csv", csv(SCHOOL_HEADERS, List.of()))))
        .containsExactly("第2行 ：文件中没有数据行。");
    assertThatThrownBy(() -> imports.importFile(ADMIN, "schools", "x.png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 13}))
        .isInstanceOfSatisfying(UserFacingException.class,
            e -> assertThat(e.fieldErrors()).containsEntry("file", "import.error.unreadable"));
    assertThatThrownBy(() -> imports.importFile(ADMIN, "schools", "x.xlsx", new byte[] {0x50, 0x4b, 0x03, 0x04, 1, 2, 3}))
        .isInstanceOfSatisfying(UserFacingException.class,
            e -> assertThat(e.fieldErrors()).containsEntry("file", "import.error.unreadable"));
    assertThatThrownBy(() -> imports.importFile(ADMIN, "pupils", "x.csv", csv(SCHOOL_HEADERS, List.of())))
        .isInstanceOfSatisfying(UserFacingException.class, e -> assertThat(e.fieldErrors()).containsKey("kind"));
    assertThatThrownBy(() -> imports.importFile(ADMIN, "schools", "x.csv", new byte[0]))
        .isInstanceOfSatisfying(UserFacingException.class, e -> assertThat(e.fieldErrors()).containsKey("file"));
  }

  @Test
  void anOfficeImportsOnlyForItsOwnDistrictAndOthersNotAtAll() {
    ImportService.ImportResult foreign = imports.importFile(OFFICE, "schools", "x.csv",
        csv(SCHOOL_HEADERS, List.of(List.of("LC-U88", "外区学校", "LC", "城区", 0, 100))));
    assertThat(messagesOf(foreign)).containsExactly("第2行 区县代码：区县“LC”不在您的管理范围内。");
    ImportService.ImportResult foreignTeacher = imports.importFile(OFFICE, "teachers", "x.csv",
        csv(TEACHER_HEADERS, List.of(List.of("T-LC-1", "外区教师", "LC-U01", "语文", "一级教师", 5, ""))));
    assertThat(messagesOf(foreignTeacher)).containsExactly("第2行 学校代码：学校“LC-U01”不在您的管理范围内。");
    assertThatThrownBy(() -> imports.importFile(PRINCIPAL, "schools", "x.csv",
        csv(SCHOOL_HEADERS, List.of(List.of("LC-U89", "校长导入", "LC", "城区", 0, 100)))))
        .isInstanceOfSatisfying(UserFacingException.class, e -> assertThat(e.status().value()).isEqualTo(403));
    assertThat(count("select count(*) from school where code in ('LC-U88', 'LC-U89')")).isZero();
  }

  /**
   * An office's roster import names another district's teacher by staff number (or login): it is
   * refused, the teacher stays as stored, and the message tells nothing of the other district's
   * roster. The check once looked only at the row's new school, so the teacher was overwritten.
   */
  @Test
  void anOfficeCannotOverwriteOrLearnAnotherDistrictsTeacher() {
    if (count("select count(*) from school where code = 'IM-U71'") == 0) {
      assertThat(imports.importFile(ADMIN, "schools", "x.csv",
          csv(SCHOOL_HEADERS, List.of(List.of("IM-U71", "导入测试区实验小学", "IM", "城区", 0, 300)))).imported()).isTrue();
    }
    assertThat(imports.importFile(ADMIN, "teachers", "x.csv",
        csv(TEACHER_HEADERS, List.of(List.of("LC-T9001", "莱城教师", "LC-U01", "语文", "一级教师", 9, "lc.t9001"))))
        .imported()).isTrue();

    ImportService.ImportResult overwrite = imports.importFile(OFFICE, "teachers", "x.csv",
        csv(TEACHER_HEADERS, List.of(List.of("LC-T9001", "改名", "IM-U71", "数学", "", 1, ""))));
    assertThat(overwrite.imported()).isFalse();
    assertThat(messagesOf(overwrite)).containsExactly(
        "第2行 工号：工号“LC-T9001”已登记在其他区县，不能通过本区导入修改；教师调动请联系系统管理员。");
    assertThat(jdbc.sql("select name || ' ' || school_code from teacher where staff_number = 'LC-T9001'")
        .query(String.class).single()).isEqualTo("莱城教师 LC-U01");

    ImportService.ImportResult login = imports.importFile(OFFICE, "teachers", "x.csv",
        csv(TEACHER_HEADERS, List.of(List.of("IM-T0001", "本区教师", "IM-U71", "数学", "", 1, "lc.t9001"))));
    assertThat(messagesOf(login)).containsExactly("第2行 用户名：用户名“lc.t9001”已被其他区县的教师使用。");
    assertThat(String.join(" ", messagesOf(login))).doesNotContain("LC-T9001");
  }

  @Test
  void teachersFromAChineseExcelCsvGoInOnceAndConflictsAreReported() {
    String text = String.join("\r\n",
        "工号,姓名,学校代码,学科,职称,教龄,用户名",
        "LC-T0001,王小红,LC-U01,语文,一级教师,12,wang.xiaohong",
        "LC-T0002,李明,LC-R01,数学,二级教师,4,",
        "");
    byte[] gbk = text.getBytes(Charset.forName("GB18030"));

    ImportService.ImportResult first = imports.importFile(ADMIN, "teachers", "教师名册.csv", gbk);
    assertThat(first.imported()).as("%s", messagesOf(first)).isTrue();
    assertThat(first).extracting("added", "unchanged").containsExactly(2, 0);
    assertThat(jdbc.sql("select name from teacher where staff_number = 'LC-T0001'").query(String.class).single())
        .isEqualTo("王小红");
    assertThat(imports.importFile(ADMIN, "teachers", "教师名册.csv", gbk)).extracting("added", "updated", "unchanged")
        .containsExactly(0, 0, 2);

    ImportService.ImportResult bad = imports.importFile(ADMIN, "teachers", "bad.csv", csv(TEACHER_HEADERS, List.of(
        List.of("LC-T0003", "张三", "LC-U99", "", "", "", ""),
        List.of("LC-T0004", "李四", "LC-U01", "", "", 61, "Bad User"),
        List.of("LC-T0005", "王五", "LC-U01", "", "", 3, "wang.xiaohong"))));
    assertThat(messagesOf(bad)).containsExactly(
        "第2行 学校代码：学校代码“LC-U99”不存在，请先导入学校。",
        "第3行 教龄：应为 0 到 60 之间的整数。",
        "第3行 用户名：“Bad User”格式不正确，只能使用字母、数字和连字符。",
        "第4行 用户名：用户名“wang.xiaohong”已属于工号为“LC-T0001”的教师。");
    assertThat(count("select count(*) from teacher where staff_number in ('LC-T0003', 'LC-T0004', 'LC-T0005')")).isZero();
  }

  @Test
  void theRosterCarriesWhatTheRotationRulesNeed() {
    List<String> headers = List.of("工号", "姓名", "学校代码", "学科", "职称", "教龄", "用户名", "入校时间", "骨干级别", "岗位",
        "出生日期", "退休日期");
    ImportService.ImportResult good = imports.importFile(ADMIN, "teachers", "roster.csv", csv(headers, List.of(
        List.of("LC-T7001", "赵一", "LC-U01", "语文", "一级教师", 12, "", "2018-09-01", "市级骨干", "教师", "1985/3/15", "2045-03-31"),
        List.of("LC-T7002", "钱二", "LC-U01", "数学", "高级教师", 25, "", "43344", "SUBJECT_LEADER", "副校长",
            "1972年7月1日", ""),
        List.of("LC-T7003", "孙三", "LC-R01", "", "", "", "", "", "", "", "", ""))));
    assertThat(good.imported()).as("%s", messagesOf(good)).isTrue();
    assertThat(jdbc.sql("""
            select staff_number || ' ' || coalesce(cast(joined_school_on as varchar), '-') || ' '
              || coalesce(backbone_level, '-') || ' ' || coalesce(post, '-') || ' '
              || coalesce(cast(birth_date as varchar), '-') || ' ' || coalesce(cast(retires_on as varchar), '-')
            from teacher where staff_number like 'LC-T700%' order by staff_number""").query(String.class).list())
        .containsExactly("LC-T7001 2018-09-01 CITY TEACHER 1985-03-15 2045-03-31",
            "LC-T7002 2018-09-01 SUBJECT_LEADER VICE_PRINCIPAL 1972-07-01 -",
            "LC-T7003 - - - - -");

    ImportService.ImportResult bad = imports.importFile(ADMIN, "teachers", "bad.csv", csv(headers, List.of(
        List.of("LC-T7004", "李四", "LC-U01", "", "", "", "", "2018-13-01", "特级骨干", "园长", "2026-01-01", ""),
        List.of("LC-T7005", "周五", "LC-U01", "", "", "", "", "2999-09-01", "", "", "", "1989-12-31"))));
    assertThat(messagesOf(bad)).containsExactly(
        "第2行 入校时间：“2018-13-01”不是有效的日期，请按 2026-09-01 填写。",
        "第2行 骨干级别：“特级骨干”不是可选的值，请填写：区级骨干、市级骨干、省级骨干、学科带头人、名师。",
        "第2行 岗位：“园长”不是可选的值，请填写：教师、中层干部、副校长、校长。",
        "第2行 出生日期：日期应在 1940-01-01 到 " + LocalDate.now(clock).minusYears(16) + " 之间。",
        "第3行 入校时间：日期应在 1950-01-01 到 " + LocalDate.now(clock) + " 之间。",
        "第3行 退休日期：日期应在 1990-01-01 到 " + LocalDate.now(clock).plusYears(60) + " 之间。");
    assertThat(count("select count(*) from teacher where staff_number in ('LC-T7004', 'LC-T7005')")).isZero();
  }

  @Test
  void theRosterCarriesRuralTeachingForTheHonourCertificate() {
    List<String> headers = List.of("工号", "姓名", "学校代码", "农村从教起始年月", "农村从教间断月数", "离岗日期");
    ImportService.ImportResult good = imports.importFile(ADMIN, "teachers", "rural.csv", csv(headers, List.of(
        List.of("LC-T7101", "吴一", "LC-R01", "1996-09", "", ""),
        List.of("LC-T7102", "郑二", "LC-R01", "1996年10月", "14", "2026-07-31"),
        List.of("LC-T7103", "王三", "LC-R01", "1990/3/15", "0", ""),
        List.of("LC-T7104", "冯四", "LC-U01", "", "", ""))));
    assertThat(good.imported()).as("%s", messagesOf(good)).isTrue();
    assertThat(jdbc.sql("""
            select staff_number || ' ' || coalesce(cast(rural_teaching_since as varchar), '-') || ' '
              || coalesce(cast(rural_break_months as varchar), '-') || ' ' || coalesce(cast(left_post_on as varchar), '-')
            from teacher where staff_number like 'LC-T710%' order by staff_number""").query(String.class).list())
        .containsExactly("LC-T7101 1996-09-01 - -", "LC-T7102 1996-10-01 14 2026-07-31", "LC-T7103 1990-03-01 0 -",
            "LC-T7104 - - -");
    ImportService.ImportResult again = imports.importFile(ADMIN, "teachers", "rural.csv", csv(headers, List.of(
        List.of("LC-T7101", "吴一", "LC-R01", "1996-09", "", ""))));
    assertThat(again.unchanged()).as("the same row again changes nothing").isEqualTo(1);

    ImportService.ImportResult bad = imports.importFile(ADMIN, "teachers", "bad.csv", csv(headers, List.of(
        List.of("LC-T7105", "陈五", "LC-R01", "1996-13", "721", ""),
        List.of("LC-T7106", "褚六", "LC-R01", "2999-01", "", "1949-12-31"))));
    assertThat(messagesOf(bad)).containsExactly(
        "第2行 农村从教起始年月：“1996-13”不是有效的年月，请按 1996-09 填写。",
        "第2行 农村从教间断月数：应为 0 到 720 之间的整数。",
        "第3行 农村从教起始年月：日期应在 1950-01 到 " + YearMonth.now(clock) + " 之间。",
        "第3行 离岗日期：日期应在 1950-01-01 到 " + LocalDate.now(clock).plusYears(1) + " 之间。");
    assertThat(count("select count(*) from teacher where staff_number in ('LC-T7105', 'LC-T7106')")).isZero();
  }
}
