package cn.jiaoliu.app.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.jiaoliu.testsupport.Infrastructure;
import cn.jiaoliu.testsupport.KeycloakAdmin;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * User administration against the real Keycloak (the app's service account and the admin REST
 * API), and the approval form of an application approved through the REST API.
 */
class UserAdministrationIT extends IntegrationTest {

  static final String NEWCOMER = "it.newcomer";
  static final String OTHER_NEWCOMER = "it.newcomer.two";
  static final String GROUPED = "it.grouped";
  static final ObjectMapper JSON = new ObjectMapper();

  static ApiClient security;
  static ApiClient systemAdmin;
  static ApiClient auditor;
  static ApiClient office;
  static ApiClient otherOffice;
  static ApiClient teacher;

  @Autowired JdbcClient jdbc;

  @BeforeAll
  static void users() {
    Infrastructure infra = Infrastructure.get();
    KeycloakAdmin.ensureUser("office.gc", "teaching-office", null, "GC");
    KeycloakAdmin.ensureUser(NEWCOMER, null, null, null);
    KeycloakAdmin.ensureUser(OTHER_NEWCOMER, null, null, null);
    security = new ApiClient(infra.appBaseUrl(), infra.tokenFor("security.admin", "demo"));
    systemAdmin = new ApiClient(infra.appBaseUrl(), infra.tokenFor("admin", "demo"));
    auditor = new ApiClient(infra.appBaseUrl(), infra.tokenFor("auditor", "demo"));
    office = new ApiClient(infra.appBaseUrl(), infra.tokenFor("office.chen", "demo"));
    otherOffice = new ApiClient(infra.appBaseUrl(), infra.tokenFor("office.gc", "demo"));
    teacher = new ApiClient(infra.appBaseUrl(), infra.tokenFor("teacher.zhang", "demo"));
  }

  static List<JsonNode> rows(ApiClient.Response response) {
    assertThat(response.status()).as("%s", response.body()).isEqualTo(200);
    return StreamSupport.stream(response.body().spliterator(), false).toList();
  }

  static Optional<JsonNode> row(List<JsonNode> rows, String username) {
    return rows.stream().filter(r -> r.path("username").asText().equals(username)).findFirst();
  }

  static JsonNode claims(String accessToken) throws Exception {
    return JSON.readTree(Base64.getUrlDecoder().decode(accessToken.split("\\.")[1]));
  }

  @Test
  void theSecurityAdministratorListsEveryUserWithRolesSchoolsAndDistricts() throws Exception {
    List<JsonNode> all = rows(security.get("/api/admin/users"));
    assertThat(all).extracting(r -> r.path("username").asText())
        .contains("teacher.zhang", "teacher.li", "principal.wang", "principal.liu", "principal.zhao", "office.chen",
            "admin", "office.gc", NEWCOMER)
        .noneMatch(u -> u.startsWith("service-account-"));
    JsonNode zhang = row(all, "teacher.zhang").orElseThrow();
    assertThat(zhang.path("name").asText()).isEqualTo("张伟");
    assertThat(zhang.path("email").asText()).isEqualTo("teacher.zhang@demo.jiaoliu.invalid");
    assertThat(zhang.path("roles")).extracting(JsonNode::asText).containsExactly("teacher");
    assertThat(zhang.path("schoolCode").asText()).isEqualTo("LC-U01");
    assertThat(zhang.path("schoolName").asText()).isEqualTo("莱城区实验小学");
    assertThat(zhang.path("districtCode").asText()).isEqualTo("LC");
    assertThat(zhang.path("enabled").asBoolean()).isTrue();
    assertThat(row(all, "office.chen").orElseThrow().path("roles")).extracting(JsonNode::asText)
        .containsExactly("teaching-office");

    assertThat(rows(security.get("/api/admin/users?q=%E5%BC%A0%E4%BC%9F"))).extracting(r -> r.path("username").asText())
        .containsExactly("teacher.zhang");
    // other tests add principals of their own (it.…principal…): the search finds those too, and nothing else
    assertThat(rows(security.get("/api/admin/users?q=PRINCIPAL."))).extracting(r -> r.path("username").asText())
        .contains("principal.liu", "principal.wang", "principal.zhao")
        .allSatisfy(username -> assertThat(username).contains("principal."));

    var xlsx = security.download("/api/admin/users?format=xlsx");
    assertThat(xlsx.statusCode()).isEqualTo(200);
    List<List<String>> sheet = AnnualAssessmentIT.sheetOf(xlsx.body());
    assertThat(sheet.getFirst()).containsExactly("用户名", "姓名", "电子邮箱", "角色", "学校代码", "学校", "区县代码", "启用");
    assertThat(sheet).anySatisfy(r -> assertThat(r).contains("teacher.zhang", "张伟", "教师", "莱城区实验小学", "是"));
    var csv = security.download("/api/admin/users?format=csv&q=office");
    assertThat(new String(csv.body(), StandardCharsets.UTF_8)).startsWith("\uFEFF\"用户名\"").contains("\"office.chen\",\"陈静\"");
  }

