package cn.jiaoliu.app.application;

import cn.jiaoliu.app.audit.AuditTrail;
import cn.jiaoliu.app.engine.BackgroundThreads;
import cn.jiaoliu.app.engine.EngineUnavailableException;
import cn.jiaoliu.app.engine.ProcessStarter;
import cn.jiaoliu.app.programme.Batches;
import cn.jiaoliu.app.security.JiaoliuUser;
import cn.jiaoliu.app.security.Role;
import cn.jiaoliu.app.tasklist.CaseGrants;
import cn.jiaoliu.app.tasklist.TaskService;
import cn.jiaoliu.app.web.UserFacingException;
import cn.jiaoliu.processes.ProcessIds;
import cn.jiaoliu.processes.application.ApplicationProcess;
import cn.jiaoliu.processes.application.ApplicationStart;
import cn.jiaoliu.processes.application.Deadlines;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rotation applications as teachers, principals and teaching offices see them. Who may read: the
 * teacher, the principals of the home and the target school, the district's teaching office, admins.
 * Everyone else gets "not found".
 */
@Service
public class ApplicationService {

  public static final String SUBJECT = "APPLICATION";

  private static final Logger log = LoggerFactory.getLogger(ApplicationService.class);

  /** Seconds before each retry of a start the engine refused at submission. */
  private static final int[] SOON = {1, 2, 4, 8, 16};
  /** Older than the whole chain of retries at submission (31 s of pauses, each start trying for up to 8 s). */
  static final Duration PENDING_AGE = Duration.ofMinutes(2);

  private final ScheduledExecutorService retries =
      BackgroundThreads.scheduler("jiaoliu-application-start-retry");
  private final RotationApplicationRepository applications;
  private final ApplicationForm form;
  private final Batches rules;
  private final ProcessStarter engine;
  private final AuditTrail audit;
  private final TaskService tasks;
  private final TransactionTemplate tx;
  private final Clock clock;

  private final CaseGrants grants;

  ApplicationService(RotationApplicationRepository applications, ApplicationForm form, Batches rules,
      ProcessStarter engine, AuditTrail audit, TaskService tasks, TransactionTemplate tx, Clock clock,
      CaseGrants grants) {
    this.grants = grants;
    this.applications = applications;
    this.form = form;
    this.rules = rules;
    this.engine = engine;
    this.audit = audit;
    this.tasks = tasks;
    this.tx = tx;
    this.clock = clock;
  }

  /** Stores a new application and starts its process; the same request token twice gives the first back. */
  public RotationApplication submit(JiaoliuUser user, Map<String, String> fields) {
    String token = fields.getOrDefault("requestToken", "");
    token = token == null || token.isBlank() ? UUID.randomUUID().toString() : token.strip();
    if (token.length() > 64) {
      throw UserFacingException.invalid(Map.of("requestToken", "error.tooLong"));
    }
    var existing = applications.findByRequestToken(token);
    if (existing.isPresent()) {
      return sameTeacher(existing.get(), user);
    }
    ApplicationForm.Fields f = form.read(user, fields, null);
    OffsetDateTime now = OffsetDateTime.now(clock);
    String requestToken = token;
    RotationApplication saved;
    try {
      saved = tx.execute(status -> {
        RotationApplication stored = applications.save(new RotationApplication(null, user.username(), user.displayName(),
            f.home().code(), f.target().code(), f.home().districtCode(), f.batch().id(), f.direction(), f.post(),
            f.subject(), f.periodStart(), f.periodEnd(), f.yearsOfService(), f.reasons(), ApplicationStatus.SUBMITTED,
            null, null, null, 0, null, null, false, requestToken, now, now, null));
        audit.record(SUBJECT, stored.id(), user.username(), Role.TEACHER.realmRole(), "SUBMITTED",
            f.target().name() + " · " + f.subject());
        return stored;
      });
    } catch (DuplicateKeyException e) {
      return sameTeacher(applications.findByRequestToken(requestToken).orElseThrow(), user);
    }
    return start(saved, 0);
  }

