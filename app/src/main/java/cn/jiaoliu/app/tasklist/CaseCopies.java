package cn.jiaoliu.app.tasklist;

import cn.jiaoliu.app.audit.AuditTrail;
import cn.jiaoliu.app.notification.NotificationEvent;
import cn.jiaoliu.app.notification.NotificationService;
import cn.jiaoliu.app.persistence.RecordRows;
import cn.jiaoliu.app.programme.SchoolDirectory;
import cn.jiaoliu.app.security.CandidateKey;
import cn.jiaoliu.app.security.JiaoliuUser;
import cn.jiaoliu.app.security.Role;
import cn.jiaoliu.app.user.UserDirectory;
import cn.jiaoliu.app.web.UserFacingException;
import cn.jiaoliu.processes.CandidateGroups;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 抄送: the teaching office copies a case of its district, for information, to people or to a
 * school's principals or the office (resolved to their members when copied). Those copied may read
 * the case, nothing more; "抄送我的" lists what they were sent, unread first.
 */
@Service
public class CaseCopies {

  static final int NOTE_MAX = 500;

  private final JdbcClient jdbc;
  private final CaseReaders readers;
  private final TaskSubjects subjects;
  private final UserDirectory users;
  private final SchoolDirectory schools;
  private final AuditTrail audit;
  private final NotificationService notifications;
  private final Clock clock;

  CaseCopies(JdbcClient jdbc, CaseReaders readers, TaskSubjects subjects, UserDirectory users,
      SchoolDirectory schools, AuditTrail audit, NotificationService notifications, Clock clock) {
    this.jdbc = jdbc;
    this.readers = readers;
    this.subjects = subjects;
    this.users = users;
    this.schools = schools;
    this.audit = audit;
    this.notifications = notifications;
    this.clock = clock;
  }

  /** A copy received: the case, who sent it, with what note, when, and whether it was opened. */
  public record CaseCopy(long id, String subjectType, long subjectId, String recipient, String recipientName,
      String viaGroup,
      String copiedBy, String copiedByName, String note, OffsetDateTime createdAt, OffsetDateTime readAt) {}

  /** Whether the user may copy this case: the teaching office of its district. */
  public boolean mayCopy(JiaoliuUser user, String subjectType, long subjectId) {
    return user.has(Role.TEACHING_OFFICE) && user.districtCode() != null
        && user.districtCode().equals(districtOf(subjectType, subjectId))
        && readers.mayRead(user, subjectType, subjectId);
  }

  /**
   * Copies the case to the people and groups named (usernames; groups as {@code principal:<school>}
   * or {@code teaching-office:<district>}), each of the case's district. Returns how many people got it.
   */
  @Transactional
  public int copy(JiaoliuUser user, String subjectType, long subjectId, List<String> people, List<String> groups,
      String note) {
    if (!readers.mayRead(user, subjectType, subjectId)) {
      throw UserFacingException.notFound();
    }
    if (!mayCopy(user, subjectType, subjectId)) {
      throw new UserFacingException(HttpStatus.FORBIDDEN, "error.forbidden");
    }
    String district = user.districtCode();
    String text = note == null ? "" : note.strip();
    if (text.length() > NOTE_MAX) {
      throw UserFacingException.field("note", "error.tooLong");
    }
    Map<String, String> recipients = new LinkedHashMap<>();
    for (String group : groups == null ? List.<String>of() : groups) {
      if (group == null || group.isBlank()) {
        continue;
      }
      if (!groupsOf(district).containsKey(group)) {
        throw UserFacingException.field("groups", "copy.outOfScope");
      }
      users.usernamesOf(List.of(CandidateKey.group(group))).forEach(u -> recipients.putIfAbsent(u, group));
    }
    for (String person : people == null ? List.<String>of() : people) {
      if (person == null || person.isBlank()) {
        continue;
      }
      String username = person.trim();
      boolean inDistrict = users.asUser(username).map(u -> district.equals(u.districtCode())).orElse(false);
      if (!inDistrict) {
        throw UserFacingException.field("people", "copy.outOfScope");
      }
      recipients.putIfAbsent(username, null);
    }
    recipients.remove(user.username());
    if (recipients.isEmpty()) {
      throw UserFacingException.field("people", "copy.nobody");
    }
    int sent = store(subjectType, subjectId, recipients, user.username(), user.displayName(),
        text.isEmpty() ? null : text);
    audit.record(subjectType, subjectId, user.username(), user.primaryRole(), "CASE_COPIED",
        String.join(",", recipients.keySet()) + (text.isEmpty() ? "" : "：" + text));
    TaskSubjectProvider.TaskSubject subject = subjects.describeCase(subjectType, subjectId);
    notifications.notify(List.copyOf(recipients.keySet()), NotificationEvent.ofCase(subjectType, subjectId,
            "copy-" + subjectType + "-" + subjectId).withLink("/copies"), "notification.copied", user.displayName(),
        NotificationService.text(subject.messageKey(), subject.args()));
    return sent;
  }

