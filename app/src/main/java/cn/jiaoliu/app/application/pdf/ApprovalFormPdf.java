package cn.jiaoliu.app.application.pdf;

import static cn.jiaoliu.app.pdf.RuledForm.text;

import cn.jiaoliu.app.pdf.CjkFonts;
import cn.jiaoliu.app.pdf.DocumentInfo;
import cn.jiaoliu.app.pdf.RuledForm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.util.Objects;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Renders the approval form (城乡教师交流轮岗审批表) of a rotation application as a printable A4 PDF
 * with the CJK font's used glyphs embedded: the facts, the teacher's reasons, every signed opinion
 * and a remark saying what the form is as of. The same form gives the same bytes.
 */
@Component
public final class ApprovalFormPdf {

  static final String TITLE = "城乡教师交流轮岗审批表";

  private final CjkFonts fonts;
  private final ZoneId zone;

  /** With the fonts the app ships (loaded once per JVM); times in the bureau's zone ({@code jiaoliu.time-zone}). */
  @Autowired
  public ApprovalFormPdf(ZoneId displayZone) {
    this(CjkFonts.bundled(), displayZone);
  }

  ApprovalFormPdf(CjkFonts fonts, ZoneId zone) {
    this.fonts = Objects.requireNonNull(fonts, "fonts");
    this.zone = Objects.requireNonNull(zone, "zone");
  }

  public byte[] render(ApprovalForm form) {
    Objects.requireNonNull(form, "form");
    try (PDDocument document = new PDDocument()) {
      CjkFonts.Loaded loaded = fonts.load(document);
      String number = "申请编号：" + form.applicationId();
      RuledForm ruled = new RuledForm(document, loaded, zone, TITLE + "（续）",
          "姓名：" + text(form.teacherName()) + "　　" + number,
          number + "　　状态截至：" + RuledForm.dateTime(form.asOf(), zone) + "（" + RuledForm.zoneLabel(zone) + "）");
      ruled.start();
      ruled.title(TITLE, text(form.batch()).isBlank() ? "" : "（" + form.batch() + "）", number);
      ruled.gridRow("姓　　名", form.teacherName(), "工　　号", text(form.staffNumber()).isBlank() ? "—" : form.staffNumber());
      ruled.gridRow("派出学校", form.homeSchool(), "接收学校", form.targetSchool());
      ruled.gridRow("交流方向", form.direction(), "交流岗位", form.post());
      ruled.gridRow("任教学科", form.subject(), "教龄（年）", String.valueOf(form.yearsOfService()));
      ruled.gridRow("交流期间", form.period(), "生活补贴", text(form.subsidy()).isBlank() ? "—" : form.subsidy());
      ruled.wideRow("办理状态", form.status());
      if (!text(form.ineligibleReasons()).isBlank()) {
        ruled.wideRow("不符合条件", form.ineligibleReasons());
      }
      String submitted = RuledForm.dateTime(form.submittedAt(), zone);
      ruled.textBlock("申请理由", form.reasons(), true, "（未填写）",
          "申请人：" + text(form.teacherName()) + (submitted.isEmpty() ? "" : "　　时间：" + submitted), 3);
      if (!form.revisions().isEmpty()) {
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < form.revisions().size(); i++) {
          ApprovalForm.Revision r = form.revisions().get(i);
          rows.append(i == 0 ? "" : "\n").append("第").append(i + 1).append("次修改（")
              .append(RuledForm.dateTime(r.at(), zone)).append("）：")
              .append(text(r.changes()).isBlank() ? "内容未变" : r.changes());
        }
        ruled.textBlock("修改记录", rows.toString(), false, null, null, 1);
      }
      if (form.opinions().isEmpty()) {
        ruled.textBlock("各级意见", "", false, "（尚无意见）", null, 2);
      }
      for (ApprovalForm.Opinion o : form.opinions()) {
        ruled.opinion(o.step(), o.decision(), o.comment(), o.signerName(), o.at(), o.signature(), o.seal());
      }
      ruled.textBlock("备　　注", (text(form.attachments()).isBlank() ? "" : form.attachments() + "\n")
          + "本表由交流轮岗系统根据申请 " + form.applicationId() + " 的办理记录生成，内容截至 "
          + RuledForm.dateTime(form.asOf(), zone) + "（" + RuledForm.zoneLabel(zone) + "）。各栏意见、签名及时间取自审批记录。", false, null, null, 1);
      ruled.finish();
      new DocumentInfo(TITLE + " — " + text(form.teacherName()) + " — " + form.applicationId(),
          "交流申请 " + form.applicationId() + " 审批表", text(form.teacherName()),
          "Jiaoliu ApprovalFormPdf (Apache PDFBox)", form.asOf(), form.toString()).applyTo(document, zone);
      return loaded.save(document);
    } catch (IOException e) {
      throw new UncheckedIOException("could not render the approval form", e);
    }
  }
}
