package cn.jiaoliu.app.pdf;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Objects;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdfwriter.COSWriter;
import org.apache.pdfbox.pdfwriter.compress.CompressParameters;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDStream;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The two weights of the CJK font that Jiaoliu's printable forms embed as subsets, and how such a
 * document is saved. The font is Noto Sans S Chinese 1.000 (思源黑体, Adobe/Google, Apache License
 * 2.0) as TrueType, regular and medium, from the Maven Central artifact {@code
 * com.github.xingfudeshi:jasperreports-fonts}. The bytes are read once per JVM; each document parses
 * them anew, so concurrent renders share nothing mutable.
 */
public final class CjkFonts {

  /** Where the regular and the medium weight sit in the font artifact. */
  static final String REGULAR_FONT = "com/github/xingfudeshi/fonts/思源黑体正常_0.ttf";
  static final String MEDIUM_FONT = "com/github/xingfudeshi/fonts/思源黑体中粗.ttf";

  private final byte[] regular;
  private final byte[] medium;

  /** For other TrueType fonts (tests); both must be glyf-based TrueType with the CJK glyphs. */
  public CjkFonts(byte[] regularTtf, byte[] mediumTtf) {
    this.regular = Objects.requireNonNull(regularTtf, "regular font");
    this.medium = Objects.requireNonNull(mediumTtf, "medium font");
  }

  /** The fonts shipped with the app, loaded from the classpath on first use. */
  public static CjkFonts bundled() {
    return Bundled.FONTS;
  }

  /** Both weights loaded into the document, to be embedded as subsets when it is {@link #save saved}. */
  public Loaded load(PDDocument document) throws IOException {
    return new Loaded(new TextWrapper(font(document, regular)), new TextWrapper(font(document, medium)));
  }

  /**
   * One character, one glyph: without its glyph substitutions (GSUB) PDFBox would set ff, fi, fl,
   * ffi and ffl in Latin text as ligatures, glyphs that {@link TextWrapper} neither measures nor
   * maps back to text (copied text would lose the letters; a URL or a user name must stay
   * letter by letter anyway).
   */
  private static PDType0Font font(PDDocument document, byte[] ttf) throws IOException {
    TrueTypeFont font = new TTFParser().parse(new RandomAccessReadBuffer(ttf));
    document.registerTrueTypeFontForClosing(font);
    font.setEnableGsub(false);
    return PDType0Font.load(document, font, true);
  }

  /** The body (regular) and the label (medium) font of one document. */
  public record Loaded(TextWrapper body, TextWrapper bold) {

    /** See {@link CjkFonts#save}. */
    public byte[] save(PDDocument document) throws IOException {
      return CjkFonts.save(document, body, bold);
    }
  }

  /**
   * What {@link PDDocument#save(java.io.OutputStream)} does (subset the fonts, then write with
   * object streams), with the fonts' ToUnicode maps replaced in between: see {@link
   * TextWrapper#toUnicodeCMap()}.
   */
  public static byte[] save(PDDocument document, TextWrapper... fonts) throws IOException {
    for (TextWrapper font : fonts) {
      byte[] toUnicode = font.toUnicodeCMap();
      font.font().subset();
      font.font().getCOSObject().setItem(COSName.TO_UNICODE,
          new PDStream(document, new ByteArrayInputStream(toUnicode), COSName.FLATE_DECODE));
    }
    document.getDocument().setIsXRefStream(true);
    ByteArrayOutputStream out = new ByteArrayOutputStream(128 * 1024);
    new COSWriter(out, CompressParameters.DEFAULT_COMPRESSION).write(document);
    return out.toByteArray();
  }

  private static final class Bundled {
    static final CjkFonts FONTS = new CjkFonts(resource(REGULAR_FONT), resource(MEDIUM_FONT));
  }

  private static byte[] resource(String path) {
    ClassLoader loader = CjkFonts.class.getClassLoader();
    try (InputStream in = loader.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("font " + path + " is missing from the classpath "
            + "(dependency com.github.xingfudeshi:jasperreports-fonts)");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("could not read font " + path, e);
    }
  }
}
