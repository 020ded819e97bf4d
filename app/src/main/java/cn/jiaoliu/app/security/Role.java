package cn.jiaoliu.app.security;

import java.util.Arrays;
import java.util.Optional;

/**
 * The realm roles Jiaoliu knows; every other role in a token is ignored. The three
 * administrators are kept apart (三员分立): {@code admin} administers the system (schools,
 * programmes, operations), {@code security-admin} links users to schools and roles, {@code
 * auditor} reads the audit trail and its verification; none can do what the others do.
 */
public enum Role {
  TEACHER("teacher"),
  PRINCIPAL("principal"),
  TEACHING_OFFICE("teaching-office"),
  ADMIN("admin"),
  SECURITY_ADMIN("security-admin"),
  AUDITOR("auditor");

  private final String realmRole;

  Role(String realmRole) {
    this.realmRole = realmRole;
  }

  public String realmRole() {
    return realmRole;
  }

  /** The Spring Security authority, e.g. {@code ROLE_TEACHING_OFFICE}. */
  public String authority() {
    return "ROLE_" + name();
  }

  public static Optional<Role> fromRealmRole(String realmRole) {
    return Arrays.stream(values()).filter(r -> r.realmRole.equals(realmRole)).findFirst();
  }

  public static Optional<Role> fromAuthority(String authority) {
    return Arrays.stream(values()).filter(r -> r.authority().equals(authority)).findFirst();
  }
}
