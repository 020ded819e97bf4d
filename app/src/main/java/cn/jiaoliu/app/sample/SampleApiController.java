package cn.jiaoliu.app.sample;

import cn.jiaoliu.app.security.JiaoliuUser;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Sample requests over REST. {@code Idempotency-Key} makes a repeated POST return the first request. */
@RestController
@RequestMapping("/api/sample-requests")
class SampleApiController {

  private final SampleRequestService service;

  SampleApiController(SampleRequestService service) {
    this.service = service;
  }

  @PostMapping
  ResponseEntity<SampleDto> submit(JiaoliuUser user, @RequestBody SubmitSample body,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
    SampleRequest saved = service.submit(user, body.title(), body.reasons(), idempotencyKey);
    return ResponseEntity.created(URI.create("/api/sample-requests/" + saved.id())).body(SampleDto.of(saved));
  }

  @GetMapping
  List<SampleDto> mine(JiaoliuUser user) {
    return service.mine(user).stream().map(SampleDto::of).toList();
  }

  @GetMapping("/{id}")
  SampleDto get(JiaoliuUser user, @PathVariable long id) {
    return SampleDto.of(service.get(user, id));
  }

  record SubmitSample(String title, String reasons) {}

  record SampleDto(long id, String teacherUsername, String schoolCode, String title, String reasons,
      String status, String outcome, Long processInstanceKey, OffsetDateTime createdAt) {

    static SampleDto of(SampleRequest r) {
      return new SampleDto(r.id(), r.teacherUsername(), r.schoolCode(), r.title(), r.reasons(), r.status().name(),
          r.outcome(), r.processInstanceKey(), r.createdAt());
    }
  }
}
