package cn.jiaoliu.app.casefile;

import cn.jiaoliu.app.security.JiaoliuUser;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** A case's comments and files over REST, with the same checks as the pages. */
@RestController
class CaseFilesApiController {

  private final CaseFiles files;

  CaseFilesApiController(CaseFiles files) {
    this.files = files;
  }

  record CommentRequest(String body) {}

  @GetMapping("/api/cases/{type}/{id}/comments")
  List<CaseFiles.Comment> comments(JiaoliuUser user, @PathVariable String type, @PathVariable long id) {
    return files.view(user, type, id).comments();
  }

  @PostMapping("/api/cases/{type}/{id}/comments")
  CaseFiles.Comment comment(JiaoliuUser user, @PathVariable String type, @PathVariable long id,
      @RequestBody CommentRequest body) {
    return files.comment(user, type, id, body.body());
  }

  @GetMapping("/api/cases/{type}/{id}/attachments")
  List<CaseFiles.Attachment> attachments(JiaoliuUser user, @PathVariable String type, @PathVariable long id) {
    return files.view(user, type, id).attachments();
  }

  @PostMapping("/api/cases/{type}/{id}/attachments")
  CaseFiles.Attachment upload(JiaoliuUser user, @PathVariable String type, @PathVariable long id,
      @RequestParam(required = false) MultipartFile file) {
    return files.upload(user, type, id, file);
  }

  @GetMapping("/api/cases/{type}/{id}/attachments/{attachment}")
  ResponseEntity<byte[]> download(JiaoliuUser user, @PathVariable String type, @PathVariable long id,
      @PathVariable long attachment) {
    return CaseFilesController.send(files.download(user, type, id, attachment));
  }

  @PostMapping("/api/cases/{type}/{id}/attachments/{attachment}/delete")
  Map<String, Object> remove(JiaoliuUser user, @PathVariable String type, @PathVariable long id,
      @PathVariable long attachment) {
    files.remove(user, type, id, attachment);
    return Map.of("removed", attachment);
  }
}
