package cn.jiaoliu.app.application;

import cn.jiaoliu.app.export.Headings;
import cn.jiaoliu.app.export.TableExport;
import cn.jiaoliu.app.programme.SchoolDirectory;
import cn.jiaoliu.app.security.AllowedRoles;
import cn.jiaoliu.app.security.JiaoliuUser;
import cn.jiaoliu.app.security.Role;
import cn.jiaoliu.app.web.UserFacingException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** 申请台账: the district's applications in every state, on a page and as XLSX or CSV. */
@Controller
@AllowedRoles({Role.TEACHING_OFFICE, Role.ADMIN})
class LedgerController {

  static final int PAGE_SIZE = 50;
  static final int EXPORT_LIMIT = 20_000;

  private final ApplicationLedger ledger;
  private final SchoolDirectory directory;
  private final TableExport export;
  private final Headings headings;
  private final MessageSource messages;

  LedgerController(ApplicationLedger ledger, SchoolDirectory directory, TableExport export, Headings headings,
      MessageSource messages) {
    this.ledger = ledger;
    this.directory = directory;
    this.export = export;
    this.headings = headings;
    this.messages = messages;
  }

  @GetMapping("/applications/ledger")
  String ledger(JiaoliuUser user, @RequestParam(required = false) String district,
      @RequestParam(required = false) String status, @RequestParam(required = false) Long batch,
      @RequestParam(required = false) String school, @RequestParam(required = false) String q,
      @RequestParam(defaultValue = "1") int page, Model model) {
    String d = ledger.districtOf(user, district);
    ApplicationLedger.Filter filter = ApplicationLedger.Filter.of(status, batch, school, q);
    model.addAttribute("district", d);
    model.addAttribute("districtName", directory.districtName(d));
    model.addAttribute("filter", filter);
    model.addAttribute("ledger", ledger.page(d, filter, page, PAGE_SIZE));
    model.addAttribute("counts", ledger.countsByStatus(d));
    model.addAttribute("batchChoices", directory.batchesOf(d));
    model.addAttribute("batchNames", directory.batchesOf(d).stream()
        .collect(Collectors.toMap(SchoolDirectory.BatchView::id, SchoolDirectory.BatchView::name)));
    List<String> codes = directory.schoolCodesIn(d);
    model.addAttribute("schoolChoices", directory.schoolNames(codes).entrySet().stream()
        .sorted(Map.Entry.comparingByValue()).toList());
    return "applications/ledger";
  }

  @GetMapping("/applications/ledger/export")
  ResponseEntity<byte[]> export(JiaoliuUser user, @RequestParam(required = false) String district,
      @RequestParam(required = false) String status, @RequestParam(required = false) Long batch,
      @RequestParam(required = false) String school, @RequestParam(required = false) String q,
      @RequestParam(defaultValue = "xlsx") String format) {
    String d = ledger.districtOf(user, district);
    ApplicationLedger.Page all = ledger.page(d, ApplicationLedger.Filter.of(status, batch, school, q), 1, EXPORT_LIMIT);
    if (all.total() > EXPORT_LIMIT) {
      throw new UserFacingException(HttpStatus.BAD_REQUEST, "tasks.exportTooMany", EXPORT_LIMIT);
    }
    Locale zh = Locale.SIMPLIFIED_CHINESE;
    Map<Long, String> batches = directory.batchesOf(d).stream()
        .collect(Collectors.toMap(SchoolDirectory.BatchView::id, SchoolDirectory.BatchView::name));
    List<List<Object>> rows = new ArrayList<>();
    for (ApplicationLedger.Row r : all.rows()) {
      rows.add(List.of(r.id(), r.teacherName(), all.school(r.homeSchoolCode()), all.school(r.targetSchoolCode()),
          messages.getMessage("direction." + r.direction(), null, zh), r.subject(), r.yearsOfService(),
          batches.getOrDefault(r.batchId(), ""), messages.getMessage("status." + r.status(), null, zh),
          r.currentStep() == null ? "" : messages.getMessage("step." + r.currentStep(), null, "", zh),
          r.overdueStep() != null, r.periodStart() + " – " + r.periodEnd(), r.createdAt(), r.updatedAt()));
    }
    return export.download(headings.table("ledger", rows), "ledger", format);
  }
}
