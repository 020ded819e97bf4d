package cn.jiaoliu.app.security;

import cn.jiaoliu.processes.CandidateGroups;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The signed-in user as Jiaoliu sees them, read from token claims: {@code preferred_username},
 * {@code name}, {@code roles}, {@code school_code} and {@code district_code}.
 */
public record JiaoliuUser(
    String username, String displayName, Set<Role> roles, String schoolCode, String districtCode) {

  public static final String CLAIM_USERNAME = "preferred_username";
  public static final String CLAIM_ROLES = "roles";
  public static final String CLAIM_SCHOOL = "school_code";
  public static final String CLAIM_DISTRICT = "district_code";

  public JiaoliuUser {
    roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
  }

  public static JiaoliuUser fromClaims(Map<String, Object> claims) {
    String username = text(claims.get(CLAIM_USERNAME));
    String name = text(claims.get("name"));
    return new JiaoliuUser(
        username,
        name == null || name.isBlank() ? username : name.replace(" ", ""),
        rolesOf(claims.get(CLAIM_ROLES)),
        blankToNull(text(claims.get(CLAIM_SCHOOL))),
        blankToNull(text(claims.get(CLAIM_DISTRICT))));
  }

  static Set<Role> rolesOf(Object claim) {
    Set<Role> roles = EnumSet.noneOf(Role.class);
    if (claim instanceof Collection<?> values) {
      for (Object value : values) {
        Role.fromRealmRole(String.valueOf(value)).ifPresent(roles::add);
      }
    }
    return roles;
  }

  /** The role an audit entry names: the user's first role in {@link Role}'s order, or "none". */
  public String primaryRole() {
    return roles.stream().sorted().map(Role::realmRole).findFirst().orElse("none");
  }

  public boolean has(Role role) {
    return roles.contains(role);
  }

  /**
   * Who this user is to the inbox: always {@code user:<username>}, plus the scoped groups their
   * roles give them. A principal without a school, or an office without a district, gets no group.
   */
  public List<String> candidateKeys() {
    List<String> keys = new ArrayList<>();
    keys.add(CandidateKey.user(username));
    if (has(Role.PRINCIPAL) && schoolCode != null) {
      keys.add(CandidateKey.group(CandidateGroups.principalOf(schoolCode)));
    }
    if (has(Role.TEACHING_OFFICE) && districtCode != null) {
      keys.add(CandidateKey.group(CandidateGroups.teachingOfficeOf(districtCode)));
    }
    if (has(Role.ADMIN)) {
      keys.add(CandidateKey.group(CandidateGroups.ADMIN));
    }
    return keys;
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
