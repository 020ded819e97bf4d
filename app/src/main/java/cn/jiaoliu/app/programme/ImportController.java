package cn.jiaoliu.app.programme;

import cn.jiaoliu.app.export.TableExport;
import cn.jiaoliu.app.security.JiaoliuUser;
import cn.jiaoliu.app.web.UserFacingException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/** Schools and teachers from a spreadsheet; the empty templates. */
@Controller
class ImportController extends AdminPages {

  private final SchoolAdmin schools;
  private final ImportService imports;
  private final AdminTables tables;
  private final TableExport export;

  ImportController(SchoolAdmin schools, ImportService imports, AdminTables tables, TableExport export) {
    super(schools);
    this.schools = schools;
    this.imports = imports;
    this.tables = tables;
    this.export = export;
  }

  @GetMapping("/admin/import")
  String importForm(JiaoliuUser user, Model model) {
    AdminScope.of(user);
    return "admin/import";
  }

  @PostMapping("/admin/import")
  String importFile(JiaoliuUser user, @RequestParam(required = false) String kind,
      @RequestParam(required = false) MultipartFile file, Model model, HttpServletResponse response) throws IOException {
    model.addAttribute("kind", kind);
    try {
      ImportService.ImportResult result = imports.importFile(user, kind == null ? "" : kind,
          file == null ? "" : file.getOriginalFilename(), file == null ? new byte[0] : file.getBytes());
      model.addAttribute("result", result);
      if (!result.imported()) {
        response.setStatus(400);
      }
    } catch (UserFacingException e) {
      if (e.fieldErrors().isEmpty()) {
        throw e;
      }
      response.setStatus(400);
      model.addAttribute("fieldErrors", e.fieldErrors());
    }
    return "admin/import";
  }

  @GetMapping("/admin/import/template/{kind}")
  ResponseEntity<byte[]> template(JiaoliuUser user, @PathVariable String kind,
      @RequestParam(defaultValue = "xlsx") String format) {
    AdminScope.of(user);
    return export.download(tables.template(kind, imports.columns(kind)), "import-" + kind, format);
  }
}