  /**
   * Starts the instance if the engine takes it now. Otherwise (the engine pushing back under load,
   * or away) this instance tries again soon, after 1, 2, 4, 8 and 16 s, so that a busy engine does
   * not hold the application back; after that {@link #startPending()} retries, which leaves alone
   * what is younger than {@link #PENDING_AGE} so that it never races these retries.
   */
  RotationApplication start(RotationApplication application, int attempt) {
    Batches.Batch batch = rules.batch(application.batchId()).orElseThrow();
    try {
      long key = engine.start(ProcessIds.ROTATION_APPLICATION, new ApplicationStart(application.id(),
          application.teacherUsername(), application.homeSchoolCode(), application.targetSchoolCode(),
          application.districtCode(), deadlines(batch)));
      applications.started(application.id(), key, OffsetDateTime.now(clock));
    } catch (EngineUnavailableException e) {
      if (attempt < SOON.length) {
        log.info("application {} stored; the engine is busy, starting it again in {} s", application.id(), SOON[attempt]);
        retries.schedule(() -> startAgain(application.id(), attempt + 1), SOON[attempt], TimeUnit.SECONDS);
      } else {
        log.warn("application {} stored; its process starts when the engine is back", application.id());
      }
    }
    return applications.findById(application.id()).orElseThrow();
  }

  private void startAgain(long id, int attempt) {
    try {
      applications.findById(id)
          .filter(a -> a.processInstanceKey() == null && a.status() == ApplicationStatus.SUBMITTED)
          .ifPresent(a -> start(a, attempt));
    } catch (RuntimeException e) {
      log.warn("starting application {} again failed; startPending will", id, e);
    }
  }

  void startPending() {
    OffsetDateTime before = OffsetDateTime.now(clock).minus(PENDING_AGE);
    for (RotationApplication pending : applications
        .findTop20ByProcessInstanceKeyIsNullAndStatusAndCreatedAtBeforeOrderById(ApplicationStatus.SUBMITTED, before)) {
      if (start(pending, SOON.length).processInstanceKey() == null) {
        return;
      }
    }
  }

  static Deadlines deadlines(Batches.Batch batch) {
    return new Deadlines("P" + batch.signOpinionDays() + "D", "P" + batch.reviseDays() + "D",
        "P" + batch.acceptDays() + "D", "P" + batch.approveDays() + "D", "P" + batch.reminderLeadDays() + "D");
  }

  /**
   * The teacher withdraws: allowed until the teaching office has approved. Every open task of the
   * application leaves the inbox at once; the engine hears of it by message (re-sent if it is away).
   */
  public RotationApplication withdraw(JiaoliuUser user, long id) {
    RotationApplication application = get(user, id);
    if (!application.teacherUsername().equals(user.username())) {
      throw UserFacingException.notFound();
    }
    Integer moved = tx.execute(status -> {
      int n = applications.moveStatus(id, ApplicationStatus.names(ApplicationStatus.WITHDRAWABLE), ApplicationStatus.WITHDRAWN.name(),
          null, OffsetDateTime.now(clock));
      if (n > 0) {
        audit.record(SUBJECT, id, user.username(), Role.TEACHER.realmRole(), "WITHDRAWN", null);
      }
      return n;
    });
    if (moved == null || moved == 0) {
      throw UserFacingException.conflict("application.error.notWithdrawable");
    }
    if (application.processInstanceKey() != null) {
      tasks.cancelOpenTasksOf(application.processInstanceKey());
    }
    publishWithdrawal(id);
    return applications.findById(id).orElseThrow();
  }

  void publishWithdrawal(long id) {
    try {
      engine.publish(ApplicationProcess.MESSAGE_WITHDRAWN, String.valueOf(id), "withdraw-" + id);
      applications.withdrawalPublished(id);
    } catch (EngineUnavailableException e) {
      log.warn("withdrawal of application {} is sent when the engine is back", id);
    }
  }

  void publishPendingWithdrawals() {
    for (RotationApplication a : applications.findTop20ByStatusAndWithdrawalPublishedFalseOrderById(ApplicationStatus.WITHDRAWN)) {
      if (a.processInstanceKey() != null) {
        publishWithdrawal(a.id());
      } else {
        applications.withdrawalPublished(a.id());
      }
    }
  }

  public List<RotationApplication> mine(JiaoliuUser user) {
    return applications.findByTeacherUsernameOrderByIdDesc(user.username());
  }

  public RotationApplication get(JiaoliuUser user, long id) {
    return applications.findById(id).filter(c -> readable(user, c)).orElseThrow(UserFacingException::notFound);
  }

  /** Its scope, or a reading the inbox granted (a copy, an opinion asked). */
  boolean readable(JiaoliuUser user, RotationApplication c) {
    return c.scope().readableBy(user) || grants.granted(SUBJECT, c.id(), user.username());
  }

  private static RotationApplication sameTeacher(RotationApplication a, JiaoliuUser user) {
    if (!a.teacherUsername().equals(user.username())) {
      throw UserFacingException.conflict("error.duplicateToken");
    }
    return a;
  }
}
