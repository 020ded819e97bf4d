package cn.jiaoliu.app.casefile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * What a file is, from its content, never from its name or what the browser says: PDF, PNG, JPEG,
 * GIF, WebP, Word/Excel/PowerPoint (OOXML, read from the zip's central directory only, nothing is
 * inflated, so a zip bomb costs nothing) and their older OLE2 forms. Anything else is refused.
 */
final class FileTypes {

  /** The most entries an office document may list (a real one has tens). */
  static final int MAX_ZIP_ENTRIES = 5_000;

  private FileTypes() {}

  /** The content type to store and serve the file with, or empty when it is not one we take. */
  static Optional<String> sniff(byte[] head, Path file) throws IOException {
    if (starts(head, "%PDF-".getBytes())) {
      return Optional.of("application/pdf");
    }
    if (starts(head, new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A})) {
      return Optional.of("image/png");
    }
    if (starts(head, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF})) {
      return Optional.of("image/jpeg");
    }
    if (starts(head, "GIF87a".getBytes()) || starts(head, "GIF89a".getBytes())) {
      return Optional.of("image/gif");
    }
    if (head.length >= 12 && starts(head, "RIFF".getBytes()) && head[8] == 'W' && head[9] == 'E' && head[10] == 'B'
        && head[11] == 'P') {
      return Optional.of("image/webp");
    }
    if (starts(head, new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A,
        (byte) 0xE1})) {
      return Optional.of("application/x-ole-storage");
    }
    if (starts(head, new byte[] {'P', 'K', 0x03, 0x04})) {
      return office(file);
    }
    return Optional.empty();
  }

  /** An OOXML document: a zip with [Content_Types].xml and a word/, xl/ or ppt/ part. */
  private static Optional<String> office(Path file) throws IOException {
    try (ZipFile zip = new ZipFile(file.toFile())) {
      boolean types = false;
      String kind = null;
      int count = 0;
      Enumeration<? extends ZipEntry> entries = zip.entries();
      while (entries.hasMoreElements()) {
        if (++count > MAX_ZIP_ENTRIES) {
          return Optional.empty();
        }
        String name = entries.nextElement().getName();
        types |= name.equals("[Content_Types].xml");
        if (kind == null) {
          kind = name.startsWith("word/")
              ? "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
              : name.startsWith("xl/") ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              : name.startsWith("ppt/") ? "application/vnd.openxmlformats-officedocument.presentationml.presentation"
              : null;
        }
      }
      return types && kind != null ? Optional.of(kind) : Optional.empty();
    } catch (ZipException e) {
      return Optional.empty();
    }
  }

  private static boolean starts(byte[] head, byte[] magic) {
    if (head.length < magic.length) {
      return false;
    }
    for (int i = 0; i < magic.length; i++) {
      if (head[i] != magic[i]) {
        return false;
      }
    }
    return true;
  }

  /** A file's name as shown and sent: no path, no control characters, at most 200 characters. */
  static String cleanName(String original) {
    String name = original == null ? "" : original.replace('\\', '/');
    name = name.substring(name.lastIndexOf('/') + 1);
    StringBuilder clean = new StringBuilder();
    name.codePoints().filter(c -> c >= 0x20 && c != 0x7F && !Character.isISOControl(c) && c != '"')
        .forEach(clean::appendCodePoint);
    String result = clean.toString().strip();
    if (result.isEmpty() || result.equals(".") || result.equals("..")) {
      result = "file";
    }
    return result.length() > 200 ? result.substring(result.length() - 200) : result;
  }

  static Path temp() throws IOException {
    return Files.createTempFile("jiaoliu-upload-", ".bin");
  }
}
