package cn.jiaoliu.app.programme;

import cn.jiaoliu.app.audit.AuditTrail;
import cn.jiaoliu.app.persistence.RecordRows;
import cn.jiaoliu.app.security.JiaoliuUser;
import cn.jiaoliu.app.web.UserFacingException;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.format.annotation.DateTimeFormat.ISO;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Rotation batches (交流批次) of a district: when applications open and close, the rotation period,
 * the minimum years of service, the days each step has, and quotas per school and direction (the
 * dispatching school's: urban schools send 支教 teachers, rural schools send teachers to 跟岗学习).
 */
@Service
class BatchAdmin {

  static final List<String> STATUSES = List.of("DRAFT", "OPEN", "CLOSED");
  static final List<String> DIRECTIONS = List.of("URBAN_TO_RURAL", "RURAL_TO_URBAN");
  private static final String SELECT = """
      select id, district_code, name, opens_on, closes_on, period_starts, period_ends, status, min_years_of_service,
             sign_opinion_days, revise_days, accept_days, approve_days, reminder_lead_days,
             (select coalesce(sum(q.quota), 0) from batch_quota q where q.batch_id = b.id) as quota,
             (select coalesce(sum(q.used), 0) from batch_quota q where q.batch_id = b.id) as used
      from rotation_batch b""";

  private final JdbcClient jdbc;
  private final SchoolAdmin schools;
  private final AuditTrail audit;
  private final ApplicationEventPublisher events;

  BatchAdmin(JdbcClient jdbc, SchoolAdmin schools, AuditTrail audit, ApplicationEventPublisher events) {
    this.jdbc = jdbc;
    this.schools = schools;
    this.audit = audit;
    this.events = events;
  }

  List<BatchView> batches(JiaoliuUser user, String district) {
    String d = AdminScope.of(user).districtOr(district);
    return jdbc.sql(SELECT + " where district_code = :d order by opens_on desc, id desc").param("d", d)
        .query(RecordRows.of(BatchView.class)).list();
  }

  BatchView batch(JiaoliuUser user, long id) {
    AdminScope scope = AdminScope.of(user);
    return jdbc.sql(SELECT + " where id = :id").param("id", id).query(RecordRows.of(BatchView.class)).optional()
        .filter(b -> scope.covers(b.districtCode())).orElseThrow(UserFacingException::notFound);
  }

  /** Creates a batch in the user's district ({@code id} null) or changes one. */
  BatchView save(JiaoliuUser user, Long id, BatchForm form) {
    AdminScope scope = AdminScope.of(user);
    BatchView existing = id == null ? null : batch(user, id);
    String district = existing != null ? existing.districtCode() : scope.districtOr(form.districtCode());
    Fields f = new Fields();
    String name = form.name().strip();
    LocalDate opens = form.opensOn();
    LocalDate closes = form.closesOn();
    LocalDate periodStarts = form.periodStarts();
    LocalDate periodEnds = form.periodEnds();
    String status = form.status().strip();
    if (!STATUSES.contains(status)) {
      f.error("status", "error.chooseOne");
    }
    int minYears = form.minYearsOfService();
    int sign = form.signOpinionDays();
    int revise = form.reviseDays();
    int accept = form.acceptDays();
    int approve = form.approveDays();
    int lead = form.reminderLeadDays();
    if (closes.isBefore(opens)) {
      f.error("closesOn", "admin.error.endBeforeStart");
    }
    if (!periodEnds.isAfter(periodStarts)) {
      f.error("periodEnds", "admin.error.endBeforeStart");
    }
    if (lead >= Math.min(Math.min(sign, revise), Math.min(accept, approve))) {
      f.error("reminderLeadDays", "admin.error.reminderLead");
    }
    f.check();
    if (existing == null) {
      var key = new GeneratedKeyHolder();
      jdbc.sql("""
              insert into rotation_batch (district_code, name, opens_on, closes_on, period_starts, period_ends, status,
                min_years_of_service, sign_opinion_days, revise_days, accept_days, approve_days, reminder_lead_days)
              values (:d, :name, :opens, :closes, :ps, :pe, :status, :min, :sign, :revise, :accept, :approve, :lead)""")
          .param("d", district).param("name", name).param("opens", opens).param("closes", closes)
          .param("ps", periodStarts).param("pe", periodEnds).param("status", status).param("min", minYears)
          .param("sign", sign).param("revise", revise).param("accept", accept).param("approve", approve)
          .param("lead", lead).update(key, "id");
      id = key.getKeyAs(Number.class).longValue();
    } else {
      jdbc.sql("""
              update rotation_batch set name = :name, opens_on = :opens, closes_on = :closes, period_starts = :ps,
                period_ends = :pe, status = :status, min_years_of_service = :min, sign_opinion_days = :sign,
                revise_days = :revise, accept_days = :accept, approve_days = :approve, reminder_lead_days = :lead
              where id = :id""")
          .param("id", id).param("name", name).param("opens", opens).param("closes", closes)
          .param("ps", periodStarts).param("pe", periodEnds).param("status", status).param("min", minYears)
          .param("sign", sign).param("revise", revise).param("accept", accept).param("approve", approve)
          .param("lead", lead).update();
    }
    audit.record("BATCH", id, scope.username(), scope.actorRole(),
        existing == null ? "BATCH_ADDED" : "BATCH_CHANGED", name + " " + status + " " + opens + ".." + closes);
    if ("OPEN".equals(status) && (existing == null || !"OPEN".equals(existing.status()))) {
      events.publishEvent(new BatchOpened(id, district, scope.username()));
    }
    return batch(user, id);
  }

  List<QuotaView> quotas(JiaoliuUser user, long batchId) {
    batch(user, batchId);
    return jdbc.sql("""
            select q.school_code, s.name as school_name, q.direction, q.quota, q.used
            from batch_quota q join school s on s.code = q.school_code where q.batch_id = :b
            order by q.direction, q.school_code""")
        .param("b", batchId).query(RecordRows.of(QuotaView.class)).list();
  }

  /** Sets one school's quota for one direction; never below what is already used. */
  @Transactional
  List<QuotaView> setQuota(JiaoliuUser user, long batchId, QuotaForm form) {
    AdminScope scope = AdminScope.of(user);
    BatchView batch = batch(user, batchId);
    Fields f = new Fields();
    String schoolCode = form.schoolCode().strip();
    String direction = form.direction().strip();
    int quota = form.quota();
    if (!DIRECTIONS.contains(direction)) {
      f.error("direction", "error.chooseOne");
      direction = null;
    }
    SchoolAdmin.SchoolView school = schoolCode == null ? null : schools.school(user, schoolCode)
        .filter(s -> s.districtCode().equals(batch.districtCode())).orElse(null);
    if (schoolCode != null && school == null) {
      f.error("schoolCode", "admin.error.school");
    }
    if (school != null && direction != null && school.rural() != "RURAL_TO_URBAN".equals(direction)) {
      f.error("direction", "admin.error.quotaDirection");
    }
    f.check();
    int used = jdbc.sql("select used from batch_quota where batch_id = :b and school_code = :s and direction = :d")
        .param("b", batchId).param("s", schoolCode).param("d", direction).query(Integer.class).optional().orElse(-1);
    if (used < 0) {
      jdbc.sql("insert into batch_quota (batch_id, school_code, direction, quota) values (:b, :s, :d, :q)")
          .param("b", batchId).param("s", schoolCode).param("d", direction).param("q", quota).update();
    } else {
      int changed = jdbc.sql("""
              update batch_quota set quota = :q where batch_id = :b and school_code = :s and direction = :d and used <= :q""")
          .param("b", batchId).param("s", schoolCode).param("d", direction).param("q", quota).update();
      if (changed == 0) {
        throw UserFacingException.invalid(Map.of("quota", "admin.error.quotaBelowUsed"));
      }
    }
    audit.record("BATCH", batchId, scope.username(), scope.actorRole(), "QUOTA_SET",
        schoolCode + " " + direction + " " + quota);
    return quotas(user, batchId);
  }

  /** A batch as its form and the API take it; the checks across fields are {@link #save}'s. */
  record BatchForm(
      @Size(max = 32, message = "error.tooLong") String districtCode,
      @NotBlank(message = "error.required") @Size(max = 100, message = "error.tooLong") String name,
      @NotNull(message = "error.required") @DateTimeFormat(iso = ISO.DATE) LocalDate opensOn,
      @NotNull(message = "error.required") @DateTimeFormat(iso = ISO.DATE) LocalDate closesOn,
      @NotNull(message = "error.required") @DateTimeFormat(iso = ISO.DATE) LocalDate periodStarts,
      @NotNull(message = "error.required") @DateTimeFormat(iso = ISO.DATE) LocalDate periodEnds,
      @NotBlank(message = "error.required") String status,
      @NotNull(message = "error.required") @Min(value = 0, message = "admin.error.range")
      @Max(value = 40, message = "admin.error.range") Integer minYearsOfService,
      @NotNull(message = "error.required") @Min(value = 1, message = "admin.error.range")
      @Max(value = 60, message = "admin.error.range") Integer signOpinionDays,
      @NotNull(message = "error.required") @Min(value = 1, message = "admin.error.range")
      @Max(value = 60, message = "admin.error.range") Integer reviseDays,
      @NotNull(message = "error.required") @Min(value = 1, message = "admin.error.range")
      @Max(value = 60, message = "admin.error.range") Integer acceptDays,
      @NotNull(message = "error.required") @Min(value = 1, message = "admin.error.range")
      @Max(value = 60, message = "admin.error.range") Integer approveDays,
      @NotNull(message = "error.required") @Min(value = 0, message = "admin.error.range")
      @Max(value = 30, message = "admin.error.range") Integer reminderLeadDays) {

    /** A new batch's form: a draft with the usual floor and step periods. */
    static BatchForm blank(String districtCode) {
      return new BatchForm(districtCode, "", null, null, null, null, "DRAFT", 3, 5, 7, 5, 7, 1);
    }

    /** The form of a batch as it stands. */
    static BatchForm of(BatchView b) {
      return new BatchForm(b.districtCode(), b.name(), b.opensOn(), b.closesOn(), b.periodStarts(), b.periodEnds(),
          b.status(), b.minYearsOfService(), b.signOpinionDays(), b.reviseDays(), b.acceptDays(), b.approveDays(),
          b.reminderLeadDays());
    }
  }

  /** One school's quota for one direction, as the batch page and the API take it. */
  record QuotaForm(
      @NotBlank(message = "error.required") @Size(max = 32, message = "error.tooLong") String schoolCode,
      @NotBlank(message = "error.required") @Size(max = 16, message = "error.tooLong") String direction,
      @NotNull(message = "error.required") @Min(value = 0, message = "admin.error.range")
      @Max(value = 10_000, message = "admin.error.range") Integer quota) {}

  record BatchView(long id, String districtCode, String name, LocalDate opensOn, LocalDate closesOn,
      LocalDate periodStarts, LocalDate periodEnds, String status, int minYearsOfService, int signOpinionDays,
      int reviseDays, int acceptDays, int approveDays, int reminderLeadDays, long quota, long used) {}

  record QuotaView(String schoolCode, String schoolName, String direction, int quota, int used) {}
}