  @Test
  void theOfficeLinksANewcomerToASchoolOfItsDistrictAndTheNextTokenSaysSo() throws Exception {
    List<JsonNode> mine = rows(office.get("/api/admin/users"));
    assertThat(mine).extracting(r -> r.path("username").asText()).contains("teacher.zhang", NEWCOMER)
        .doesNotContain("office.gc");
    assertThat(row(mine, NEWCOMER).orElseThrow().path("districtCode").isMissingNode()).isTrue();

    ApiClient.Response linked = office.put("/api/admin/users/" + NEWCOMER + "/link",
        Map.of("schoolCode", "LC-U02", "role", "teacher"));
    assertThat(linked.status()).as("%s", linked.body()).isEqualTo(200);
    assertThat(linked.body().path("schoolCode").asText()).isEqualTo("LC-U02");
    assertThat(linked.body().path("districtCode").asText()).isEqualTo("LC");
    assertThat(linked.body().path("roles")).extracting(JsonNode::asText).containsExactly("teacher");

    JsonNode token = claims(Infrastructure.get().tokenFor(NEWCOMER, "demo"));
    assertThat(token.path("school_code").asText()).isEqualTo("LC-U02");
    assertThat(token.path("district_code").asText()).isEqualTo("LC");
    assertThat(token.path("roles")).extracting(JsonNode::asText).contains("teacher")
        .doesNotContain("principal", "teaching-office", "admin");

    // the app knows at once where notifications go, and the audit trail has the link
    assertThat(jdbc.sql("select school_code from app_user where username = :u").param("u", NEWCOMER)
        .query(String.class).single()).isEqualTo("LC-U02");
    assertThat(jdbc.sql("select count(*) from audit_event where subject_type = 'USER_LINK' and actor = 'office.chen' "
        + "and detail like :d").param("d", NEWCOMER + ":%").query(Long.class).single()).isPositive();

    // linked again as principal: exactly one Jiaoliu role, and the history shows both links
    assertThat(office.put("/api/admin/users/" + NEWCOMER + "/link", Map.of("schoolCode", "LC-U01", "role", "principal"))
        .status()).isEqualTo(200);
    JsonNode again = claims(Infrastructure.get().tokenFor(NEWCOMER, "demo"));
    assertThat(again.path("roles")).extracting(JsonNode::asText).contains("principal").doesNotContain("teacher");
    assertThat(again.path("school_code").asText()).isEqualTo("LC-U01");
    JsonNode details = office.get("/api/admin/users/" + NEWCOMER).body();
    assertThat(details.path("links")).extracting(l -> l.path("role").asText() + "@" + l.path("schoolCode").asText())
        .containsExactly("principal@LC-U01", "teacher@LC-U02");
  }

  @Test
  void anOfficeOfAnotherDistrictNeitherSeesNorLinksUsersOfThisOne() {
    List<JsonNode> theirs = rows(otherOffice.get("/api/admin/users"));
    assertThat(theirs).extracting(r -> r.path("username").asText()).contains("office.gc", OTHER_NEWCOMER)
        .doesNotContain("teacher.zhang", "principal.wang", "office.chen", "admin");
    assertThat(theirs).allSatisfy(r -> assertThat(r.path("districtCode").asText("GC")).isEqualTo("GC"));

    assertThat(otherOffice.get("/api/admin/users/teacher.zhang").status()).isEqualTo(404);
    assertThat(otherOffice.put("/api/admin/users/teacher.zhang/link", Map.of("schoolCode", "LC-U01", "role", "teacher"))
        .status()).isEqualTo(404);
    assertThat(otherOffice.put("/api/admin/users/" + OTHER_NEWCOMER + "/link", Map.of("schoolCode", "LC-U02", "role", "teacher"))
        .status()).isEqualTo(403);
    assertThat(otherOffice.put("/api/admin/users/" + OTHER_NEWCOMER + "/link",
        Map.of("districtCode", "LC", "role", "teaching-office")).status()).isEqualTo(403);
    // nor may this district's office make anyone an administrator, or change one
    assertThat(office.put("/api/admin/users/" + OTHER_NEWCOMER + "/link", Map.of("districtCode", "LC", "role", "admin"))
        .status()).isEqualTo(403);
    assertThat(office.put("/api/admin/users/admin/link", Map.of("schoolCode", "LC-U01", "role", "teacher")).status())
        .isEqualTo(403);
    assertUnlinked(OTHER_NEWCOMER);
  }

