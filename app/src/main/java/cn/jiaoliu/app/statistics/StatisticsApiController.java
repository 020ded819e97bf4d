package cn.jiaoliu.app.statistics;

import cn.jiaoliu.app.export.TableExport;
import cn.jiaoliu.app.security.AllowedRoles;
import cn.jiaoliu.app.security.JiaoliuUser;
import cn.jiaoliu.app.security.Role;
import cn.jiaoliu.app.web.UserFacingException;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The statistics over REST: every report at once as JSON, or one report as JSON, XLSX or CSV
 * (Chinese headers). Filters {@code year} (2026-2027), {@code batch} (an id) and {@code school}.
 */
@RestController
@AllowedRoles({Role.TEACHING_OFFICE, Role.ADMIN, Role.PRINCIPAL})
class StatisticsApiController {

  private final StatisticsService statistics;
  private final StatisticsScopes scopes;
  private final StatisticsTables tables;
  private final TableExport export;

  StatisticsApiController(StatisticsService statistics, StatisticsScopes scopes, StatisticsTables tables, TableExport export) {
    this.statistics = statistics;
    this.scopes = scopes;
    this.tables = tables;
    this.export = export;
  }

  @GetMapping("/api/statistics")
  Statistics all(JiaoliuUser user, @RequestParam(required = false) String year,
      @RequestParam(required = false) String batch, @RequestParam(required = false) String school) {
    return statistics.of(scopes.scope(user, school, year, batch));
  }

  @GetMapping("/api/statistics/{report}")
  ResponseEntity<?> one(JiaoliuUser user, @PathVariable String report,
      @RequestParam(defaultValue = "json") String format, @RequestParam(required = false) String year,
      @RequestParam(required = false) String batch, @RequestParam(required = false) String school) {
    StatisticsScope scope = scopes.scope(user, school, year, batch);
    Report r = Report.of(report).orElseThrow(UserFacingException::notFound);
    Statistics s = statistics.of(scope);
    if ("json".equals(format)) {
      return ResponseEntity.ok(Map.of("report", r.id(), "scope", scope, "rows", StatisticsService.rows(s, r)));
    }
    return export.download(tables.table(s, r, Locale.SIMPLIFIED_CHINESE), StatisticsController.fileName(scope, r),
        format);
  }
}
