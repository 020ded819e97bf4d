package cn.jiaoliu.app.assessment;

import cn.jiaoliu.app.audit.AuditTrail;
import cn.jiaoliu.app.engine.EngineUnavailableException;
import cn.jiaoliu.app.engine.ProcessStarter;
import cn.jiaoliu.app.notification.NotificationEvent;
import cn.jiaoliu.app.notification.NotificationService;
import cn.jiaoliu.app.persistence.RecordRows;
import cn.jiaoliu.app.security.JiaoliuUser;
import cn.jiaoliu.app.security.Role;
import cn.jiaoliu.app.user.UserDirectory;
import cn.jiaoliu.app.web.UserFacingException;
import cn.jiaoliu.processes.ProcessIds;
import cn.jiaoliu.processes.assessment.RoundSchedule;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Default opening dates of assessment rounds. The teaching office sets (or moves, or cancels) the
 * date a school year's round opens by itself; the date is stored first, then sent to the engine
 * (the {@code assessment-round-schedule} process waits for it with a timer). A change the engine did
 * not take is sent again by {@link #sendPending()}.
 */
@Service
class RoundScheduleService {

  private static final Logger log = LoggerFactory.getLogger(RoundScheduleService.class);

  private final JdbcClient jdbc;
  private final AssessmentRounds assessments;
  private final ProcessStarter engine;
  private final AuditTrail audit;
  private final NotificationService notifications;
  private final UserDirectory users;
  private final Clock clock;
  private final ZoneId zone;

  private final ServedYears servedYears;

  RoundScheduleService(JdbcClient jdbc, AssessmentRounds assessments, ProcessStarter engine, AuditTrail audit,
      NotificationService notifications, UserDirectory users, Clock clock, ZoneId displayZone, ServedYears servedYears) {
    this.servedYears = servedYears;
    this.jdbc = jdbc;
    this.assessments = assessments;
    this.engine = engine;
    this.audit = audit;
    this.notifications = notifications;
    this.users = users;
    this.clock = clock;
    this.zone = displayZone;
  }

  /** The district's schedules, latest school year first. */
  List<Schedule> of(String districtCode) {
    return jdbc.sql("""
            select id, district_code, school_year, opens_at, set_by, set_at, opened_at, added,
                   sent_revision = revision as sent
            from assessment_schedule where district_code = :d order by school_year desc""")
        .param("d", districtCode).query(RecordRows.of(Schedule.class)).list();
  }

  /**
   * Sets or moves the default opening date of the user's district's round for the school year.
   * {@code opensAt} is {@code 2027-06-20T08:00} (in the bureau's time zone) or ISO-8601 with an
   * offset; it must lie ahead and within the school year (1 September to 31 December of the year after).
   */
  Schedule schedule(JiaoliuUser user, String schoolYear, String opensAt) {
    String year = assessments.officeRoundYear(user, schoolYear);
    OffsetDateTime at = opensAt(opensAt, year);
    if (at.atZoneSameInstant(zone).toLocalDate().isBefore(servedYears.earliestOpening(user.districtCode(), year))) {
      throw UserFacingException.invalid(Map.of("opensAt", "assessment.error.opensAtBeforeServed"));
    }
    return change(user, year, at, "ROUND_SCHEDULED");
  }

  /** Cancels the default opening date; the round can still be opened by hand. */
  Schedule cancel(JiaoliuUser user, String schoolYear) {
    String year = assessments.officeRoundYear(user, schoolYear);
    if (find(user.districtCode(), year) == null) {
      throw UserFacingException.notFound();
    }
    return change(user, year, null, "ROUND_SCHEDULE_CANCELLED");
  }

  private Schedule change(JiaoliuUser user, String year, OffsetDateTime at, String action) {
    String district = user.districtCode();
    OffsetDateTime now = OffsetDateTime.now(clock);
    int updated = jdbc.sql("""
            update assessment_schedule set opens_at = :at, revision = revision + 1, set_by = :by, set_at = :now
            where district_code = :d and school_year = :y and opened_at is null""")
        .param("at", at).param("by", user.username()).param("now", now).param("d", district).param("y", year).update();
    if (updated == 0) {
      if (find(district, year) != null) {
        throw UserFacingException.conflict("assessment.error.scheduleFired");
      }
      try {
        jdbc.sql("""
                insert into assessment_schedule (district_code, school_year, opens_at, revision, set_by, set_at)
                values (:d, :y, :at, 1, :by, :now)""")
            .param("d", district).param("y", year).param("at", at).param("by", user.username()).param("now", now)
            .update();
      } catch (DuplicateKeyException e) {
        throw UserFacingException.conflict("assessment.error.scheduleChanged");
      }
    }
    send(district, year);
    Schedule schedule = find(district, year);
    audit.record("ROUND_SCHEDULE", schedule.id(), user.username(), Role.TEACHING_OFFICE.realmRole(), action,
        year + (at == null ? "" : " " + at));
    return schedule;
  }

  private OffsetDateTime opensAt(String value, String year) {
    String text = value == null ? "" : value.strip();
    OffsetDateTime at;
    try {
      at = text.length() > 16 && (text.endsWith("Z") || text.matches(".*[+-]\\d\\d:\\d\\d$"))
          ? OffsetDateTime.parse(text)
          : LocalDateTime.parse(text).atZone(zone).toOffsetDateTime();
    } catch (DateTimeParseException e) {
      throw UserFacingException.invalid(Map.of("opensAt", "assessment.error.opensAt"));
    }
    int first = AssessmentRounds.firstYear(year);
    LocalDate day = at.atZoneSameInstant(zone).toLocalDate();
    if (!at.isAfter(OffsetDateTime.now(clock))) {
      throw UserFacingException.invalid(Map.of("opensAt", "assessment.error.opensAtPast"));
    }
    if (day.isBefore(LocalDate.of(first, 9, 1)) || day.isAfter(LocalDate.of(first + 1, 12, 31))) {
      throw UserFacingException.invalid(Map.of("opensAt", "assessment.error.opensAtOutsideYear"));
    }
    return at.atZoneSameInstant(zone).toOffsetDateTime();
  }

  /** Sends the latest revision of a schedule to the engine unless it has it already; harmless to repeat. */
  void send(String district, String year) {
    Row row = jdbc.sql("""
            select opens_at, revision, sent_revision, process_instance_key from assessment_schedule
            where district_code = :d and school_year = :y""")
        .param("d", district).param("y", year).query(RecordRows.of(Row.class)).optional().orElse(null);
    if (row == null || row.sentRevision() >= row.revision()) {
      return;
    }
    String opensAt = row.opensAt() == null ? null : row.opensAt().atZoneSameInstant(zone).toOffsetDateTime().toString();
    try {
      if (row.processInstanceKey() == null) {
        if (opensAt == null) {
          markSent(district, year, row.revision(), null);
          return;
        }
        long key = engine.start(ProcessIds.ASSESSMENT_ROUND_SCHEDULE, RoundSchedule.of(district, year, opensAt));
        markSent(district, year, row.revision(), key);
      } else {
        Map<String, Object> variables = new HashMap<>();
        variables.put("opensAt", opensAt);
        engine.publish(RoundSchedule.MESSAGE_CHANGED, RoundSchedule.key(district, year),
            RoundSchedule.key(district, year) + ":" + row.revision(), variables);
        // a cancellation ends the instance: a date set later starts a new one
        markSent(district, year, row.revision(), opensAt == null ? null : row.processInstanceKey());
      }
    } catch (EngineUnavailableException e) {
      log.warn("schedule {} {} stored; it reaches the engine when the engine is back", district, year);
    }
  }

  private void markSent(String district, String year, int revision, Long key) {
    jdbc.sql("""
            update assessment_schedule set sent_revision = :r, process_instance_key = :key
            where district_code = :d and school_year = :y and sent_revision < :r""")
        .param("r", revision).param("key", key).param("d", district).param("y", year).update();
  }

  /** Sends every change the engine has not taken yet (the engine was away when it was made). */
  void sendPending() {
    jdbc.sql("""
            select district_code, school_year from assessment_schedule
            where sent_revision < revision and set_at < :before order by id limit 50""")
        .param("before", OffsetDateTime.now(clock).minusMinutes(1))
        .query((rs, i) -> new String[] {rs.getString(1), rs.getString(2)}).list()
        .forEach(s -> send(s[0], s[1]));
  }

  /** The opening date has come: opens the round, once records when, and tells the district's office. */
  int open(String district, String year) {
    int added = assessments.openScheduled(district, year);
    int first = jdbc.sql("""
            update assessment_schedule set opened_at = :now, added = :added
            where district_code = :d and school_year = :y and opened_at is null""")
        .param("now", OffsetDateTime.now(clock)).param("added", added).param("d", district).param("y", year).update();
    if (first > 0) {
      notifications.notify(users.teachingOfficeOf(district).stream().map(UserDirectory.KnownUser::username).toList(),
          NotificationEvent.ofRound(district, year, "opened"), "notification.roundOpened", year, added);
    }
    return added;
  }

  private Schedule find(String district, String year) {
    return of(district).stream().filter(s -> s.schoolYear().equals(year)).findFirst().orElse(null);
  }

  record Row(OffsetDateTime opensAt, int revision, int sentRevision, Long processInstanceKey) {}

  /** One school year's schedule as users see it. */
  record Schedule(long id, String districtCode, String schoolYear, OffsetDateTime opensAt, String setBy, OffsetDateTime setAt,
      OffsetDateTime openedAt, Integer added, boolean sent) {

    /** WAITING, OPENED or CANCELLED. */
    @JsonProperty
    public String state() {
      return openedAt != null ? "OPENED" : opensAt == null ? "CANCELLED" : "WAITING";
    }
  }
}
