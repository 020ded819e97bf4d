package cn.jiaoliu.app.tasklist;

import cn.jiaoliu.app.audit.AuditTrail;
import cn.jiaoliu.app.persistence.RecordRows;
import cn.jiaoliu.app.security.CandidateKey;
import cn.jiaoliu.app.security.JiaoliuUser;
import cn.jiaoliu.app.security.Role;
import cn.jiaoliu.app.user.UserDirectory;
import cn.jiaoliu.app.web.UserFacingException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 委托/代理: a principal or a teaching-office user names a deputy of the same scope (a principal of
 * the same school, a clerk of the same office) for a range of days. In that range the deputy sees the
 * delegator's own steps (handed to them, claimed by them) and signs any step the delegator could
 * sign in the delegator's name ("王芳（李明代签）"). The range ends by itself; the delegator may end it
 * early. A delegation is audited as {@code DELEGATION} with its id.
 */
@Service
public class Delegations {

  static final String SUBJECT = "DELEGATION";
  /** The longest delegation, in days: an absence longer than a term is a new holder, not a deputy. */
  static final int MAX_DAYS = 180;

  private final JdbcClient jdbc;
  private final UserDirectory users;
  private final AuditTrail audit;
  private final Clock clock;
  private final ZoneId zone;

  Delegations(JdbcClient jdbc, UserDirectory users, AuditTrail audit, Clock clock, ZoneId zone) {
    this.jdbc = jdbc;
    this.users = users;
    this.audit = audit;
    this.clock = clock;
    this.zone = zone;
  }

  /** A delegation: who for whom, from and until which day (both included), why, whether it still holds. */
  public record Delegation(long id, String delegator, String delegatorName, String deputy, String deputyName,
      LocalDate startsOn, LocalDate endsOn, String reason, OffsetDateTime createdAt, OffsetDateTime endedAt) {

    public boolean activeOn(LocalDate day) {
      return endedAt == null && !day.isBefore(startsOn) && !day.isAfter(endsOn);
    }

    public boolean over(LocalDate day) {
      return endedAt != null || day.isAfter(endsOn);
    }
  }

  LocalDate today() {
    return LocalDate.now(clock.withZone(zone));
  }

  @Transactional
  public Delegation create(JiaoliuUser delegator, String deputyUsername, LocalDate startsOn, LocalDate endsOn,
      String reason) {
    if (!delegator.has(Role.PRINCIPAL) && !delegator.has(Role.TEACHING_OFFICE)) {
      throw new UserFacingException(HttpStatus.FORBIDDEN, "error.forbidden");
    }
    if (startsOn == null || endsOn == null || endsOn.isBefore(startsOn) || endsOn.isBefore(today())
        || startsOn.plusDays(MAX_DAYS).isBefore(endsOn)) {
      throw UserFacingException.field("endsOn", "delegation.badRange", MAX_DAYS);
    }
    String trimmed = deputyUsername == null ? "" : deputyUsername.trim();
    JiaoliuUser deputy = users.asUser(trimmed).filter(d -> sameScope(delegator, d))
        .orElseThrow(() -> UserFacingException.field("deputy", "delegation.deputyOutOfScope"));
    if (deputy.username().equals(delegator.username())) {
      throw UserFacingException.field("deputy", "delegation.deputyOutOfScope");
    }
    String why = reason == null ? null : reason.strip();
    if (why != null && why.length() > 500) {
      throw UserFacingException.field("reason", "error.tooLong", 500);
    }
    var keys = new GeneratedKeyHolder();
    jdbc.sql("""
            insert into task_delegation (delegator, deputy, starts_on, ends_on, reason, created_at)
            values (:delegator, :deputy, :startsOn, :endsOn, :reason, :now)""")
        .param("delegator", delegator.username()).param("deputy", deputy.username()).param("startsOn", startsOn)
        .param("endsOn", endsOn).param("reason", why == null || why.isEmpty() ? null : why)
        .param("now", OffsetDateTime.now(clock)).update(keys, "id");
    long id = keys.getKeyAs(Long.class);
    audit.record(SUBJECT, id, delegator.username(), delegator.primaryRole(), "DELEGATED",
        deputy.username() + " " + startsOn + "/" + endsOn);
    return byId(id);
  }

