package cn.jiaoliu.app.programme;

import cn.jiaoliu.app.export.Headings;
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
  private final Headings headings;

  AdminTables(MessageSource messages, Headings headings) {
    this.messages = messages;
    this.headings = headings;
  }

  private String msg(String key) {
    return messages.getMessage(key, null, key, ZH);
  }

  Table schools(List<SchoolAdmin.SchoolView> rows) {
    return headings.table("schools", rows.stream().map(s -> List.<Object>of(s.code(), s.name(), s.districtCode(), msg("areaType." + s.areaType()),
            s.remotenessTier(), s.pupils() == null ? "" : s.pupils())).toList());
  }

  Table pairings(List<PairingAdmin.PairingView> rows) {
    return headings.table("pairings", rows.stream().map(p -> List.<Object>of(p.urbanCode(), p.urbanName(), p.ruralCode(), p.ruralName(), p.startsOn(),
            p.endsOn(), String.join("、", p.kinds().stream().map(k -> msg("helpKind." + k)).toList()))).toList());
  }

  Table groups(List<GroupAdmin.GroupView> rows) {
    return headings.table("groups", rows.stream().map(g -> List.<Object>of(g.name(), g.leadCode(), g.leadName(), g.members().size(),
            String.join("、", g.members().stream().map(GroupAdmin.Member::name).toList()))).toList());
  }

  Table batches(List<BatchAdmin.BatchView> rows) {
    return headings.table("batches", rows.stream().map(b -> List.<Object>of(b.id(), b.name(), b.opensOn(), b.closesOn(), b.periodStarts(),
            b.periodEnds(), msg("batchStatus." + b.status()), b.minYearsOfService(), b.quota(), b.used())).toList());
  }

  Table quotas(BatchAdmin.BatchView batch, List<BatchAdmin.QuotaView> rows) {
    return headings.table("quotas", rows.stream().map(q -> List.<Object>of(batch.name(), q.schoolCode(), q.schoolName(),
            msg("direction." + q.direction()), q.quota(), q.used())).toList());
  }

  Table teachers(List<TeacherRoster.TeacherView> rows) {
    return headings.table("teachers", rows.stream().map(t -> List.<Object>of(t.staffNumber(), t.name(), t.schoolCode(), t.schoolName(),
            nz(t.subject()), nz(t.title()), t.yearsOfService() == null ? "" : t.yearsOfService(), nz(t.username()),
            t.joinedSchoolOn() == null ? "" : t.joinedSchoolOn().toString(),
            t.backboneLevel() == null ? "" : msg("backbone." + t.backboneLevel()),
            t.post() == null ? "" : msg("staffPost." + t.post()),
            t.birthDate() == null ? "" : t.birthDate().toString(),
            t.retiresOn() == null ? "" : t.retiresOn().toString(), t.ruralSinceMonth(),
            t.ruralBreakMonths() == null ? "" : t.ruralBreakMonths(),
            t.leftPostOn() == null ? "" : t.leftPostOn().toString()))
            .toList());
  }

  /** An empty file with only the headers: what an import expects. */
  Table template(String kind, List<String> columns) {
    return new Table(headings.text("export.template." + ("schools".equals(kind) ? "schools" : "teachers") + ".name"),
        columns, List.of());
  }

  private static String nz(String value) {
    return value == null ? "" : value;
  }
}
