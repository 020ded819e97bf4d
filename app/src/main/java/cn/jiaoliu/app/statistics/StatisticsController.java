package cn.jiaoliu.app.statistics;

import cn.jiaoliu.app.export.Table;
import cn.jiaoliu.app.export.TableExport;
import cn.jiaoliu.app.security.AllowedRoles;
import cn.jiaoliu.app.security.JiaoliuUser;
import cn.jiaoliu.app.security.Role;
import cn.jiaoliu.app.web.UserFacingException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** The statistics page (charts with their tables, filters) and its XLSX / CSV downloads. */
@Controller
@AllowedRoles({Role.TEACHING_OFFICE, Role.ADMIN, Role.PRINCIPAL})
class StatisticsController {

  private final StatisticsService statistics;
  private final StatisticsScopes scopes;
  private final StatisticsTables tables;
  private final StatisticsCharts charts;
  private final TableExport export;

  StatisticsController(StatisticsService statistics, StatisticsScopes scopes, StatisticsTables tables, StatisticsCharts charts,
      TableExport export) {
    this.statistics = statistics;
    this.scopes = scopes;
    this.tables = tables;
    this.charts = charts;
    this.export = export;
  }

  /** A report on the page: its chart (JSON for charts.js, a summary) and its table in the reader's language. */
  record ReportView(String id, Table table, StatisticsCharts.View chart) {}

  @GetMapping("/statistics")
  String show(JiaoliuUser user, @RequestParam(required = false) String year,
      @RequestParam(required = false) String batch, @RequestParam(required = false) String school, Locale locale,
      Model model) {
    StatisticsScope scope = scopes.scope(user, school, year, batch);
    Statistics s = statistics.of(scope);
    List<ReportView> reports = Arrays.stream(Report.values())
        .map(r -> new ReportView(r.id(), tables.table(s, r, locale), charts.view(s, r, locale))).toList();
    model.addAttribute("scope", scope);
    model.addAttribute("stats", s);
    model.addAttribute("filters", scopes.filters(scope, user));
    model.addAttribute("reports", reports);
    model.addAttribute("openTotal", s.openApprovals().stream().mapToInt(Statistics.StepAge::total).sum());
    model.addAttribute("archivedTotal", s.grades().stream().mapToInt(Statistics.GradeCount::total).sum());
    model.addAttribute("principalView", !user.has(Role.TEACHING_OFFICE)
        && !user.has(Role.ADMIN));
    return "statistics/show";
  }

  @GetMapping("/statistics/{report}/export")
  ResponseEntity<byte[]> export(JiaoliuUser user, @PathVariable String report, @RequestParam String format,
      @RequestParam(required = false) String year, @RequestParam(required = false) String batch,
      @RequestParam(required = false) String school) {
    StatisticsScope scope = scopes.scope(user, school, year, batch);
    Report r = Report.of(report).orElseThrow(UserFacingException::notFound);
    return export.download(tables.table(statistics.of(scope), r, Locale.SIMPLIFIED_CHINESE), fileName(scope, r), format);
  }

  /** e.g. {@code statistics-grades-LC-LC-U01-2026-2027-batch3} */
  static String fileName(StatisticsScope scope, Report report) {
    StringBuilder name = new StringBuilder("statistics-").append(report.id()).append('-').append(scope.districtCode());
    if (scope.oneSchool()) {
      name.append('-').append(scope.schoolCode());
    }
    if (scope.schoolYear() != null) {
      name.append('-').append(scope.schoolYear());
    }
    if (scope.batchId() != null) {
      name.append("-batch").append(scope.batchId());
    }
    return name.toString();
  }
}
