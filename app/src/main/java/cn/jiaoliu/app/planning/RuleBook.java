package cn.jiaoliu.app.planning;

import cn.jiaoliu.app.audit.AuditTrail;
import cn.jiaoliu.app.persistence.RecordRows;
import cn.jiaoliu.app.web.UserFacingException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Each district's rotation rules: the defaults until its office changes them. */
@Service
class RuleBook {

  private final JdbcClient jdbc;
  private final AuditTrail audit;
  private final Clock clock;

  RuleBook(JdbcClient jdbc, AuditTrail audit, Clock clock) {
    this.jdbc = jdbc;
    this.audit = audit;
    this.clock = clock;
  }

  RotationRules of(String districtCode) {
    return jdbc.sql("""
            select district_code, years_at_school, leader_years, retirement_age, retirement_window_years,
                   target_percent, backbone_percent, rounding, joint_research_per_term
            from rotation_rule where district_code = :d""")
        .param("d", districtCode).query(RecordRows.of(RotationRules.class)).optional()
        .orElseGet(() -> RotationRules.defaults(districtCode));
  }

  /**
   * Checks every value (a message per bad field, with those that were not numbers at all; nothing
   * changed) and keeps the district's rules.
   */
  @Transactional
  RotationRules save(PlanningScope scope, RuleForm form, Map<String, String> typeErrors) {
    scope.requireOffice();
    Map<String, String> errors = new LinkedHashMap<>(typeErrors);
    int years = within(errors, "yearsAtSchool", form.yearsAtSchool(), 1, 30);
    int leader = within(errors, "leaderYears", form.leaderYears(), 1, 30);
    int age = within(errors, "retirementAge", form.retirementAge(), 45, 70);
    int window = within(errors, "retirementWindowYears", form.retirementWindowYears(), 0, 10);
    int target = within(errors, "targetPercent", form.targetPercent(), 0, 100);
    int backbone = within(errors, "backbonePercent", form.backbonePercent(), 0, 100);
    int research = within(errors, "jointResearchPerTerm", form.jointResearchPerTerm(), 0, 20);
    Rounding rounding = null;
    try {
      rounding = Rounding.valueOf(form.rounding() == null ? "" : form.rounding().strip());
    } catch (IllegalArgumentException e) {
      errors.putIfAbsent("rounding", "error.chooseOne");
    }
    if (!errors.isEmpty()) {
      throw UserFacingException.invalid(errors);
    }
    String district = scope.district();
    RotationRules rules = new RotationRules(district, years, leader, age, window, target, backbone, rounding, research);
    int changed = jdbc.sql("""
            update rotation_rule set years_at_school = :years, leader_years = :leader, retirement_age = :age,
              retirement_window_years = :window, target_percent = :target, backbone_percent = :backbone,
              rounding = :rounding, joint_research_per_term = :research, updated_by = :by, updated_at = :now
            where district_code = :d""")
        .params(params(rules, scope.username())).update();
    if (changed == 0) {
      jdbc.sql("""
              insert into rotation_rule (district_code, years_at_school, leader_years, retirement_age,
                retirement_window_years, target_percent, backbone_percent, rounding, joint_research_per_term,
                updated_by, updated_at)
              values (:d, :years, :leader, :age, :window, :target, :backbone, :rounding, :research, :by, :now)""")
          .params(params(rules, scope.username())).update();
    }
    audit.record("DISTRICT_RULES", 0, scope.username(), scope.actorRole(), "ROTATION_RULES_CHANGED",
        district + ": " + years + "/" + leader + "/" + age + "-" + window + "/" + target + "%/" + backbone + "%/"
            + rounding + "/" + research);
    return rules;
  }

  private Map<String, Object> params(RotationRules r, String by) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("d", r.districtCode());
    p.put("years", r.yearsAtSchool());
    p.put("leader", r.leaderYears());
    p.put("age", r.retirementAge());
    p.put("window", r.retirementWindowYears());
    p.put("target", r.targetPercent());
    p.put("backbone", r.backbonePercent());
    p.put("rounding", r.rounding().name());
    p.put("research", r.jointResearchPerTerm());
    p.put("by", by);
    p.put("now", OffsetDateTime.now(clock));
    return p;
  }

  private static int within(Map<String, String> errors, String field, Integer value, int min, int max) {
    if (value == null) {
      errors.putIfAbsent(field, "error.required");
      return 0;
    }
    if (value < min || value > max) {
      errors.put(field, "planning.error.range." + field);
      return 0;
    }
    return value;
  }

  /** The rules form as sent: numbers that did not convert arrive as null. */
  record RuleForm(Integer yearsAtSchool, Integer leaderYears, Integer retirementAge, Integer retirementWindowYears,
      Integer targetPercent, Integer backbonePercent, String rounding, Integer jointResearchPerTerm) {

    static RuleForm of(RotationRules r) {
      return new RuleForm(r.yearsAtSchool(), r.leaderYears(), r.retirementAge(), r.retirementWindowYears(),
          r.targetPercent(), r.backbonePercent(), r.rounding().name(), r.jointResearchPerTerm());
    }
  }
}
