package cn.jiaoliu.app.application.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.contentstream.PDFStreamEngine;
import org.apache.pdfbox.contentstream.operator.DrawObject;
import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.contentstream.operator.state.Concatenate;
import org.apache.pdfbox.contentstream.operator.state.Restore;
import org.apache.pdfbox.contentstream.operator.state.Save;
import org.apache.pdfbox.contentstream.operator.state.SetGraphicsStateParameters;
import org.apache.pdfbox.contentstream.operator.state.SetMatrix;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.apache.pdfbox.util.Matrix;
import org.junit.jupiter.api.Test;

/**
 * Where the handwriting and the seal land on the approval form: the signature after the printed
 * name on its own line, its proportions kept, clear of the comment above even when the comment
 * fills its line; the seal over （盖章）; a wide or tall image never stretched. The pages are drawn
 * to target/pdf for a person to look at.
 */
class SignedFormLayoutTest {

  static final ApprovalFormPdf PDF = new ApprovalFormPdf(ZoneId.of("Asia/Shanghai"));

  /** A drawn image: which one it is by its pixel size, where it landed in PDF units (origin bottom left). */
  record Drawn(int pixelWidth, int pixelHeight, Rectangle2D.Float at) {}

  @Test
  void theSignatureSitsOnItsLineAfterTheNameAndTheSealOverItsPlace() throws IOException {
    byte[] signature = image(240, 80, Color.BLACK, false);
    byte[] seal = image(200, 200, Color.RED, true);
    String longComment = "该同志师德高尚，业务能力强，教学成绩突出，在教研组中起骨干作用，同意派出到农村学校交流";
    ApprovalForm form = signed(longComment, signature, seal);
    byte[] pdf = PDF.render(form);
    try (PDDocument document = Loader.loadPDF(pdf)) {
      assertThat(document.getNumberOfPages()).isEqualTo(1);
      draw(document, "approval-form-signed-long-comment.png");
      List<Drawn> drawn = images(document.getPage(0));
      List<Drawn> signatures = drawn.stream().filter(d -> d.pixelWidth() == 240).toList();
      List<Drawn> seals = drawn.stream().filter(d -> d.pixelWidth() == 200).toList();
      assertThat(signatures).hasSize(3);
      assertThat(seals).hasSize(2);
      List<TextPosition> text = positions(document);
      for (Drawn s : signatures) {
        assertThat(s.at().width / s.at().height).as("proportions kept").isCloseTo(3f, within(0.05f));
        // on the line of 签名：…, after the name and before 时间
        TextPosition name = nearest(text, "名", s.at());
        TextPosition time = nearest(text, "时", s.at());
        assertThat(s.at().x).isGreaterThan(name.getX() + name.getWidth() * 2);
        assertThat(s.at().x + s.at().width).isLessThan(time.getX());
        float lineMiddle = 842 - (name.getY() - name.getHeight() / 2);
        assertThat(s.at().y + s.at().height / 2).isCloseTo(lineMiddle, within(4f));
      }
      // nothing of the comment's full line lies under a signature
      for (TextPosition t : text) {
        Rectangle2D.Float glyph = new Rectangle2D.Float(t.getX(), 842 - t.getY(), t.getWidth(), t.getHeight() * 0.8f);
        if (!t.getUnicode().isBlank() && !"签名王芳刘洋陈静".contains(t.getUnicode())) {
          signatures.forEach(s -> assertThat(s.at().intersects(glyph)).as("signature over " + t.getUnicode()).isFalse());
        }
      }
      // each seal centred over a （盖章）
      List<TextPosition> sealPlaces = text.stream().filter(t -> t.getUnicode().equals("盖")).toList();
      for (Drawn s : seals) {
        assertThat(s.at().width).isCloseTo(s.at().height, within(0.1f));
        assertThat(sealPlaces).anySatisfy(p -> assertThat((float) s.at().getCenterX())
            .isCloseTo(p.getX() + p.getWidth(), within(3f)));
      }
    }
  }

  @Test
  void aVeryWideOrTallPictureKeepsItsProportionsAndItsBox() throws IOException {
    ApprovalForm form = signed("同意。", image(1200, 60, Color.BLACK, false), image(60, 600, Color.RED, true));
    try (PDDocument document = Loader.loadPDF(PDF.render(form))) {
      draw(document, "approval-form-odd-images.png");
      for (Drawn d : images(document.getPage(0))) {
        assertThat(d.at().width / d.at().height)
            .isCloseTo((float) d.pixelWidth() / d.pixelHeight(), within(0.02f * d.pixelWidth() / d.pixelHeight()));
        assertThat(d.at().width).isLessThanOrEqualTo(90.01f);
        assertThat(d.at().height).isLessThanOrEqualTo(58.01f);
      }
    }
  }