  /**
   * 抄送 by the process: a completed step whose model names groups to copy to ({@code copyTo})
   * copies its case to their members, as the system, once.
   */
  @EventListener
  void stepCompleted(UserTaskCompleted completion) {
    if (completion.subjectId() == null) {
      return;
    }
    String groups = jdbc.sql("select copy_to from inbox_task where id = :id").param("id", completion.taskId())
        .query(String.class).optional().orElse(null);
    if (groups == null || groups.isBlank()) {
      return;
    }
    Map<String, String> recipients = new LinkedHashMap<>();
    for (String group : groups.split(",")) {
      users.usernamesOf(List.of(CandidateKey.group(group))).forEach(u -> recipients.putIfAbsent(u, group));
    }
    recipients.remove(completion.completedBy());
    if (recipients.isEmpty()) {
      return;
    }
    store(completion.subjectType(), completion.subjectId(), recipients, AuditTrail.SYSTEM, null, null);
    audit.record(completion.subjectType(), completion.subjectId(), AuditTrail.SYSTEM, AuditTrail.SYSTEM, "CASE_COPIED",
        String.join(",", recipients.keySet()));
    TaskSubjectProvider.TaskSubject subject = subjects.describeCase(completion.subjectType(), completion.subjectId());
    notifications.notify(List.copyOf(recipients.keySet()), NotificationEvent.ofCase(completion.subjectType(),
            completion.subjectId(), "copy-" + completion.taskId()).withLink("/copies"), "notification.copiedByProcess",
        NotificationService.text(subject.messageKey(), subject.args()));
  }

  /** The groups of a district a case may be copied to: each school's principals and the office, by name. */
  public Map<String, String> groupsOf(String district) {
    Map<String, String> groups = new LinkedHashMap<>();
    groups.put(CandidateGroups.teachingOfficeOf(district), schools.districtName(district));
    schools.schoolNames(schools.schoolCodesIn(district)).entrySet().stream().sorted(Map.Entry.comparingByValue())
        .forEach(e -> groups.put(CandidateGroups.principalOf(e.getKey()), e.getValue()));
    return groups;
  }

  private int store(String subjectType, long subjectId, Map<String, String> recipients, String by, String byName,
      String note) {
    OffsetDateTime now = OffsetDateTime.now(clock);
    int sent = 0;
    for (Map.Entry<String, String> r : recipients.entrySet()) {
      sent += jdbc.sql("""
              insert into case_copy (subject_type, subject_id, recipient, via_group, copied_by, copied_by_name, note,
                created_at)
              select :type, :id, :to, :via, :by, :byName, :note, :now
              where not exists (select 1 from case_copy where subject_type = :type and subject_id = :id and recipient = :to)""")
          .param("type", subjectType).param("id", subjectId).param("to", r.getKey()).param("via", r.getValue())
          .param("by", by).param("byName", byName).param("note", note).param("now", now).update();
    }
    return sent;
  }

  /** The people of a district a case may be copied to, but the user. */
  public List<UserDirectory.KnownUser> peopleOf(JiaoliuUser user) {
    return user.districtCode() == null ? List.of() : users.ofDistrict(user.districtCode()).stream()
        .filter(u -> !u.username().equals(user.username())).toList();
  }

  /** What the user was sent, unread first. */
  public List<CaseCopy> received(String username) {
    return jdbc.sql(SELECT + " where recipient = :u order by case when read_at is null then 0 else 1 end, id desc")
        .param("u", username).query(RecordRows.of(CaseCopy.class)).list();
  }

  public long unread(String username) {
    return jdbc.sql("select count(*) from case_copy where recipient = :u and read_at is null").param("u", username)
        .query(Long.class).single();
  }

  /** Who a case was copied to (for those who may read it). */
  public List<CaseCopy> ofCase(String subjectType, long subjectId) {
    return jdbc.sql(SELECT + " where subject_type = :t and subject_id = :id order by id").param("t", subjectType)
        .param("id", subjectId).query(RecordRows.of(CaseCopy.class)).list();
  }

  /** Opens a copy: marks it read and gives the case's page. */
  @Transactional
  public String open(JiaoliuUser user, long id) {
    CaseCopy copy = jdbc.sql(SELECT + " where id = :id and recipient = :u").param("id", id)
        .param("u", user.username()).query(RecordRows.of(CaseCopy.class)).optional()
        .orElseThrow(UserFacingException::notFound);
    jdbc.sql("update case_copy set read_at = :now where id = :id and read_at is null").param("id", id)
        .param("now", OffsetDateTime.now(clock)).update();
    String link = subjects.describeCase(copy.subjectType(), copy.subjectId()).link();
    return link == null ? "/copies" : link;
  }

  TaskSubjectProvider.TaskSubject describe(CaseCopy copy) {
    return subjects.describeCase(copy.subjectType(), copy.subjectId());
  }

  private String districtOf(String subjectType, long subjectId) {
    return subjects.providerOfSubject(subjectType).map(p -> p.attributes(subjectId).districtCode()).orElse(null);
  }

  private static final String SELECT = """
      select id, subject_type, subject_id, recipient,
        coalesce((select u.display_name from user_name_view u where u.username = recipient), recipient) as recipient_name,
        via_group, copied_by, copied_by_name, note, created_at, read_at
      from case_copy""";
}
