package cn.jiaoliu.app.programme;

import cn.jiaoliu.app.export.Table;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** The administration lists as tables with Chinese headers, for XLSX and CSV downloads. */
@Component
class AdminTables {

  private static final Locale ZH = Locale.SIMPLIFIED_CHINESE;

  private final MessageSource messages;

  AdminTables(MessageSource messages) {
    this.messages = messages;
  }

  private String msg(String key) {
    return messages.getMessage(key, null, key, ZH);
  }

  Table schools(List<SchoolAdmin.SchoolView> rows) {
    return new Table("学校", List.of("学校代码", "学校名称", "区县代码", "类型", "偏远等级", "学生数"),
        rows.stream().map(s -> List.<Object>of(s.code(), s.name(), s.districtCode(), msg("areaType." + s.areaType()),
            s.remotenessTier(), s.pupils() == null ? "" : s.pupils())).toList());
  }

  Table pairings(List<PairingAdmin.PairingView> rows) {
    return new Table("结对帮扶", List.of("城区学校代码", "城区学校", "农村学校代码", "农村学校", "开始日期", "结束日期", "帮扶内容"),
        rows.stream().map(p -> List.<Object>of(p.urbanCode(), p.urbanName(), p.ruralCode(), p.ruralName(), p.startsOn(),
            p.endsOn(), String.join("、", p.kinds().stream().map(k -> msg("helpKind." + k)).toList()))).toList());
  }

  Table groups(List<GroupAdmin.GroupView> rows) {
    return new Table("教育集团", List.of("集团名称", "牵头学校代码", "牵头学校", "成员学校数", "成员学校"),
        rows.stream().map(g -> List.<Object>of(g.name(), g.leadCode(), g.leadName(), g.members().size(),
            String.join("、", g.members().stream().map(GroupAdmin.Member::name).toList()))).toList());
  }

  Table batches(List<BatchAdmin.BatchView> rows) {
    return new Table("交流批次", List.of("编号", "批次名称", "报名开始", "报名截止", "交流开始", "交流结束", "状态", "最低教龄",
        "名额合计", "已用名额"),
        rows.stream().map(b -> List.<Object>of(b.id(), b.name(), b.opensOn(), b.closesOn(), b.periodStarts(),
            b.periodEnds(), msg("batchStatus." + b.status()), b.minYearsOfService(), b.quota(), b.used())).toList());
  }

  Table quotas(BatchAdmin.BatchView batch, List<BatchAdmin.QuotaView> rows) {
    return new Table("名额", List.of("批次", "学校代码", "学校", "方向", "名额", "已用"),
        rows.stream().map(q -> List.<Object>of(batch.name(), q.schoolCode(), q.schoolName(),
            msg("direction." + q.direction()), q.quota(), q.used())).toList());
  }

  Table teachers(List<TeacherRoster.TeacherView> rows) {
    return new Table("教师名册", List.of("工号", "姓名", "学校代码", "学校", "学科", "职称", "教龄", "用户名"),
        rows.stream().map(t -> List.<Object>of(t.staffNumber(), t.name(), t.schoolCode(), t.schoolName(),
            nz(t.subject()), nz(t.title()), t.yearsOfService() == null ? "" : t.yearsOfService(), nz(t.username())))
            .toList());
  }

  /** An empty file with only the headers: what an import expects. */
  Table template(String kind, List<String> columns) {
    return new Table("schools".equals(kind) ? "学校导入模板" : "教师导入模板", columns, List.of());
  }

  private static String nz(String value) {
    return value == null ? "" : value;
  }
}
