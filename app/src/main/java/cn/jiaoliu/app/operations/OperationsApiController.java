package cn.jiaoliu.app.operations;

import cn.jiaoliu.app.export.TableExport;
import cn.jiaoliu.app.security.AllowedRoles;
import cn.jiaoliu.app.security.JiaoliuUser;
import cn.jiaoliu.app.security.Role;
import java.util.List;
import java.util.Locale;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The operations view over REST (administrators): running cases, failing automated steps, retry. */
@RestController
@AllowedRoles(Role.ADMIN)
class OperationsApiController {

  private final OperationsService operations;
  private final TableExport export;

  OperationsApiController(OperationsService operations, TableExport export) {
    this.operations = operations;
    this.export = export;
  }

  /** Running cases ({@code kind=APPLICATION|ASSESSMENT}, {@code district=LC}): JSON, or XLSX / CSV with Chinese headers. */
  @GetMapping("/api/operations/cases")
  ResponseEntity<?> cases(JiaoliuUser user, @RequestParam(required = false) String kind,
      @RequestParam(required = false) String district, @RequestParam(defaultValue = "json") String format,
      Locale locale) {
    if ("json".equals(format)) {
      return ResponseEntity.ok(operations.cases(user, kind, district, locale));
    }
    return export.download(operations.table(operations.cases(user, kind, district, Locale.SIMPLIFIED_CHINESE)),
        "running-cases", format);
  }

  /** Automated steps that keep failing, incidents ({@code incident: true}) first. */
  @GetMapping("/api/operations/failures")
  List<JobFailure> failures(JiaoliuUser user) {
    return operations.failures(user);
  }

  /** Runs a failed step again; the failure as it then stands (status RETRIED), or 409 when the step is gone. */
  @PostMapping("/api/operations/failures/{jobKey}/retry")
  JobFailure retry(JiaoliuUser user, @PathVariable long jobKey) {
    return operations.retry(user, jobKey);
  }
}
