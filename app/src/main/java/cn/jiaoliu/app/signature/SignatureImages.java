package cn.jiaoliu.app.signature;

import cn.jiaoliu.app.web.UserFacingException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * A signature or seal image as the app keeps it: PNG or JPEG by its content, at most
 * {@value #BYTES_MAX} bytes and {@value #SIDE_MAX} pixels a side (read from the header before
 * anything is decoded, so a crafted image cannot take the heap), decoded and written anew as PNG:
 * nothing of the uploaded file but its pixels is kept. A light background (white, or the paper of a
 * photographed signature) becomes transparent and the picture is trimmed to its ink, so it prints
 * at its size beside an opinion and never hides the text or seal under it; a picture without ink
 * is refused.
 */
final class SignatureImages {

  static final int BYTES_MAX = 512 * 1024;
  static final int SIDE_MAX = 2000;

  private SignatureImages() {}

  /** A canvas drawing sent as {@code data:image/png;base64,…}. */
  static byte[] fromDataUrl(String dataUrl) {
    String prefix = "data:image/png;base64,";
    if (dataUrl == null || !dataUrl.startsWith(prefix) || dataUrl.length() > BYTES_MAX * 4 / 3 + prefix.length() + 4) {
      throw UserFacingException.field("image", "signature.badImage");
    }
    try {
      return normalize(Base64.getDecoder().decode(dataUrl.substring(prefix.length())));
    } catch (IllegalArgumentException e) {
      throw UserFacingException.field("image", "signature.badImage");
    }
  }

  static byte[] normalize(byte[] bytes) {
    if (bytes == null || bytes.length == 0 || bytes.length > BYTES_MAX) {
      throw UserFacingException.field("image", "signature.tooLarge", BYTES_MAX / 1024);
    }
    boolean png = bytes.length > 8 && (bytes[0] & 0xFF) == 0x89 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G';
    boolean jpeg = bytes.length > 3 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xD8;
    if (!png && !jpeg) {
      throw UserFacingException.field("image", "signature.badImage");
    }
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        throw UserFacingException.field("image", "signature.badImage");
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        int width = reader.getWidth(0);
        int height = reader.getHeight(0);
        if (width < 1 || height < 1 || width > SIDE_MAX || height > SIDE_MAX) {
          throw UserFacingException.field("image", "signature.tooBig", SIDE_MAX);
        }
        BufferedImage image = InkOnly.of(reader.read(0));
        if (image == null) {
          throw UserFacingException.field("image", "signature.empty");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof UserFacingException u) {
        throw u;
      }
      throw UserFacingException.field("image", "signature.badImage");
    }
  }
}