  @Test
  void anUnknownSchoolOrRoleIsATranslated400AndChangesNothing() {
    ApiClient.Response school = office.put("/api/admin/users/" + OTHER_NEWCOMER + "/link",
        Map.of("schoolCode", "XX-999", "role", "teacher"));
    assertThat(school.status()).isEqualTo(400);
    assertThat(school.body().path("fields").path("schoolCode").asText()).isEqualTo("该学校不存在。");
    ApiClient.Response role = office.put("/api/admin/users/" + OTHER_NEWCOMER + "/link",
        Map.of("schoolCode", "LC-U01", "role", "janitor"));
    assertThat(role.status()).isEqualTo(400);
    assertThat(role.body().path("fields").path("role").asText()).contains("没有这个角色");
    ApiClient.Response noSchool = office.put("/api/admin/users/" + OTHER_NEWCOMER + "/link", Map.of("role", "principal"));
    assertThat(noSchool.status()).isEqualTo(400);
    assertThat(noSchool.body().path("fields").path("schoolCode").asText()).isEqualTo("教师和校长必须关联学校。");
    assertUnlinked(OTHER_NEWCOMER);
  }

  @Test
  void aTeacherMayNotAdministerUsers() {
    assertThat(teacher.get("/api/admin/users").status()).isEqualTo(403);
    assertThat(teacher.get("/api/admin/users/teacher.li").status()).isEqualTo(403);
    assertThat(teacher.put("/api/admin/users/teacher.zhang/link", Map.of("schoolCode", "LC-U02", "role", "principal"))
        .status()).isEqualTo(403);
  }

  @Test
  void theSystemAdministratorAndTheAuditorMayNotAdministerUsersNorTheSecurityAdministratorThemself() {
    assertThat(systemAdmin.get("/api/admin/users").status()).isEqualTo(403);
    assertThat(systemAdmin.put("/api/admin/users/" + OTHER_NEWCOMER + "/link", Map.of("districtCode", "LC", "role", "admin"))
        .status()).isEqualTo(403);
    assertThat(auditor.get("/api/admin/users").status()).isEqualTo(403);
    ApiClient.Response self = security.put("/api/admin/users/security.admin/link", Map.of("districtCode", "LC", "role", "admin"));
    assertThat(self.status()).isEqualTo(403);
    assertThat(self.body().path("detail").asText()).contains("不能更改自己的角色");
    assertThat(claimsOf("security.admin").path("roles")).extracting(JsonNode::asText).contains("security-admin")
        .doesNotContain("admin");
    // the auditor reads the audit trail (with this link refused: nothing recorded) and it verifies
    ApiClient.Response verification = auditor.get("/api/audit/verification");
    assertThat(verification.status()).isEqualTo(200);
    assertThat(verification.body().path("intact").asBoolean()).as("%s", verification.body()).isTrue();
    assertThat(systemAdmin.get("/api/audit/verification").status()).isEqualTo(403);
    assertThat(security.get("/api/audit/events").status()).isEqualTo(403);
  }

  @Test
  void aRoleHeldThroughAKeycloakGroupIsSeenAndTheLinkIsRefusedNamingTheGroup() {
    KeycloakAdmin.ensureUser(GROUPED, null, null, null);
    KeycloakAdmin.ensureGroupMember("it-principals", "principal", GROUPED);
    JsonNode user = security.get("/api/admin/users/" + GROUPED).body().path("user");
    assertThat(user.path("roles")).extracting(JsonNode::asText).containsExactly("principal");
    assertThat(row(rows(security.get("/api/admin/users?q=" + GROUPED)), GROUPED).orElseThrow().path("roles"))
        .extracting(JsonNode::asText).containsExactly("principal");

    ApiClient.Response refused = security.put("/api/admin/users/" + GROUPED + "/link",
        Map.of("schoolCode", "LC-U02", "role", "teacher"));
    assertThat(refused.status()).as("%s", refused.body()).isEqualTo(409);
    assertThat(refused.body().path("detail").asText()).contains("it-principals", "principal", "未做任何更改");
    // nothing changed: no teacher role, no school, no link recorded
    JsonNode after = security.get("/api/admin/users/" + GROUPED).body();
    assertThat(after.path("user").path("roles")).extracting(JsonNode::asText).containsExactly("principal");
    assertThat(after.path("user").path("schoolCode").isMissingNode()).isTrue();
    assertThat(after.path("links")).isEmpty();
    assertThat(claimsOf(GROUPED).path("roles")).extracting(JsonNode::asText).doesNotContain("teacher");
  }

