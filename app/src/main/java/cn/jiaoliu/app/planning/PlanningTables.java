package cn.jiaoliu.app.planning;

import cn.jiaoliu.app.export.Headings;
import cn.jiaoliu.app.export.Table;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The planning downloads, in the bureau's Chinese. */
@Component
class PlanningTables {

  private final Headings headings;

  PlanningTables(Headings headings) {
    this.headings = headings;
  }

  Table dashboard(RotationPlans.Dashboard d) {
    List<List<Object>> rows = new ArrayList<>();
    for (RotationPlans.SchoolProgress s : d.schools()) {
      rows.add(List.of(s.schoolCode(), s.schoolName(), s.due(), s.target().eligible(), s.target().target(),
          s.target().backboneTarget(), s.applied(), s.approved(), s.approvedBackbone(), s.backboneShare() + "%",
          yesNo(s.met())));
    }
    rows.add(List.of("", headings.text("planning.total"), d.due(), d.sum(s -> s.target().eligible()),
        d.target(), d.backboneTarget(), d.applied(), d.approved(), d.approvedBackbone(), d.backboneShare() + "%",
        d.met() + "/" + d.schools().size()));
    return headings.table("planningTargets", rows, d.batch().name());
  }

  Table due(List<RotationPlans.DueTeacher> list, Map<String, String> schoolNames, LocalDate day) {
    List<List<Object>> rows = new ArrayList<>();
    for (RotationPlans.DueTeacher r : list) {
      var t = r.teacher();
      var s = r.standing();
      Exemption e = s.exemption();
      rows.add(List.of(t.schoolCode(), schoolNames.getOrDefault(t.schoolCode(), t.schoolCode()), t.staffNumber(), t.name(),
          t.post() == null ? "" : headings.text("staffPost." + t.post()),
          t.backboneLevel() == null ? "" : headings.text("backbone." + t.backboneLevel()),
          t.joinedSchoolOn() == null ? "" : t.joinedSchoolOn().toString(),
          s.dueSince() == null ? "" : s.dueSince().toString(),
          headings.text("planning.standing." + s.kind()),
          e == null ? (s.kind() == Standing.Kind.NEAR_RETIREMENT ? headings.text("planning.retiresOn") + " " + s.retiresOn() : "")
              : headings.text("exemption." + e.reason()) + " (" + e.validFrom() + " – " + e.validUntil() + ", "
                  + e.approvedBy() + ")",
          r.application() == null ? "" : headings.text("status." + r.application().status())));
    }
    return headings.table("planningDue", rows, day.toString());
  }

  Table activities(PairingActivities.Overview o) {
    List<List<Object>> rows = new ArrayList<>();
    for (PairingActivities.PairingRow r : o.pairings()) {
      rows.add(List.of(r.pairing().urbanName(), r.pairing().ruralName(), r.jointResearch(), r.sendings(), r.minimum(),
          yesNo(r.met()), String.join("; ", r.activities().stream()
              .map(a -> a.day() + " " + a.topic() + " (" + headings.text(a.jointResearch() ? "planning.kind.research"
                  : "planning.kind.sending") + ")").toList())));
    }
    Semester s = o.semester();
    return headings.table("planningActivities", rows, s.fromYear(), s.fromYear() + 1, s.term());
  }

  private String yesNo(boolean value) {
    return headings.text(value ? "planning.met" : "planning.notMet");
  }
}