  /** Ends a delegation before its last day; only its delegator may. */
  @Transactional
  public void end(JiaoliuUser delegator, long id) {
    int n = jdbc.sql("""
            update task_delegation set ended_at = :now where id = :id and delegator = :u and ended_at is null""")
        .param("now", OffsetDateTime.now(clock)).param("id", id).param("u", delegator.username()).update();
    if (n == 0) {
      throw UserFacingException.notFound();
    }
    audit.record(SUBJECT, id, delegator.username(), delegator.primaryRole(), "DELEGATION_ENDED", null);
  }

  /** A deputy must be able to sign what the delegator signs: a principal of the same school, a clerk of the same office. */
  static boolean sameScope(JiaoliuUser delegator, JiaoliuUser deputy) {
    boolean principals = delegator.has(Role.PRINCIPAL) && deputy.has(Role.PRINCIPAL)
        && delegator.schoolCode() != null && delegator.schoolCode().equals(deputy.schoolCode());
    boolean offices = delegator.has(Role.TEACHING_OFFICE) && deputy.has(Role.TEACHING_OFFICE)
        && delegator.districtCode() != null && delegator.districtCode().equals(deputy.districtCode());
    return principals || offices;
  }

  /** The delegations the user gave and received, the newest first. */
  public List<Delegation> of(String username) {
    return jdbc.sql(SELECT + " where d.delegator = :u or d.deputy = :u order by d.starts_on desc, d.id desc")
        .param("u", username).query(RecordRows.of(Delegation.class)).list();
  }

  /** Who the user stands in for today. */
  public List<String> delegatorsOf(String deputy) {
    return jdbc.sql("""
            select delegator from task_delegation
            where deputy = :u and ended_at is null and starts_on <= :today and ends_on >= :today
            order by delegator""")
        .param("u", deputy).param("today", today()).query(String.class).list();
  }

  /** Whether the user stands in for the delegator today. */
  boolean standsInFor(String deputy, String delegator) {
    return delegatorsOf(deputy).contains(delegator);
  }

  /**
   * The delegator the deputy stands in for today whose own step this is (handed or claimed to
   * them): such a step is signed in that person's name only.
   */
  Optional<String> whoseOwnStep(String deputy, TaskView task, List<String> candidates) {
    return delegatorsOf(deputy).stream()
        .filter(d -> d.equals(task.claimedBy()) || candidates.contains(CandidateKey.user(d))).findFirst();
  }

  /** The user's candidate keys and, today, the personal keys of everyone they stand in for. */
  List<String> keysOf(JiaoliuUser user) {
    List<String> keys = new ArrayList<>(user.candidateKeys());
    delegatorsOf(user.username()).forEach(d -> keys.add(CandidateKey.user(d)));
    return keys;
  }

  /** The people of the same scope the user may name as deputy. */
  public List<UserDirectory.KnownUser> possibleDeputies(JiaoliuUser user) {
    List<UserDirectory.KnownUser> found = new ArrayList<>();
    if (user.has(Role.PRINCIPAL) && user.schoolCode() != null) {
      found.addAll(users.principalsOf(user.schoolCode()));
    }
    if (user.has(Role.TEACHING_OFFICE) && user.districtCode() != null) {
      found.addAll(users.teachingOfficeOf(user.districtCode()));
    }
    return found.stream().filter(u -> !u.username().equals(user.username())).distinct().toList();
  }

  Delegation byId(long id) {
    return jdbc.sql(SELECT + " where d.id = :id").param("id", id).query(RecordRows.of(Delegation.class)).single();
  }

  private static final String SELECT = """
      select d.id, d.delegator, coalesce(a.display_name, d.delegator) as delegator_name, d.deputy,
        coalesce(b.display_name, d.deputy) as deputy_name, d.starts_on, d.ends_on, d.reason, d.created_at, d.ended_at
      from task_delegation d left join user_name_view a on a.username = d.delegator
        left join user_name_view b on b.username = d.deputy""";
}