  private static JsonNode claimsOf(String username) {
    try {
      return claims(Infrastructure.get().tokenFor(username, "demo"));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void assertUnlinked(String username) {
    JsonNode user = security.get("/api/admin/users/" + username).body().path("user");
    assertThat(user.path("schoolCode").isMissingNode()).as("%s", user).isTrue();
    assertThat(user.path("districtCode").isMissingNode()).as("%s", user).isTrue();
    assertThat(user.path("roles")).isEmpty();
  }

  @Test
  void theApprovalFormCarriesEveryOpinionWithItsSigner() throws Exception {
    Infrastructure infra = Infrastructure.get();
    KeycloakAdmin.ensureUser("it.approval.form", "teacher", "LC-U01", "LC");
    ApiClient applicant = new ApiClient(infra.appBaseUrl(), infra.tokenFor("it.approval.form", "demo"));
    ApiClient wang = new ApiClient(infra.appBaseUrl(), infra.tokenFor("principal.wang", "demo"));
    ApiClient liu = new ApiClient(infra.appBaseUrl(), infra.tokenFor("principal.liu", "demo"));
    ApiClient zhao = new ApiClient(infra.appBaseUrl(), infra.tokenFor("principal.zhao", "demo"));
    Map<String, Object> form = RotationApplicationIT.application("音乐");
    form.put("reasons", "自愿到牛泉镇中心小学支教，组建学生合唱团。");
    ApiClient.Response created = applicant.post("/api/applications", form);
    assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
    long id = created.body().path("id").asLong();

    complete(wang, "Task_SignOpinion", id, Map.of("decision", "APPROVE", "comment", "音乐教学扎实，同意派出。"));
    complete(liu, "Task_AcceptTeacher", id, Map.of("decision", "ACCEPT", "comment", "欢迎来校组建合唱团。"));
    complete(office, "Task_ApproveApplication", id, Map.of("decision", "APPROVE", "comment", "同意交流，按期到岗。"));
    // approved, or (if the other tests used the school's quota up) closed for want of quota: both are final
    await().atMost(Duration.ofSeconds(45)).until(() -> List.of("APPROVED", "NO_QUOTA")
        .contains(applicant.get("/api/applications/" + id).body().path("application").path("status").asText()));

    var download = applicant.download("/api/applications/" + id + "/approval-form.pdf");
    assertThat(download.statusCode()).isEqualTo(200);
    assertThat(download.headers().firstValue("Content-Type")).hasValue("application/pdf");
    String text;
    try (var document = Loader.loadPDF(download.body())) {
      text = new PDFTextStripper().getText(document).replaceAll("[\\s\u3000]+", "");
    }
    assertThat(text).contains("城乡教师交流轮岗审批表", "申请编号：" + id, "莱城区实验小学", "牛泉镇中心小学", "音乐",
        "自愿到牛泉镇中心小学支教，组建学生合唱团。",
        "派出学校签署意见", "意见：同意", "音乐教学扎实，同意派出。", "签名：王芳",
        "接收学校接收", "意见：同意接收", "欢迎来校组建合唱团。", "签名：刘洋",
        "教学办审批", "同意交流，按期到岗。", "签名：陈静");
    assertThat(text).containsAnyOf("已批准", "名额已满");

    assertThat(office.download("/api/applications/" + id + "/approval-form.pdf").statusCode()).isEqualTo(200);
    assertThat(zhao.download("/api/applications/" + id + "/approval-form.pdf").statusCode()).isEqualTo(404);
    assertThat(otherOffice.download("/api/applications/" + id + "/approval-form.pdf").statusCode()).isEqualTo(404);
    assertThat(teacher.download("/api/applications/" + id + "/approval-form.pdf").statusCode()).isEqualTo(404);
  }

  private static void complete(ApiClient user, String step, long id, Map<String, String> submission) {
    long task = RotationApplicationIT.awaitTask(user, step, id);
    ApiClient.Response done = user.post("/api/tasks/" + task + "/complete", submission);
    assertThat(done.status()).as("%s %s", step, done.body()).isEqualTo(200);
  }
}
