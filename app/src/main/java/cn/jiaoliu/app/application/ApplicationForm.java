package cn.jiaoliu.app.application;

import cn.jiaoliu.app.programme.Batches;
import cn.jiaoliu.app.programme.School;
import cn.jiaoliu.app.programme.SchoolRepository;
import cn.jiaoliu.app.security.JiaoliuUser;
import cn.jiaoliu.app.web.UserFacingException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Reads and checks the fields of an application (new or revised). Every problem is reported per
 * field, as a message key; nothing is stored unless all fields are good.
 */
@Component
class ApplicationForm {

  static final int SUBJECT_MAX = 50;
  static final int REASONS_MAX = 2000;

  private final SchoolRepository schools;
  private final Batches rules;

  private final Clock clock;
  private final ZoneId zone;

  ApplicationForm(SchoolRepository schools, Batches rules, Clock clock, ZoneId displayZone) {
    this.clock = clock;
    this.zone = displayZone;
    this.schools = schools;
    this.rules = rules;
  }

  /** The checked values of a form. */
  record Fields(Batches.Batch batch, School home, School target, Direction direction, Post post, String subject,
      LocalDate periodStart, LocalDate periodEnd, int yearsOfService, String reasons) {}

  Fields read(JiaoliuUser user, Map<String, String> in, Long fixedBatchId) {
    Map<String, String> errors = new LinkedHashMap<>();
    School home = user.schoolCode() == null ? null : schools.findById(user.schoolCode()).orElse(null);
    if (home == null) {
      errors.put("school", "application.error.noSchool");
    }
    Batches.Batch batch = null;
    Long batchId = fixedBatchId != null ? fixedBatchId : number(in.get("batchId"), "batchId", errors);
    if (batchId != null) {
      batch = rules.batch(batchId).filter(b -> b.districtCode().equals(user.districtCode())).orElse(null);
      if (batch == null) {
        errors.put("batchId", "application.error.unknownBatch");
      } else if (fixedBatchId == null && !batch.openOn(LocalDate.now(clock.withZone(zone)))) {
        errors.put("batchId", "application.error.batchClosed");
      }
    }
    Direction direction = oneOf(Direction.class, in.get("direction"), "direction", errors);
    Post post = oneOf(Post.class, in.getOrDefault("post", "TEACHER"), "post", errors);
    String subject = text(in.get("subject"), SUBJECT_MAX, "subject", errors);
    String reasons = text(in.get("reasons"), REASONS_MAX, "reasons", errors);
    LocalDate start = date(in.get("periodStart"), "periodStart", errors);
    LocalDate end = date(in.get("periodEnd"), "periodEnd", errors);
    if (start != null && end != null && !end.isAfter(start)) {
      errors.put("periodEnd", "application.error.reversedDates");
    } else if (start != null && end != null && batch != null
        && (start.isBefore(batch.periodStarts()) || end.isAfter(batch.periodEnds()))) {
      errors.put("periodStart", "application.error.outsideBatchPeriod");
    }
    Integer years = number(in.get("yearsOfService"), "yearsOfService", errors) instanceof Long l ? l.intValue() : null;
    if (years != null && (years < 0 || years > 60)) {
      errors.put("yearsOfService", "application.error.years");
    }
    School target = null;
    String targetCode = in.get("targetSchoolCode");
    if (targetCode == null || targetCode.isBlank()) {
      errors.put("targetSchoolCode", "error.required");
    } else {
      target = schools.findById(targetCode.strip()).orElse(null);
      if (target == null || (home != null && !target.districtCode().equals(home.districtCode()))) {
        errors.put("targetSchoolCode", "application.error.unknownSchool");
        target = null;
      }
    }
    if (home != null && target != null && direction != null) {
      boolean fits = direction == Direction.URBAN_TO_RURAL ? !home.rural() && target.rural() : home.rural() && !target.rural();
      if (!fits) {
        errors.put("direction", "application.error.directionMismatch");
      } else if (start != null && end != null && end.isAfter(start)
          && !rules.paired(home.code(), target.code(), start, end)) {
        errors.put("targetSchoolCode", "application.error.notPaired");
      }
    }
    if (!errors.isEmpty()) {
      throw UserFacingException.invalid(errors);
    }
    return new Fields(batch, home, target, direction, post, subject, start, end, years, reasons);
  }

  private static String text(String value, int max, String field, Map<String, String> errors) {
    String clean = value == null ? "" : value.strip();
    if (clean.isEmpty()) {
      errors.put(field, "error.required");
    } else if (clean.length() > max) {
      errors.put(field, "error.tooLong");
    }
    return clean;
  }

  private static LocalDate date(String value, String field, Map<String, String> errors) {
    if (value == null || value.isBlank()) {
      errors.put(field, "error.required");
      return null;
    }
    try {
      return LocalDate.parse(value.strip());
    } catch (DateTimeParseException e) {
      errors.put(field, "error.invalidDate");
      return null;
    }
  }

  private static Long number(String value, String field, Map<String, String> errors) {
    if (value == null || value.isBlank()) {
      errors.put(field, "error.required");
      return null;
    }
    try {
      return Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      errors.put(field, "error.invalidNumber");
      return null;
    }
  }

  private static <E extends Enum<E>> E oneOf(Class<E> type, String value, String field, Map<String, String> errors) {
    if (value == null || value.isBlank()) {
      errors.put(field, "error.required");
      return null;
    }
    try {
      return Enum.valueOf(type, value.strip());
    } catch (IllegalArgumentException e) {
      errors.put(field, "error.chooseOne");
      return null;
    }
  }
}
