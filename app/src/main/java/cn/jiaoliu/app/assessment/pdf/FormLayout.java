package cn.jiaoliu.app.assessment.pdf;

import static cn.jiaoliu.app.pdf.RuledForm.date;
import static cn.jiaoliu.app.pdf.RuledForm.text;

import cn.jiaoliu.app.assessment.pdf.AssessmentRecord.Entry;
import cn.jiaoliu.app.pdf.CjkFonts;
import cn.jiaoliu.app.pdf.RuledForm;
import java.io.IOException;
import java.time.ZoneId;
import org.apache.pdfbox.pdmodel.PDDocument;

/**
 * Lays out one record on a {@link RuledForm}: the title with the school year and the archive's
 * version, a grid of the facts, the self-evaluation, one block per opinion and the remarks; the
 * running head names the teacher and the year, the footer the archive's version and time.
 */
final class FormLayout {

  private final AssessmentRecord record;
  private final RuledForm form;
  private final ZoneId zone;

  FormLayout(PDDocument document, CjkFonts.Loaded fonts, ZoneId zone, AssessmentRecord record) {
    this.record = record;
    this.zone = zone;
    this.form = new RuledForm(document, fonts, zone, ArchivePdf.TITLE + "（续）",
        "姓名：" + text(record.teacherName()) + "　　学年度：" + text(record.schoolYear()),
        "档案版本：第 " + record.version() + " 版　　归档时间：" + RuledForm.dateTime(record.archivedAt(), zone));
  }

  void write() throws IOException {
    form.start();
    title();
    facts();
    form.textBlock("个人自我鉴定", record.selfEvaluation(), true, "（未填写）", "本人签名：" + text(record.teacherName()), 5);
    for (Entry entry : record.entries()) {
      form.opinion(entry.step(), entry.decision(), entry.comment(), entry.signerName(), entry.at(), entry.signature(),
          entry.seal());
    }
    remarks();
    form.finish();
  }

  private void title() throws IOException {
    // the school year centred under the title, the archive's version on the same line at the right
    String year = text(record.schoolYear()).strip();
    String subtitle = year.isEmpty() ? ""
        : "（" + year + (year.endsWith("学年") || year.endsWith("学年度") ? "" : " 学年度") + "）";
    form.title(ArchivePdf.TITLE, subtitle, "档案版本：第 " + record.version() + " 版");
  }

  private void facts() throws IOException {
    String period = date(record.periodStart()) + " 至 " + date(record.periodEnd());
    if (record.periodStart() == null && record.periodEnd() == null) {
      period = "";
    }
    form.gridRow("姓　　名", record.teacherName(), "用 户 名", record.teacherUsername());
    form.gridRow("派出学校", record.dispatchingSchool(), "接收学校", record.receivingSchool());
    form.gridRow("任教学科", record.subject(), "交流岗位", record.post());
    form.gridRow("学 年 度", record.schoolYear(), "交流期间", period);
    form.gridRow("示范课（节）", String.valueOf(record.demonstrationClasses()),
        "教研活动（次）", String.valueOf(record.researchActivities()));
    form.gridRow("任教学生（人）", String.valueOf(record.pupilsTaught()), "考核等次", record.grade());
  }

  private void remarks() throws IOException {
    String at = RuledForm.dateTime(record.archivedAt(), zone);
    String text = "本表为第 " + record.version() + " 版存档件" + (at.isEmpty() ? "" : "，归档于 " + at + "（" + RuledForm.zoneLabel(zone) + "）")
        + "。各栏意见、签名及时间取自审批记录，以电子存档的 SHA-256 摘要核验。";
    form.textBlock("备　　注", text, false, null, null, 1);
  }
}
