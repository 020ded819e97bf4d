package cn.jiaoliu.app.programme;

import cn.jiaoliu.app.audit.AuditTrail;
import cn.jiaoliu.app.persistence.RecordRows;
import cn.jiaoliu.app.security.JiaoliuUser;
import cn.jiaoliu.app.web.UserFacingException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Education groups (教育集团 / 共同体): a lead school and member schools of one district. */
@Service
class GroupAdmin {

  private final JdbcClient jdbc;
  private final SchoolAdmin schools;
  private final AuditTrail audit;
  private final Clock clock;

  GroupAdmin(JdbcClient jdbc, SchoolAdmin schools, AuditTrail audit, Clock clock) {
    this.jdbc = jdbc;
    this.schools = schools;
    this.audit = audit;
    this.clock = clock;
  }

  List<GroupView> groups(JiaoliuUser user, String district) {
    String d = AdminScope.of(user).districtOr(district);
    return jdbc.sql("""
            select g.id, g.name, g.district_code, l.code as lead_code, l.name as lead_name
            from education_group g join school l on l.code = g.lead_school_code
            where g.district_code = :d order by g.name""")
        .param("d", d)
        .query((rs, i) -> new GroupView(rs.getLong("id"), rs.getString("name"), rs.getString("district_code"),
            rs.getString("lead_code"), rs.getString("lead_name"), members(rs.getLong("id"))))
        .list();
  }

  private List<Member> members(long groupId) {
    return jdbc.sql("""
            select s.code, s.name from education_group_member m join school s on s.code = m.school_code
            where m.group_id = :g order by s.code""")
        .param("g", groupId).query(RecordRows.of(Member.class)).list();
  }

  /** Creates a group, or replaces the name, lead and members of one ({@code id} given). */
  @Transactional
  GroupView save(JiaoliuUser user, Long id, GroupForm form) {
    AdminScope scope = AdminScope.of(user);
    GroupView existing = null;
    if (id != null) {
      existing = jdbc.sql("select district_code from education_group where id = :id").param("id", id).query(String.class)
          .optional().filter(scope::covers).map(d -> groups(user, d).stream().filter(g -> g.id() == id).findFirst()
              .orElseThrow()).orElseThrow(UserFacingException::notFound);
    }
    Fields f = new Fields();
    String name = f.text("name", form.name(), 100, true);
    String leadCode = f.text("leadSchoolCode", form.leadSchoolCode(), 32, true);
    SchoolAdmin.SchoolView lead = leadCode == null ? null : schools.school(user, leadCode).orElse(null);
    if (leadCode != null && lead == null) {
      f.error("leadSchoolCode", "admin.error.school");
    }
    if (existing != null && lead != null && !lead.districtCode().equals(existing.districtCode())) {
      f.error("leadSchoolCode", "admin.error.sameDistrict");
    }
    LinkedHashSet<String> members = new LinkedHashSet<>(form.memberSchoolCodes() == null ? List.of()
        : form.memberSchoolCodes().stream().filter(c -> c != null && !c.isBlank()).map(String::strip).toList());
    if (leadCode != null) {
      members.remove(leadCode);
    }
    if (members.isEmpty()) {
      f.error("memberSchoolCodes", "admin.error.members");
    }
    for (String code : members) {
      SchoolAdmin.SchoolView member = schools.school(user, code).orElse(null);
      if (member == null || (lead != null && !member.districtCode().equals(lead.districtCode()))) {
        f.error("memberSchoolCodes", "admin.error.sameDistrict");
      }
    }
    f.check();
    long groupId;
    try {
      if (existing == null) {
        var key = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into education_group (district_code, name, lead_school_code, created_at)
                values (:d, :name, :lead, :now)""")
            .param("d", lead.districtCode()).param("name", name).param("lead", leadCode)
            .param("now", OffsetDateTime.now(clock)).update(key, "id");
        groupId = key.getKeyAs(Number.class).longValue();
      } else {
        groupId = existing.id();
        jdbc.sql("update education_group set name = :name, lead_school_code = :lead where id = :id")
            .param("name", name).param("lead", leadCode).param("id", groupId).update();
        jdbc.sql("delete from education_group_member where group_id = :id").param("id", groupId).update();
      }
    } catch (DuplicateKeyException e) {
      throw UserFacingException.invalid(Map.of("name", "admin.error.groupName"));
    }
    for (String code : members) {
      jdbc.sql("insert into education_group_member (group_id, school_code) values (:g, :s)")
          .param("g", groupId).param("s", code).update();
    }
    audit.record("GROUP", groupId, scope.username(), scope.actorRole(),
        existing == null ? "GROUP_ADDED" : "GROUP_CHANGED", name + " " + leadCode + " " + members);
    return groups(user, lead.districtCode()).stream().filter(g -> g.id() == groupId).findFirst().orElseThrow();
  }

  record GroupForm(String name, String leadSchoolCode, List<String> memberSchoolCodes) {}

  record Member(String code, String name) {}

  record GroupView(long id, String name, String districtCode, String leadCode, String leadName, List<Member> members) {}
}
