package cn.jiaoliu.app.signature;

import static cn.jiaoliu.testsupport.TestUsers.bearer;
import static cn.jiaoliu.testsupport.TestUsers.browser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import cn.jiaoliu.testsupport.TestDatabase;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;

/**
 * The signature page and API and the seal upload through the web: a teacher has no signing step
 * and gets 403 for page and API (nothing kept); a principal draws and keeps one; the office, which
 * sees a school's admin page, cannot set its seal; an administrator can, and a crafted seal is
 * refused with a translated message and nothing kept.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
@ContextConfiguration(initializers = TestDatabase.class)
class SignatureWebTest {

  @Autowired MockMvc mvc;
  @Autowired Signatures signatures;

  @Test
  void aTeacherHasNoSignaturePageAndKeepsNone() throws Exception {
    assertThat(status(get("/signature").with(browser("web.teacher", "teacher", "LC")))).isEqualTo(403);
    assertThat(status(post("/api/signature").contentType(MediaType.APPLICATION_JSON).content(drawingJson())
        .with(bearer("web.teacher", "teacher", "LC", "LC-U01")))).isEqualTo(403);
    assertThat(signatures.signatureOf("web.teacher")).isEmpty();
  }

  @Test
  void aPrincipalDrawsAndKeepsASignature() throws Exception {
    MockHttpServletResponse page = mvc.perform(get("/signature").with(browser("web.principal", "principal", "LC")))
        .andReturn().getResponse();
    assertThat(page.getStatus()).isEqualTo(200);
    assertThat(page.getContentAsString()).contains("data-signature-pad", "signature-upload");
    assertThat(status(post("/api/signature").contentType(MediaType.APPLICATION_JSON).content(drawingJson())
        .with(bearer("web.principal", "principal", "LC", "LC-U01")))).isEqualTo(200);
    assertThat(signatures.signatureOf("web.principal")).isPresent();
    MockHttpServletResponse image = mvc.perform(get("/signature/image").with(browser("web.principal", "principal", "LC")))
        .andReturn().getResponse();
    assertThat(image.getContentType()).isEqualTo("image/png");
  }

  @Test
  void onlyAnAdministratorSetsASealAndACraftedOneIsRefused() throws Exception {
    byte[] seal = SignaturesTest.drawing();
    assertThat(status(multipart("/admin/schools/LC-R02/seal").file(new MockMultipartFile("file", "seal.png",
        "image/png", seal)).with(browser("web.office", "teaching-office", "LC")).with(csrf()))).isEqualTo(403);
    assertThat(signatures.hasSeal("LC-R02")).isFalse();

    MockHttpServletResponse crafted = mvc.perform(multipart("/admin/schools/LC-R02/seal").file(new MockMultipartFile(
        "file", "seal.png", "image/png", SignaturesTest.pngDeclaring(100_000, 100_000)))
        .with(browser("web.admin", "admin", "LC")).with(csrf())).andReturn().getResponse();
    assertThat(crafted.getStatus()).isEqualTo(302);
    assertThat(signatures.hasSeal("LC-R02")).isFalse();

    assertThat(status(multipart("/admin/schools/LC-R02/seal").file(new MockMultipartFile("file", "seal.png",
        "image/png", seal)).with(browser("web.admin", "admin", "LC")).with(csrf()))).isEqualTo(302);
    assertThat(signatures.hasSeal("LC-R02")).isTrue();
    assertThat(status(get("/admin/schools/LC-R02/seal.png").with(browser("web.office", "teaching-office", "LC"))))
        .isEqualTo(403);
  }

  private static String drawingJson() throws Exception {
    return "{\"drawing\":\"data:image/png;base64," + Base64.getEncoder().encodeToString(SignaturesTest.drawing()) + "\"}";
  }

  private int status(RequestBuilder request) throws Exception {
    return mvc.perform(request).andReturn().getResponse().getStatus();
  }
}
