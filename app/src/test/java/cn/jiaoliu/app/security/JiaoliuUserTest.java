package cn.jiaoliu.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JiaoliuUserTest {

  @Test
  void readsRolesSchoolAndDistrictFromClaimsIgnoringOtherRoles() {
    JiaoliuUser user = JiaoliuUser.fromClaims(Map.of(
        "preferred_username", "principal.wang",
        "name", "王 芳",
        "roles", List.of("principal", "offline_access", "default-roles-jiaoliu"),
        "school_code", "LC-U01",
        "district_code", "LC"));

    assertThat(user.username()).isEqualTo("principal.wang");
    assertThat(user.displayName()).isEqualTo("王芳");
    assertThat(user.roles()).containsExactly(Role.PRINCIPAL);
    assertThat(user.schoolCode()).isEqualTo("LC-U01");
    assertThat(user.districtCode()).isEqualTo("LC");
  }

  @Test
  void aPrincipalIsACandidateOnlyForTheirOwnSchool() {
    JiaoliuUser principal = new JiaoliuUser("principal.wang", "王芳", java.util.Set.of(Role.PRINCIPAL), "LC-U01", "LC");

    assertThat(principal.candidateKeys()).containsExactly("user:principal.wang", "group:principal:LC-U01");
  }

  @Test
  void aTeachingOfficeIsACandidateForItsDistrictNotForSchools() {
    JiaoliuUser office = new JiaoliuUser("office.chen", "陈静", java.util.Set.of(Role.TEACHING_OFFICE), null, "LC");

    assertThat(office.candidateKeys()).containsExactly("user:office.chen", "group:teaching-office:LC");
  }

  @Test
  void aPrincipalWithoutSchoolGetsNoGroup() {
    JiaoliuUser principal = new JiaoliuUser("p", "p", java.util.Set.of(Role.PRINCIPAL), null, "LC");

    assertThat(principal.candidateKeys()).containsExactly("user:p");
  }

  @Test
  void missingClaimsGiveNoRolesAndNoScope() {
    JiaoliuUser user = JiaoliuUser.fromClaims(Map.of("preferred_username", "x"));

    assertThat(user.roles()).isEmpty();
    assertThat(user.schoolCode()).isNull();
    assertThat(user.displayName()).isEqualTo("x");
  }
}
