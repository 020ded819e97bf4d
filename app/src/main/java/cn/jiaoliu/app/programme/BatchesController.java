package cn.jiaoliu.app.programme;

import cn.jiaoliu.app.export.TableExport;
import cn.jiaoliu.app.security.JiaoliuUser;
import cn.jiaoliu.app.web.FormPages;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Rotation batches and their quotas per school and direction. */
@Controller
class BatchesController extends AdminPages {

  private final SchoolAdmin schools;
  private final BatchAdmin batches;
  private final AdminTables tables;
  private final TableExport export;

  BatchesController(SchoolAdmin schools, BatchAdmin batches, AdminTables tables, TableExport export) {
    super(schools);
    this.schools = schools;
    this.batches = batches;
    this.tables = tables;
    this.export = export;
  }

  @GetMapping("/admin/batches")
  String batches(JiaoliuUser user, @RequestParam(required = false) String district, Model model) {
    String d = AdminScope.of(user).districtOr(district);
    model.addAttribute("district", d);
    model.addAttribute("batches", batches.batches(user, d));
    if (!model.containsAttribute("form")) {
      model.addAttribute("form", BatchAdmin.BatchForm.blank(d));
    }
    return "admin/batches";
  }

  @PostMapping("/admin/batches")
  String addBatch(JiaoliuUser user, @Valid @ModelAttribute BatchAdmin.BatchForm form, BindingResult binding,
      RedirectAttributes flash, Model model, HttpServletResponse response) {
    return FormPages.submit(() -> batches.save(user, null, valid(form, binding)), districtPage("/admin/batches", form.districtCode()), flash,
        "admin.saved", () -> batches(user, form.districtCode(), model), model, form, response);
  }

  @GetMapping("/admin/batches/{id}")
  String batch(JiaoliuUser user, @PathVariable long id, Model model) {
    BatchAdmin.BatchView b = batches.batch(user, id);
    model.addAttribute("batch", b);
    model.addAttribute("quotas", batches.quotas(user, id));
    model.addAttribute("schools", schools.schools(user, b.districtCode(), null));
    if (!model.containsAttribute("form")) {
      model.addAttribute("form", BatchAdmin.BatchForm.of(b));
    }
    return "admin/batch";
  }

  @PostMapping("/admin/batches/{id}")
  String changeBatch(JiaoliuUser user, @PathVariable long id, @Valid @ModelAttribute BatchAdmin.BatchForm form,
      BindingResult binding, RedirectAttributes flash, Model model, HttpServletResponse response) {
    return FormPages.submit(() -> batches.save(user, id, valid(form, binding)), "/admin/batches/" + id, flash, "admin.saved",
        () -> batch(user, id, model), model, form, response);
  }

  @PostMapping("/admin/batches/{id}/quotas")
  String setQuota(JiaoliuUser user, @PathVariable long id, @Valid @ModelAttribute BatchAdmin.QuotaForm quota,
      BindingResult binding, RedirectAttributes flash, Model model, HttpServletResponse response) {
    return FormPages.submit(() -> batches.setQuota(user, id, valid(quota, binding)), "/admin/batches/" + id + "#quotas", flash, "admin.saved",
        () -> {
          model.addAttribute("quotaForm", quota);
          return batch(user, id, model);
        }, model, null, response);
  }

  @GetMapping("/admin/batches/{id}/quotas/export")
  ResponseEntity<byte[]> exportQuotas(JiaoliuUser user, @PathVariable long id,
      @RequestParam(defaultValue = "xlsx") String format) {
    return export.download(tables.quotas(batches.batch(user, id), batches.quotas(user, id)), "quotas-" + id, format);
  }
}
