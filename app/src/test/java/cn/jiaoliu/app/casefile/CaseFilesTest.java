package cn.jiaoliu.app.casefile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import cn.jiaoliu.testsupport.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.pdfbox.Loader;
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
import org.springframework.test.web.servlet.RequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Comments and supporting files of a case through the API: its readers comment and add files; a
 * file's type is read from its content (a renamed program, a zip bomb named .docx and a file over
 * 10 MB are refused and nothing is stored); a principal of another school neither reads,
 * adds nor downloads; only the uploader or the office removes a file; the approval form lists them.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
@ContextConfiguration(initializers = TestDatabase.class)
class CaseFilesTest {

  @Autowired MockMvc mvc;
  @Autowired JdbcClient jdbc;

  long id;
  String teacher;

  @BeforeEach
  void application() {
    String n = Long.toString(System.nanoTime(), 36);
    teacher = "files" + n;
    jdbc.sql("""
        insert into rotation_application (teacher_username, teacher_name, home_school_code, target_school_code,
          district_code, batch_id, direction, post, subject, period_start, period_end, years_of_service, reasons,
          status, current_step, request_token, created_at, updated_at, version)
        values (:t, '附件教师', 'LC-U01', 'LC-R01', 'LC', 1, 'URBAN_TO_RURAL', 'TEACHER', '数学',
          date '2027-09-01', date '2028-07-31', 8, '支教', 'AWAITING_OPINION', 'Task_SignOpinion', :t,
          current_timestamp, current_timestamp, 0)""").param("t", teacher).update();
    id = jdbc.sql("select id from rotation_application where request_token = :t").param("t", teacher)
        .query(Long.class).single();
  }

  @Test
  void readersCommentAndAddFilesAndOthersSeeNothing() throws Exception {
    assertThat(status(post(base() + "/comments").with(as(teacher, "teacher", "LC-U01")).contentType("application/json")
        .content("{\"body\":\"已补充获奖证书。\"}"))).isEqualTo(200);
    byte[] pdf = "%PDF-1.4\n% 证明材料\n%%EOF\n".getBytes(StandardCharsets.UTF_8);
    MvcResult uploaded = mvc.perform(multipart(base() + "/attachments")
        .file(new MockMultipartFile("file", "../../获奖证书.pdf", "application/octet-stream", pdf))
        .with(as(teacher, "teacher", "LC-U01"))).andReturn();
    assertThat(uploaded.getResponse().getStatus()).as(uploaded.getResponse().getContentAsString()).isEqualTo(200);
    long attachment = jdbc.sql("select id from case_attachment where subject_id = :id").param("id", id)
        .query(Long.class).single();
    assertThat(uploaded.getResponse().getContentAsString()).contains("\"fileName\":\"获奖证书.pdf\"")
        .contains("\"contentType\":\"application/pdf\"");

    MvcResult download = mvc.perform(get(base() + "/attachments/" + attachment).with(as("principal.wang", "principal",
        "LC-U01"))).andReturn();
    assertThat(download.getResponse().getStatus()).isEqualTo(200);
    assertThat(download.getResponse().getContentAsByteArray()).isEqualTo(pdf);
    assertThat(download.getResponse().getContentType()).isEqualTo("application/pdf");
    assertThat(download.getResponse().getHeader("Content-Disposition")).startsWith("attachment;")
        .contains("filename*=UTF-8''");

    RequestPostProcessor stranger = as("principal.zhao", "principal", "LC-U02");
    assertThat(status(get(base() + "/comments").with(stranger))).isEqualTo(404);
    assertThat(status(get(base() + "/attachments/" + attachment).with(stranger))).isEqualTo(404);
    assertThat(mvc.perform(multipart(base() + "/attachments").file(new MockMultipartFile("file", "x.pdf", null, pdf))
        .with(stranger)).andReturn().getResponse().getStatus()).isEqualTo(404);

    // only the uploader or the office removes a file
    assertThat(status(post(base() + "/attachments/" + attachment + "/delete").with(as("principal.wang", "principal",
        "LC-U01")))).isEqualTo(403);
    assertThat(status(post(base() + "/attachments/" + attachment + "/delete").with(as(teacher, "teacher", "LC-U01"))))
        .isEqualTo(200);
    assertThat(jdbc.sql("select action from audit_event where subject_type = 'APPLICATION' and subject_id = :id"
        + " order by id").param("id", id).query(String.class).list())
        .containsExactly("COMMENTED", "ATTACHED", "ATTACHMENT_REMOVED");
  }

  @Test
  void aFileIsJudgedByItsContentAndABadOneStoresNothing() throws Exception {
    byte[] program = new byte[4096];
    program[0] = 'M';
    program[1] = 'Z';
    assertThat(upload("报告.pdf", program)).isEqualTo(400);

    ByteArrayOutputStream bomb = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bomb)) {
      zip.putNextEntry(new ZipEntry("zeros.txt"));
      byte[] zeros = new byte[1 << 20];
      for (int i = 0; i < 200; i++) {
        zip.write(zeros);
      }
      zip.closeEntry();
    }
    // refused from the zip's directory alone: nothing is inflated
    assertThat(upload("材料.docx", bomb.toByteArray())).isEqualTo(400);
    assertThat(upload("大文件.pdf", new byte[10 * 1024 * 1024 + 1])).isIn(400, 413);
    assertThat(jdbc.sql("select count(*) from case_attachment where subject_id = :id").param("id", id)
        .query(Long.class).single()).isZero();

    ByteArrayOutputStream docx = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(docx)) {
      for (String name : List.of("[Content_Types].xml", "word/document.xml")) {
        zip.putNextEntry(new ZipEntry(name));
        zip.write("<x/>".getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    }
    assertThat(upload("述职报告.docx", docx.toByteArray())).isEqualTo(200);

    MvcResult form = mvc.perform(get("/api/applications/" + id + "/approval-form.pdf").with(as(teacher, "teacher",
        "LC-U01"))).andReturn();
    try (var document = Loader.loadPDF(form.getResponse().getContentAsByteArray())) {
      assertThat(new PDFTextStripper().getText(document).replaceAll("\\s+", "")).contains("附件：述职报告.docx（1KB）");
    }
  }

  private int upload(String name, byte[] content) throws Exception {
    return mvc.perform(multipart(base() + "/attachments").file(new MockMultipartFile("file", name, "application/pdf",
        content)).with(as(teacher, "teacher", "LC-U01"))).andReturn().getResponse().getStatus();
  }

  private String base() {
    return "/api/cases/APPLICATION/" + id;
  }

  private int status(RequestBuilder request) throws Exception {
    return mvc.perform(request).andReturn().getResponse().getStatus();
  }

  private static RequestPostProcessor as(String username, String role, String school) {
    return jwt().jwt(j -> j.claim("preferred_username", username).claim("name", username)
        .claim("roles", List.of(role)).claim("school_code", school).claim("district_code", "LC"));
  }
}
