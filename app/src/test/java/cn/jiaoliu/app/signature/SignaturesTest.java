package cn.jiaoliu.app.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.jiaoliu.app.security.JiaoliuUser;
import cn.jiaoliu.app.security.Role;
import cn.jiaoliu.app.web.UserFacingException;
import cn.jiaoliu.testsupport.TestDatabase;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Set;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * Signatures and seals: a drawing is kept as PNG; a crafted image that declares 100 000 pixels a
 * side is refused from its header (never decoded) and nothing is kept; a GIF is refused; teachers
 * keep no signature and only an administrator keeps a school's seal, of a school that exists.
 */
@SpringBootTest
@ActiveProfiles("test")
@ContextConfiguration(initializers = TestDatabase.class)
class SignaturesTest {

  @Autowired Signatures signatures;

  static final JiaoliuUser PRINCIPAL = new JiaoliuUser("sig.principal", "王芳", Set.of(Role.PRINCIPAL), "LC-U01", "LC");
  static final JiaoliuUser ADMIN = new JiaoliuUser("sig.admin", "管理员", Set.of(Role.ADMIN), null, "LC");

  @Test
  void aDrawnSignatureIsKeptAsPng() throws IOException {
    String dataUrl = "data:image/png;base64," + Base64.getEncoder().encodeToString(drawing());
    signatures.store(PRINCIPAL, SignatureImages.fromDataUrl(dataUrl));
    byte[] kept = signatures.signatureOf(PRINCIPAL.username()).orElseThrow();
    // trimmed to the stroke (x 10..290, y 20..80) with a margin of 4 pixels
    BufferedImage stored = ImageIO.read(new ByteArrayInputStream(kept));
    assertThat(stored.getWidth()).isBetween(281, 281 + 2 * InkOnly.MARGIN + 2);
    assertThat(stored.getHeight()).isBetween(61, 61 + 2 * InkOnly.MARGIN + 2);
    signatures.remove(PRINCIPAL);
    assertThat(signatures.signatureOf(PRINCIPAL.username())).isEmpty();
  }

  /** A photographed signature: its grey paper becomes transparent, the ink stays, the picture is trimmed to it. */
  @Test
  void aPhotographedSignatureLosesItsPaperAndIsTrimmedToTheInk() throws IOException {
    BufferedImage photo = new BufferedImage(800, 400, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = photo.createGraphics();
    g.setColor(new Color(196, 192, 186));
    g.fillRect(0, 0, 800, 400);
    g.setColor(new Color(40, 40, 60));
    g.setStroke(new BasicStroke(5));
    g.drawLine(200, 250, 600, 150);
    g.dispose();
    ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
    ImageIO.write(photo, "jpeg", jpeg);
    BufferedImage kept = ImageIO.read(new ByteArrayInputStream(SignatureImages.normalize(jpeg.toByteArray())));
    assertThat(kept.getWidth()).isBetween(400, 430);
    assertThat(kept.getHeight()).isBetween(100, 130);
    assertThat(kept.getRGB(0, 0) >>> 24).as("the paper is transparent").isZero();
    assertThat(kept.getRGB(kept.getWidth() / 2, kept.getHeight() / 2) >>> 24).as("the ink is opaque").isEqualTo(255);
  }

  @Test
  void aPictureWithoutInkIsRefusedAndNothingIsKept() throws IOException {
    BufferedImage blank = new BufferedImage(600, 200, BufferedImage.TYPE_INT_ARGB);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(blank, "png", out);
    String dataUrl = "data:image/png;base64," + Base64.getEncoder().encodeToString(out.toByteArray());
    JiaoliuUser other = new JiaoliuUser("sig.blank", "李明", Set.of(Role.TEACHING_OFFICE), null, "LC");
    assertRefused(() -> signatures.store(other, SignatureImages.fromDataUrl(dataUrl)), "signature.empty");
    assertThat(signatures.signatureOf(other.username())).isEmpty();
  }

  /** A real JPEG whose frame header claims 60 000 pixels a side: refused from the header, at once. */
  @Test
  void aJpegDeclaringHugeSidesIsRefusedFromItsHeader() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB), "jpeg", out);
    byte[] jpeg = out.toByteArray();
    int sof = 2;
    while (!((jpeg[sof] & 0xFF) == 0xFF && (jpeg[sof + 1] & 0xFF) == 0xC0)) {
      sof++;
    }
    // SOF0: marker, length (2), precision (1), height (2), width (2)
    ByteBuffer.wrap(jpeg, sof + 5, 4).putShort((short) 60_000).putShort((short) 60_000);
    long started = System.nanoTime();
    assertRefused(() -> SignatureImages.normalize(jpeg), "signature.tooBig");
    assertThat((System.nanoTime() - started) / 1_000_000).as("milliseconds").isLessThan(1000);
  }

  @Test
  void craftedOrForeignImagesAreRefusedAndNothingIsKept() {
    assertRefused(() -> SignatureImages.normalize(pngDeclaring(100_000, 100_000)), "signature.tooBig");
    assertRefused(() -> SignatureImages.normalize("GIF89a....".getBytes()), "signature.badImage");
    assertRefused(() -> SignatureImages.normalize(new byte[SignatureImages.BYTES_MAX + 1]), "signature.tooLarge");
    assertRefused(() -> SignatureImages.fromDataUrl("data:image/svg+xml;base64,PHN2Zz4="), "signature.badImage");
    assertThat(signatures.signatureOf("sig.nobody")).isEmpty();
  }

  @Test
  void teachersKeepNoSignatureAndOnlyAnAdministratorKeepsASeal() throws IOException {
    JiaoliuUser teacher = new JiaoliuUser("sig.teacher", "教师", Set.of(Role.TEACHER), "LC-U01", "LC");
    byte[] png = SignatureImages.normalize(drawing());
    assertRefused(() -> signatures.store(teacher, png), "error.forbidden");
    assertRefused(() -> signatures.storeSeal(PRINCIPAL, "LC-U01", png), "error.forbidden");
    assertRefused(() -> signatures.storeSeal(ADMIN, "NO-SUCH", png), "error.notFound");
    signatures.storeSeal(ADMIN, "LC-U01", png);
    assertThat(signatures.hasSeal("LC-U01")).isTrue();
  }

  static byte[] drawing() throws IOException {
    BufferedImage image = new BufferedImage(300, 100, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.BLACK);
    g.drawLine(10, 80, 290, 20);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }

  /** A PNG signature and a header that declares the size, and nothing else. */
  static byte[] pngDeclaring(int width, int height) {
    ByteBuffer ihdr = ByteBuffer.allocate(17).put("IHDR".getBytes()).putInt(width).putInt(height)
        .put((byte) 8).put((byte) 6).put((byte) 0).put((byte) 0).put((byte) 0);
    CRC32 crc = new CRC32();
    crc.update(ihdr.array());
    return ByteBuffer.allocate(8 + 4 + 17 + 4).put(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A})
        .putInt(13).put(ihdr.array()).putInt((int) crc.getValue()).array();
  }

  private static void assertRefused(Runnable action, String key) {
    assertThatThrownBy(action::run).isInstanceOf(UserFacingException.class)
        .satisfies(e -> assertThat(((UserFacingException) e).messageKey()).isEqualTo(key));
  }
}
