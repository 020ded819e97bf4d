package cn.jiaoliu.app.casefile;

import cn.jiaoliu.app.security.JiaoliuUser;
import cn.jiaoliu.app.web.Outcomes;
import java.nio.charset.StandardCharsets;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** A case's comments and files on its pages; back to the page they came from, with the reason of a refusal. */
@Controller
class CaseFilesController {

  private final CaseFiles files;

  CaseFilesController(CaseFiles files) {
    this.files = files;
  }

  @PostMapping("/cases/{type}/{id}/comments")
  String comment(JiaoliuUser user, @PathVariable String type, @PathVariable long id,
      @RequestParam(required = false) String body, @RequestHeader(value = HttpHeaders.REFERER, required = false)
      String from, RedirectAttributes flash) {
    return Outcomes.redirect(flash, Outcomes.back(from, "/"), () -> files.comment(user, type, id, body), "comment.added");
  }

  @PostMapping("/cases/{type}/{id}/attachments")
  String upload(JiaoliuUser user, @PathVariable String type, @PathVariable long id,
      @RequestParam(required = false) MultipartFile file,
      @RequestHeader(value = HttpHeaders.REFERER, required = false) String from, RedirectAttributes flash) {
    return Outcomes.redirect(flash, Outcomes.back(from, "/"), () -> files.upload(user, type, id, file), "attachment.added");
  }

  @PostMapping("/cases/{type}/{id}/attachments/{attachment}/delete")
  String remove(JiaoliuUser user, @PathVariable String type, @PathVariable long id, @PathVariable long attachment,
      @RequestHeader(value = HttpHeaders.REFERER, required = false) String from, RedirectAttributes flash) {
    return Outcomes.redirect(flash, Outcomes.back(from, "/"), () -> files.remove(user, type, id, attachment), "attachment.removed");
  }

  @GetMapping("/cases/{type}/{id}/attachments/{attachment}")
  ResponseEntity<byte[]> download(JiaoliuUser user, @PathVariable String type, @PathVariable long id,
      @PathVariable long attachment) {
    return send(files.download(user, type, id, attachment));
  }

  /** A file as an attachment (never shown inline), with its name in UTF-8 and its checked type. */
  static ResponseEntity<byte[]> send(CaseFiles.Download d) {
    return ResponseEntity.ok().contentType(MediaType.parseMediaType(d.contentType()))
        .header(HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment().filename(d.fileName(), StandardCharsets.UTF_8).build().toString())
        .header("X-Content-Type-Options", "nosniff")
        .body(d.content());
  }
}
