package cn.jiaoliu.app.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.jiaoliu.app.assessment.pdf.ArchivePdf;
import cn.jiaoliu.testsupport.TestDatabase;
import cn.jiaoliu.testsupport.TestUsers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Locale;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The proof of rural service: issued by the district's office from the credited years, read back
 * from its PDF, verified by anyone by its code (and file), superseded when a year it certifies is
 * revoked; a teacher reads only their own, an office of another district issues nothing here.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
@ContextConfiguration(initializers = TestDatabase.class)
class RuralServiceCertificatesTest {

  static final RequestPostProcessor OFFICE = TestUsers.bearer("office.cert", "teaching-office", "LC", null);
  static final RequestPostProcessor OTHER_OFFICE = TestUsers.bearer("office.gc", "teaching-office", "GC", null);

  @Autowired MockMvc mvc;
  @Autowired JdbcClient jdbc;
  final ObjectMapper json = new ObjectMapper();

  String teacher;
  long firstCredit;

  /** A teacher of LC with two credited years: 2023-2024 合格 at LC-R01, 2024-2025 优秀 at LC-R02. */
  @BeforeEach
  void twoCreditedYears() {
    teacher = "cert." + Long.toString(System.nanoTime(), 36);
    long assignment = assignment(teacher);
    firstCredit = credit(teacher, assignment, "2023-2024", "QUALIFIED", "LC-R01");
    credit(teacher, assignment, "2024-2025", "EXCELLENT", "LC-R02");
  }

  private RequestPostProcessor teacherToken(String username) {
    return TestUsers.bearer(username, "teacher", "LC", "LC-U01");
  }

  private JsonNode issue(RequestPostProcessor who, String username) throws Exception {
    MvcResult result = mvc.perform(post("/api/certificates").with(who).contentType("application/json")
            .content("{\"teacherUsername\":\"" + username + "\"}"))
        .andExpect(status().isCreated()).andReturn();
    return json.readTree(result.getResponse().getContentAsString(StandardCharsets.UTF_8));
  }

  private byte[] download(RequestPostProcessor who, long id) throws Exception {
    return mvc.perform(get("/api/certificates/" + id + "/pdf").with(who)).andExpect(status().isOk())
        .andReturn().getResponse().getContentAsByteArray();
  }

  private long certificates() {
    return jdbc.sql("select count(*) from rural_service_certificate").query(Long.class).single();
  }

  @Test
  void theOfficeIssuesACertificateWhosePdfShowsTheYearsAndWhichVerifiesByItsCode() throws Exception {
    JsonNode issued = issue(OFFICE, teacher);
    long id = issued.get("id").asLong();
    String code = issued.get("code").asText();
    assertThat(code).matches("[A-Z2-7]{20}");
    assertThat(issued.get("years").asInt()).isEqualTo(2);
    assertThat(issued.get("superseded").asBoolean()).isFalse();

    byte[] pdf = download(teacherToken(teacher), id);
    assertThat(download(OFFICE, id)).isEqualTo(pdf);
    String text = text(pdf);
    String grouped = code.replaceAll("(.{4})(?!$)", "$1-");
    assertThat(text).contains("农村任教经历证明", "证书教师", teacher, "认定年限2年", "12023-2024牛泉镇中心小学合格",
        "22024-2025", "优秀", "教育局教学办", grouped, "/verify");
    // what it certifies is stored beside it, as printed, with the digest of the bytes
    assertThat(jdbc.sql("select school_year || ' ' || grade || ' ' || school_code from rural_service_certificate_year"
            + " where certificate_id = :id order by school_year").param("id", id).query(String.class).list())
        .containsExactly("2023-2024 QUALIFIED LC-R01", "2024-2025 EXCELLENT LC-R02");
    assertThat(jdbc.sql("select sha256 from rural_service_certificate where id = :id").param("id", id)
        .query(String.class).single()).isEqualTo(ArchivePdf.sha256(pdf));

    // anyone, without logging in, learns that it is genuine and current, and nothing personal beyond 证*
    String answer = mvc.perform(get("/api/verify/" + grouped.toLowerCase(Locale.ROOT)))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.genuine").value(true))
        .andExpect(jsonPath("$.superseded").value(false))
        .andExpect(jsonPath("$.teacherName").value("证***"))
        .andExpect(jsonPath("$.officeName").value(endsWith("教育局教学办")))
        .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    assertThat(answer).doesNotContain(teacher).doesNotContain("证书教师").doesNotContain("牛泉镇");

    // the page: the code alone, then with the file as issued
    String page = verifyPage(code, new MockMultipartFile("file", "proof.pdf", "application/pdf", pdf), 200);
    assertThat(page).contains("核验码真实", "证明当前有效", "上传的文件与出具的原件完全一致（SHA-256 相同）").doesNotContain(teacher);
  }

