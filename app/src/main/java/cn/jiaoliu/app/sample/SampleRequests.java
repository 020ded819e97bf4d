package cn.jiaoliu.app.sample;

import cn.jiaoliu.app.security.JiaoliuUser;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.stereotype.Component;

/** What other features may read of sample requests. */
@Component
public class SampleRequests {

  private final SampleRequestService service;

  SampleRequests(SampleRequestService service) {
    this.service = service;
  }

  public List<Summary> mine(JiaoliuUser user) {
    return service.mine(user).stream()
        .map(r -> new Summary(r.id(), r.title(), r.status().name(), r.outcome(), r.createdAt()))
        .toList();
  }

  public record Summary(long id, String title, String status, String outcome, OffsetDateTime createdAt) {}
}
