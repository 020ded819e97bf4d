package cn.jiaoliu.app.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.contentstream.PDFStreamEngine;
import org.apache.pdfbox.contentstream.operator.state.Restore;
import org.apache.pdfbox.contentstream.operator.state.Save;
import org.apache.pdfbox.contentstream.operator.text.BeginText;
import org.apache.pdfbox.contentstream.operator.text.EndText;
import org.apache.pdfbox.contentstream.operator.text.MoveText;
import org.apache.pdfbox.contentstream.operator.text.SetFontAndSize;
import org.apache.pdfbox.contentstream.operator.text.ShowText;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.util.Matrix;
import org.apache.pdfbox.util.Vector;
import org.junit.jupiter.api.Test;

/**
 * Every glyph a form shows has a ToUnicode mapping, so copied, searched and extracted text is the
 * text that was written: Latin letters the font could join (ff, fi, fl, ffi, ffl: its ligatures
 * have no mapping of their own) and ideographs that share a glyph with a radical.
 */
class ToUnicodeTest {

  static final String LATIN = "office@efficient.example.cn/verify?staff=waffle&flag=offline";

  @Test
  void everyGlyphShownMapsBackToItsText() throws IOException {
    byte[] pdf = form(LATIN, "小文人见");
    List<String> unmapped = new ArrayList<>();
    try (PDDocument document = Loader.loadPDF(pdf)) {
      for (PDPage page : document.getPages()) {
        new PDFStreamEngine() {
          {
            addOperator(new BeginText(this));
            addOperator(new EndText(this));
            addOperator(new SetFontAndSize(this));
            addOperator(new ShowText(this));
            addOperator(new MoveText(this));
            addOperator(new Save(this));
            addOperator(new Restore(this));
          }

          @Override
          protected void showGlyph(Matrix textRenderingMatrix, PDFont font, int code, Vector displacement)
              throws IOException {
            if (font.toUnicode(code) == null) {
              unmapped.add(font.getName() + " CID+" + code);
            }
          }
        }.processPage(page);
      }
      assertThat(unmapped).isEmpty();
      String text = new PDFTextStripper().getText(document).replaceAll("[\\s\u3000]+", "");
      assertThat(text).contains(LATIN, "小文人见");
    }
  }

  private static byte[] form(String latin, String chinese) throws IOException {
    try (PDDocument document = new PDDocument()) {
      ZoneId zone = ZoneId.of("Asia/Shanghai");
      CjkFonts.Loaded fonts = CjkFonts.bundled().load(document);
      RuledForm form = new RuledForm(document, fonts, zone, "表（续）", "staff", "office");
      form.start();
      form.title("登记表", "difficult", "offline");
      form.wideRow("网址 office", latin);
      form.textBlock("说明", chinese + " " + latin, true, null, "签名：efficient", 2);
      form.finish();
      new DocumentInfo("登记表", "efficient", "office", "ToUnicodeTest", OffsetDateTime.parse("2026-01-01T00:00:00Z"),
          "identity").applyTo(document, zone);
      return fonts.save(document);
    }
  }
}
