package cn.jiaoliu.app.sample;

import cn.jiaoliu.app.engine.EngineUnavailableException;
import cn.jiaoliu.app.engine.ProcessStarter;
import cn.jiaoliu.app.school.SchoolRepository;
import cn.jiaoliu.app.security.JiaoliuUser;
import cn.jiaoliu.app.security.Role;
import cn.jiaoliu.app.web.UserFacingException;
import cn.jiaoliu.processes.ProcessIds;
import cn.jiaoliu.processes.sample.SampleOpinionStart;
import cn.jiaoliu.workers.sample.SampleOutcomeService;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Sample requests: stored first, then started in the engine (retried later if the engine is away),
 * closed by the {@code record-sample-outcome} worker.
 */
@Service
class SampleRequestService implements SampleOutcomeService {

  static final int TITLE_MAX = 100;
  static final int REASONS_MAX = 1000;

  private static final Logger log = LoggerFactory.getLogger(SampleRequestService.class);

  private final SampleRequestRepository requests;
  private final SchoolRepository schools;
  private final ProcessStarter starter;
  private final Clock clock;
  private final Duration opinionDuePeriod;

  SampleRequestService(SampleRequestRepository requests, SchoolRepository schools, ProcessStarter starter,
      Clock clock, @Value("${jiaoliu.sample.opinion-due-period}") Duration opinionDuePeriod) {
    this.requests = requests;
    this.schools = schools;
    this.starter = starter;
    this.clock = clock;
    this.opinionDuePeriod = opinionDuePeriod;
  }

  /** Submits a request; the same token twice (a double click) gives the first request back. */
  SampleRequest submit(JiaoliuUser user, String title, String reasons, String requestToken) {
    if (!user.has(Role.TEACHER)) {
      throw new UserFacingException(HttpStatus.FORBIDDEN, "error.forbidden");
    }
    Map<String, String> errors = new LinkedHashMap<>();
    String cleanTitle = check("title", title, TITLE_MAX, errors);
    String cleanReasons = check("reasons", reasons, REASONS_MAX, errors);
    if (user.schoolCode() == null || schools.findById(user.schoolCode()).isEmpty()) {
      errors.put("school", "sample.error.noSchool");
    }
    String token = requestToken == null || requestToken.isBlank() ? java.util.UUID.randomUUID().toString() : requestToken.trim();
    if (token.length() > 64) {
      errors.put("requestToken", "error.tooLong");
    }
    if (!errors.isEmpty()) {
      throw UserFacingException.invalid(errors);
    }
    var existing = requests.findByRequestToken(token);
    if (existing.isPresent()) {
      return sameTeacher(existing.get(), user);
    }
    OffsetDateTime now = OffsetDateTime.now(clock);
    SampleRequest saved;
    try {
      saved = requests.save(new SampleRequest(null, user.username(), user.displayName(), user.schoolCode(),
          cleanTitle, cleanReasons, SampleRequest.Status.SUBMITTED, null, null, token, now, now, null));
    } catch (DuplicateKeyException e) {
      return sameTeacher(requests.findByRequestToken(token).orElseThrow(), user);
    }
    return tryStart(saved, opinionDuePeriod);
  }

  /** Starts the instance now if the engine takes it; otherwise {@link #startPending()} does later. */
  SampleRequest tryStart(SampleRequest request, Duration duePeriod) {
    try {
      long key = starter.start(ProcessIds.SAMPLE_OPINION,
          new SampleOpinionStart(request.id(), request.teacherUsername(), request.schoolCode(), duePeriod.toString()));
      return requests.save(request.started(key, OffsetDateTime.now(clock)));
    } catch (EngineUnavailableException e) {
      log.warn("sample request {} stored; the engine will get it when it is back", request.id());
      return request;
    }
  }

  void startPending() {
    // older than a minute: younger ones may still be starting in the request that stored them
    OffsetDateTime before = OffsetDateTime.now(clock).minusMinutes(1);
    for (SampleRequest pending : requests.findTop20ByProcessInstanceKeyIsNullAndCreatedAtBeforeOrderById(before)) {
      if (tryStart(pending, opinionDuePeriod).processInstanceKey() == null) {
        return;
      }
    }
  }

  List<SampleRequest> mine(JiaoliuUser user) {
    return requests.findByTeacherUsernameOrderByIdDesc(user.username());
  }

  /** The teacher themself, a principal of the teacher's school, the district's office, or an admin. */
  SampleRequest get(JiaoliuUser user, long id) {
    SampleRequest request = requests.findById(id).orElseThrow(UserFacingException::notFound);
    boolean own = request.teacherUsername().equals(user.username());
    boolean principal = user.has(Role.PRINCIPAL) && request.schoolCode().equals(user.schoolCode());
    boolean office = user.has(Role.TEACHING_OFFICE) && schools.findById(request.schoolCode())
        .map(s -> s.districtCode().equals(user.districtCode())).orElse(false);
    if (own || principal || office || user.has(Role.ADMIN)) {
      return request;
    }
    throw UserFacingException.notFound();
  }

  @Override
  public void recordOutcome(long requestId, String outcome) {
    requests.findById(requestId).ifPresentOrElse(request -> {
      if (request.status() != SampleRequest.Status.CLOSED || !Objects.equals(request.outcome(), outcome)) {
        requests.save(request.closed(outcome, OffsetDateTime.now(clock)));
      }
    }, () -> log.warn("outcome {} for unknown sample request {}", outcome, requestId));
  }

  private static SampleRequest sameTeacher(SampleRequest request, JiaoliuUser user) {
    if (!request.teacherUsername().equals(user.username())) {
      throw UserFacingException.conflict("error.duplicateToken");
    }
    return request;
  }

  private static String check(String field, String value, int max, Map<String, String> errors) {
    String clean = value == null ? "" : value.strip();
    if (clean.isEmpty()) {
      errors.put(field, "error.required");
    } else if (clean.length() > max) {
      errors.put(field, "error.tooLong");
    }
    return clean;
  }
}