  @Test
  void aTamperedFileIsRefusedAsAlteredAndBadInputIsRefusedWithItsReason() throws Exception {
    JsonNode issued = issue(OFFICE, teacher);
    String code = issued.get("code").asText();
    byte[] pdf = download(teacherToken(teacher), issued.get("id").asLong());

    byte[] oneByte = Arrays.copyOf(pdf, pdf.length);
    oneByte[pdf.length / 2] ^= 0x01;
    assertThat(verifyPage(code, new MockMultipartFile("file", "a.pdf", "application/pdf", oneByte), 200))
        .contains("上传的文件与出具的原件不一致").doesNotContain("完全一致（SHA-256 相同）");

    byte[] reworded;
    try (PDDocument document = Loader.loadPDF(pdf); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      document.getDocumentInformation().setTitle("农村任教经历证明 — 改");
      document.save(out);
      reworded = out.toByteArray();
    }
    assertThat(verifyPage(code, new MockMultipartFile("file", "b.pdf", "application/pdf", reworded), 200))
        .contains("上传的文件与出具的原件不一致");

    // an unknown code, in the right form: not issued here
    String unknown = code.equals("AAAAAAAAAAAAAAAAAAAA") ? "BBBBBBBBBBBBBBBBBBBB" : "AAAAAAAAAAAAAAAAAAAA";
    mvc.perform(get("/api/verify/" + unknown)).andExpect(status().isNotFound())
        .andExpect(jsonPath("$.code").value("verify.error.unknown"));
    assertThat(verifyPage(unknown, null, 404)).contains("未查到此核验码");
    assertThat(verifyPage("x".repeat(41), null, 400)).contains("核验码过长");
    assertThat(verifyPage("ABCD-1234", null, 400)).contains("核验码格式不正确");
    assertThat(verifyPage(code, new MockMultipartFile("file", "c.pdf", "application/pdf",
        "<html>not a pdf</html>".getBytes(StandardCharsets.UTF_8)), 400)).contains("不是 PDF");
    byte[] big = new byte[(int) RuralServiceCertificates.MAX_PDF_BYTES + 1];
    System.arraycopy(pdf, 0, big, 0, pdf.length);
    assertThat(verifyPage(code, new MockMultipartFile("file", "d.pdf", "application/pdf", big), 413))
        .contains("文件过大");
    // the anonymous form needs its CSRF token
    mvc.perform(multipart("/verify").param("code", code)).andExpect(status().isForbidden());
    // in English too
    assertThat(verifyPage(unknown, null, 404, "en")).contains("No certificate has this code");
  }

  @Test
  void aRevokedCreditSupersedesTheCertificatesThatCertifiedItAndReissuingMakesANewOne() throws Exception {
    JsonNode first = issue(OFFICE, teacher);
    String code = first.get("code").asText();
    byte[] before = download(OFFICE, first.get("id").asLong());

    jdbc.sql("update rural_service_credit set revoked_at = :now where id = :id").param("now", OffsetDateTime.now())
        .param("id", firstCredit).update();

    mvc.perform(get("/api/verify/" + code)).andExpect(status().isOk())
        .andExpect(jsonPath("$.genuine").value(true)).andExpect(jsonPath("$.superseded").value(true));
    assertThat(verifyPage(code, null, 200)).contains("证明已失效");
    // the certificate itself never changes
    assertThat(download(OFFICE, first.get("id").asLong())).isEqualTo(before);

    JsonNode second = issue(OFFICE, teacher);
    assertThat(second.get("code").asText()).isNotEqualTo(code);
    assertThat(second.get("years").asInt()).isEqualTo(1);
    assertThat(second.get("superseded").asBoolean()).isFalse();
    assertThat(text(download(teacherToken(teacher), second.get("id").asLong())))
        .contains("认定年限1年", "2024-2025").doesNotContain("2023-2024");
    mvc.perform(get("/api/certificates").with(teacherToken(teacher))).andExpect(status().isOk())
        .andExpect(jsonPath("$.length()").value(2))
        .andExpect(jsonPath("$[0].superseded").value(false))
        .andExpect(jsonPath("$[1].superseded").value(true));
  }