  /** A long name (a deputy's, both names) leaves less room: the handwriting narrows, the line stays in its cell. */
  @Test
  void aLongSignerNameNarrowsTheHandwritingAndTheLineStaysInItsCell() throws IOException {
    ApprovalForm f = signed("同意。", image(240, 80, Color.BLACK, false), null);
    String deputy = "欧阳明远（司马慧琳代签）";
    List<ApprovalForm.Opinion> opinions = f.opinions().stream().map(o -> new ApprovalForm.Opinion(o.step(),
        o.decision(), o.comment(), deputy, o.at(), o.signature(), null)).toList();
    ApprovalForm longNames = new ApprovalForm(f.applicationId(), f.teacherName(), f.staffNumber(), f.homeSchool(),
        f.targetSchool(), f.batch(), f.direction(), f.post(), f.subject(), f.period(), f.yearsOfService(), f.reasons(),
        f.status(), f.subsidy(), "", f.submittedAt(), opinions, List.of(), f.asOf());
    try (PDDocument document = Loader.loadPDF(PDF.render(longNames))) {
      draw(document, "approval-form-long-signer.png");
      List<TextPosition> text = positions(document);
      float cellLeft = text.stream().filter(t -> t.getUnicode().equals("意")).map(TextPosition::getX)
          .min(Float::compare).orElseThrow();
      List<TextPosition> signLabels = text.stream().filter(t -> t.getUnicode().equals("签")
          && text.indexOf(t) + 1 < text.size() && text.get(text.indexOf(t) + 1).getUnicode().equals("名")).toList();
      assertThat(signLabels).isNotEmpty().allSatisfy(t -> assertThat(t.getX()).isGreaterThanOrEqualTo(cellLeft - 0.5f));
      List<Drawn> drawn = images(document.getPage(0));
      assertThat(drawn).hasSize(3).allSatisfy(d -> {
        assertThat(d.at().width).isLessThan(90f);
        assertThat(d.at().width / d.at().height).isCloseTo(3f, within(0.05f));
        assertThat(d.at().x + d.at().width).isLessThan(nearest(text, "时", d.at()).getX());
      });
    }
  }

  static ApprovalForm signed(String comment, byte[] signature, byte[] seal) {
    ApprovalForm f = ApprovalFormPdfTest.form(3);
    List<ApprovalForm.Opinion> opinions = f.opinions().stream().map(o -> new ApprovalForm.Opinion(o.step(),
        o.decision(), comment, o.signerName(), o.at(), signature, o.step().startsWith("教学办") ? null : seal)).toList();
    return new ApprovalForm(f.applicationId(), f.teacherName(), f.staffNumber(), f.homeSchool(), f.targetSchool(),
        f.batch(), f.direction(), f.post(), f.subject(), f.period(), f.yearsOfService(), f.reasons(), f.status(),
        f.subsidy(), "", f.submittedAt(), opinions, List.of(), f.asOf());
  }

  static org.assertj.core.data.Offset<Float> within(float offset) {
    return org.assertj.core.data.Offset.offset(offset);
  }

  /** The glyph of {@code c} on the same line as the image, the nearest to it. */
  private static TextPosition nearest(List<TextPosition> text, String c, Rectangle2D.Float image) {
    float middle = (float) image.getCenterY();
    return text.stream().filter(t -> t.getUnicode().equals(c))
        .min((a, b) -> Float.compare(Math.abs(842 - a.getY() - middle), Math.abs(842 - b.getY() - middle)))
        .orElseThrow();
  }

  private static List<TextPosition> positions(PDDocument document) throws IOException {
    List<TextPosition> all = new ArrayList<>();
    PDFTextStripper stripper = new PDFTextStripper() {
      @Override
      protected void processTextPosition(TextPosition text) {
        all.add(text);
      }
    };
    stripper.getText(document);
    return all;
  }

  /** Every image drawn on the page and the rectangle its matrix maps the unit square to. */
  static List<Drawn> images(PDPage page) throws IOException {
    List<Drawn> drawn = new ArrayList<>();
    PDFStreamEngine engine = new PDFStreamEngine() {
      {
        addOperator(new Concatenate(this));
        addOperator(new DrawObject(this));
        addOperator(new SetGraphicsStateParameters(this));
        addOperator(new Save(this));
        addOperator(new Restore(this));
        addOperator(new SetMatrix(this));
      }

      @Override
      protected void processOperator(Operator operator, List<COSBase> operands) throws IOException {
        if ("Do".equals(operator.getName())
            && getResources().getXObject((COSName) operands.get(0)) instanceof PDImageXObject image) {
          Matrix m = getGraphicsState().getCurrentTransformationMatrix();
          drawn.add(new Drawn(image.getWidth(), image.getHeight(),
              new Rectangle2D.Float(m.getTranslateX(), m.getTranslateY(), m.getScalingFactorX(), m.getScalingFactorY())));
        }
        super.processOperator(operator, operands);
      }
    };
    engine.processPage(page);
    return drawn;
  }

  private static void draw(PDDocument document, String name) throws IOException {
    Path dir = Files.createDirectories(Path.of("target", "pdf"));
    ImageIO.write(new PDFRenderer(document).renderImageWithDPI(0, 110), "png", dir.resolve(name).toFile());
  }

  /** A stroke across a transparent picture; a seal is a ring. */
  static byte[] image(int width, int height, Color color, boolean ring) throws IOException {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = image.createGraphics();
    g.setColor(color);
    g.setStroke(new BasicStroke(Math.max(2, Math.min(width, height) / 20f)));
    if (ring) {
      g.drawOval(4, 4, width - 8, height - 8);
    } else {
      g.drawLine(4, height - 4, width - 4, 4);
    }
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }
}
