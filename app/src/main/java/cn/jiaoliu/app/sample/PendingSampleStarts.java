package cn.jiaoliu.app.sample;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Starts the instances of requests that were stored while the engine was away. */
@Component
@ConditionalOnProperty(name = "jiaoliu.background-jobs", havingValue = "true", matchIfMissing = true)
class PendingSampleStarts {

  private final SampleRequestService service;

  PendingSampleStarts(SampleRequestService service) {
    this.service = service;
  }

  @Scheduled(fixedDelay = 10_000, initialDelay = 10_000)
  void startPending() {
    service.startPending();
  }
}