  @Test
  void eachSeesOnlyWhatIsTheirsAndNoOneIssuesForAnotherDistrict() throws Exception {
    long id = issue(OFFICE, teacher).get("id").asLong();
    long before = certificates();

    // another teacher, a principal, the office of another district: not found / forbidden, nothing issued
    mvc.perform(get("/api/certificates/" + id + "/pdf").with(teacherToken("cert.someone.else")))
        .andExpect(status().isNotFound());
    mvc.perform(get("/certificates/" + id + "/pdf").with(TestUsers.browser("cert.someone.else", "teacher", "LC")))
        .andExpect(status().isNotFound());
    mvc.perform(get("/api/certificates/" + id + "/pdf").with(OTHER_OFFICE)).andExpect(status().isNotFound());
    mvc.perform(get("/api/certificates/" + id + "/pdf")
        .with(TestUsers.bearer("principal.wang", "principal", "LC", "LC-U01"))).andExpect(status().isNotFound());
    mvc.perform(get("/api/certificates").with(TestUsers.bearer("principal.wang", "principal", "LC", "LC-U01")))
        .andExpect(status().isForbidden());
    mvc.perform(get("/api/certificates").with(teacherToken("cert.someone.else"))).andExpect(status().isOk())
        .andExpect(jsonPath("$.length()").value(0));
    mvc.perform(get("/api/certificates").with(OTHER_OFFICE)).andExpect(status().isOk())
        .andExpect(jsonPath("$[?(@.id == " + id + ")]").isEmpty());

    mvc.perform(post("/api/certificates").with(OTHER_OFFICE).contentType("application/json")
        .content("{\"teacherUsername\":\"" + teacher + "\"}")).andExpect(status().isNotFound());
    mvc.perform(post("/api/certificates").with(teacherToken(teacher)).contentType("application/json")
        .content("{\"teacherUsername\":\"" + teacher + "\"}")).andExpect(status().isForbidden());
    mvc.perform(post("/certificates").with(TestUsers.browser("office.gc", "teaching-office", "GC")).with(csrf())
        .param("teacherUsername", teacher)).andExpect(status().isNotFound());
    assertThat(certificates()).isEqualTo(before);

    // the office's page issues through its form, and lists the certificate
    mvc.perform(post("/certificates").with(TestUsers.browser("office.cert", "teaching-office", "LC")).with(csrf())
        .param("teacherUsername", teacher)).andExpect(status().is3xxRedirection());
    assertThat(certificates()).isEqualTo(before + 1);
    String page = mvc.perform(get("/certificates").with(TestUsers.browser("office.cert", "teaching-office", "LC")))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    assertThat(page).contains("证书教师", "已出具的证明");
  }

  private String verifyPage(String code, MockMultipartFile file, int status) throws Exception {
    return verifyPage(code, file, status, "zh-CN");
  }

  private String verifyPage(String code, MockMultipartFile file, int expected, String language) throws Exception {
    MockMultipartHttpServletRequestBuilder request = multipart("/verify");
    if (file != null) {
      request.file(file);
    }
    request.param("code", code).with(csrf()).header("Accept-Language", language).locale(Locale.forLanguageTag(language));
    return mvc.perform(request).andExpect(status().is(expected)).andReturn().getResponse()
        .getContentAsString(StandardCharsets.UTF_8);
  }

  static String text(byte[] pdf) throws IOException {
    try (PDDocument document = Loader.loadPDF(pdf)) {
      return new PDFTextStripper().getText(document).replaceAll("[\\s\\u3000]+", "");
    }
  }

  private long assignment(String username) {
    String token = "cert-" + System.nanoTime();
    jdbc.sql("""
        insert into rotation_application (teacher_username, teacher_name, home_school_code, target_school_code,
          district_code, batch_id, direction, post, subject, period_start, period_end, years_of_service, reasons,
          status, request_token, created_at, updated_at, version)
        values (:u, '证书教师', 'LC-U01', 'LC-R01', 'LC', 1, 'URBAN_TO_RURAL', 'TEACHER', '数学',
          date '2023-09-01', date '2025-07-31', 8, '支教', 'APPROVED', :token, current_timestamp, current_timestamp, 0)""")
        .param("u", username).param("token", token).update();
    jdbc.sql("""
        insert into assignment (application_id, teacher_username, teacher_name, dispatching_school_code,
          receiving_school_code, batch_id, direction, post, starts_on, ends_on, monthly_subsidy, created_at)
        select id, :u, '证书教师', 'LC-U01', 'LC-R01', 1, 'URBAN_TO_RURAL', 'TEACHER', date '2023-09-01',
          date '2025-07-31', 400, current_timestamp from rotation_application where request_token = :token""")
        .param("u", username).param("token", token).update();
    return jdbc.sql("""
        select a.id from assignment a join rotation_application r on r.id = a.application_id where r.request_token = :t""")
        .param("t", token).query(Long.class).single();
  }

  private long credit(String username, long assignment, String year, String grade, String receiving) {
    jdbc.sql("insert into assessment_round (district_code, school_year, opened_at, opened_by) values ('LC', :y, :at, 'x')"
            + " on conflict do nothing").param("y", year).param("at", OffsetDateTime.now()).update();
    long round = jdbc.sql("select id from assessment_round where district_code = 'LC' and school_year = :y")
        .param("y", year).query(Long.class).single();
    jdbc.sql("""
        insert into annual_assessment (round_id, assignment_id, teacher_username, teacher_name, dispatching_school_code,
          receiving_school_code, district_code, school_year, status, grade, created_at, updated_at, version)
        values (:r, :a, :u, '证书教师', 'LC-U01', :rec, 'LC', :y, 'ARCHIVED', :g, current_timestamp, current_timestamp, 0)""")
        .param("r", round).param("a", assignment).param("u", username).param("rec", receiving).param("y", year)
        .param("g", grade).update();
    long assessment = jdbc.sql("select id from annual_assessment where assignment_id = :a and school_year = :y")
        .param("a", assignment).param("y", year).query(Long.class).single();
    jdbc.sql("""
        insert into rural_service_credit (teacher_username, assessment_id, school_year, grade, credited_at)
        values (:u, :a, :y, :g, current_timestamp)""")
        .param("u", username).param("a", assessment).param("y", year).param("g", grade).update();
    return jdbc.sql("select id from rural_service_credit where assessment_id = :a").param("a", assessment)
        .query(Long.class).single();
  }
}
