package cn.jiaoliu.app.reports;

import cn.jiaoliu.app.export.Headings;
import cn.jiaoliu.app.export.Table;
import cn.jiaoliu.app.export.TableExport;
import cn.jiaoliu.app.security.AllowedRoles;
import cn.jiaoliu.app.security.JiaoliuUser;
import cn.jiaoliu.app.security.Role;
import cn.jiaoliu.app.web.UserFacingException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * 上报与发放: the district's rotations for the national teacher management system (one workbook, two
 * sheets: 交流轮岗 and 工作经历) and the month's subsidy roster for finance (补助发放表), each on a page
 * and as a download. The teaching office its own district; administrators any ({@code ?district=}).
 */
@Controller
@AllowedRoles({Role.TEACHING_OFFICE, Role.ADMIN})
class ReportsController {

  private final NationalRecords national;
  private final SubsidyRoster subsidies;
  private final ReportDistricts districts;
  private final TableExport export;
  private final Headings headings;
  private final Clock clock;

  ReportsController(NationalRecords national, SubsidyRoster subsidies, ReportDistricts districts, TableExport export,
      Headings headings, Clock clock, ZoneId displayZone) {
    this.national = national;
    this.subsidies = subsidies;
    this.districts = districts;
    this.export = export;
    this.headings = headings;
    this.clock = clock.withZone(displayZone); // "this month" and "today" as the bureau's calendar has them
  }

  @GetMapping("/reports")
  String index() {
    return "redirect:/reports/rotations";
  }

  @GetMapping("/reports/rotations")
  String rotations(JiaoliuUser user, @RequestParam(required = false) String district,
      @RequestParam(required = false) String year, @RequestParam(required = false) String from,
      @RequestParam(required = false) String to, Model model) {
    String d = districts.districtOf(user, district);
    ReportPeriod period = ReportPeriod.parse(year, from, to, LocalDate.now(clock));
    model.addAttribute("district", d);
    model.addAttribute("period", period);
    model.addAttribute("records", national.of(d, period));
    int current = ReportPeriod.schoolYearOf(LocalDate.now(clock)).schoolYear();
    model.addAttribute("years", IntStream.rangeClosed(0, 5).mapToObj(i -> ReportPeriod.ofSchoolYear(current + 1 - i))
        .map(ReportPeriod::schoolYearText).toList());
    return "reports/rotations";
  }

  @GetMapping("/reports/rotations/export")
  ResponseEntity<byte[]> exportRotations(JiaoliuUser user, @RequestParam(required = false) String district,
      @RequestParam(required = false) String year, @RequestParam(required = false) String from,
      @RequestParam(required = false) String to) {
    String d = districts.districtOf(user, district);
    ReportPeriod period = ReportPeriod.parse(year, from, to, LocalDate.now(clock));
    NationalRecords.Records records = national.of(d, period);
    List<List<Object>> rotations = new ArrayList<>();
    for (NationalRecords.RotationRow r : records.rotations()) {
      rotations.add(Arrays.asList(r.districtName(), r.staffNumber(), r.teacherName(), headings.text(r.typeKey()),
          r.transfersPersonnel(), r.starts(), r.ends(), r.fromSchool(), r.toSchool()));
    }
    List<List<Object>> history = new ArrayList<>();
    for (NationalRecords.WorkRow w : records.history()) {
      history.add(Arrays.asList(w.districtName(), w.staffNumber(), w.teacherName(), w.starts(), w.ends(), w.school(),
          w.rural()));
    }
    List<Table> sheets = List.of(headings.table("nationalRotations", rotations),
        headings.table("workHistory", history));
    return export.downloadSheets(headings.text("export.nationalRotations.file"), sheets,
        "rotations-" + d + "-" + period.fileLabel());
  }

  @GetMapping("/reports/subsidies")
  String subsidies(JiaoliuUser user, @RequestParam(required = false) String district,
      @RequestParam(required = false) String month, Model model) {
    String d = districts.districtOf(user, district);
    YearMonth m = month(month);
    model.addAttribute("district", d);
    model.addAttribute("roster", subsidies.of(d, m));
    return "reports/subsidies";
  }

  @GetMapping("/reports/subsidies/export")
  ResponseEntity<byte[]> exportSubsidies(JiaoliuUser user, @RequestParam(required = false) String district,
      @RequestParam(required = false) String month, @RequestParam(defaultValue = "xlsx") String format) {
    String d = districts.districtOf(user, district);
    SubsidyRoster.MonthRoster roster = subsidies.of(d, month(month));
    List<List<Object>> rows = new ArrayList<>();
    for (SubsidyRoster.SchoolGroup g : roster.schools()) {
      for (SubsidyRoster.Row r : g.rows()) {
        rows.add(Arrays.asList(g.schoolName(), r.staffNumber(), r.teacherName(), r.schoolTaughtAt(),
            r.monthlySubsidy(), r.servedFrom() + " – " + r.servedTo(), r.daysServed(), r.daysInMonth(), r.months(),
            r.amount()));
      }
      rows.add(Arrays.asList(g.schoolName() + " " + headings.text("reports.subsidies.subtotal"), null, null, null, null,
          null, null, null, null, g.total()));
    }
    rows.add(Arrays.asList(headings.text("reports.subsidies.total"), null, null, null, null, null, null, null, null,
        roster.total()));
    return export.download(headings.table("subsidies", rows, roster.month().toString()),
        "subsidies-" + d + "-" + roster.month(), format);
  }

  /** {@code 2026-11}; none: this month. */
  private YearMonth month(String text) {
    if (text == null || text.isBlank()) {
      return YearMonth.now(clock);
    }
    try {
      YearMonth m = YearMonth.parse(text.strip());
      if (m.getYear() < 2000 || m.getYear() > 2100) {
        throw UserFacingException.field("month", "reports.error.month");
      }
      return m;
    } catch (DateTimeParseException e) {
      throw UserFacingException.field("month", "reports.error.month");
    }
  }
}
