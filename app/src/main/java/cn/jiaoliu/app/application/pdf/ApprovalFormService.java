package cn.jiaoliu.app.application.pdf;

import cn.jiaoliu.app.application.ApplicationDetails;
import cn.jiaoliu.app.application.ApplicationService;
import cn.jiaoliu.app.application.RevisionChanges;
import cn.jiaoliu.app.application.RotationApplication;
import cn.jiaoliu.app.casefile.CaseFiles;
import cn.jiaoliu.app.programme.Roster;
import cn.jiaoliu.app.programme.SchoolDirectory;
import cn.jiaoliu.app.security.JiaoliuUser;
import cn.jiaoliu.app.signature.Signatures;
import cn.jiaoliu.processes.application.ApplicationProcess;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The approval form of one application for a user allowed to read it (the same scoping as the
 * application's page: everyone else gets "not found"), in Chinese whatever the user's language,
 * since it is printed and filed.
 */
@Service
class ApprovalFormService {

  private static final Locale ZH = Locale.SIMPLIFIED_CHINESE;

  private final ApplicationDetails details;
  private final ApprovalFormPdf pdf;
  private final MessageSource messages;
  private final JdbcClient jdbc;
  private final SchoolDirectory directory;
  private final Roster roster;

  private final CaseFiles caseFiles;
  private final Signatures signatures;

  ApprovalFormService(ApplicationDetails details, ApprovalFormPdf pdf, MessageSource messages, JdbcClient jdbc,
      SchoolDirectory directory, Roster roster, CaseFiles caseFiles, Signatures signatures) {
    this.signatures = signatures;
    this.caseFiles = caseFiles;
    this.directory = directory;
    this.roster = roster;
    this.details = details;
    this.pdf = pdf;
    this.messages = messages;
    this.jdbc = jdbc;
  }

  ResponseEntity<byte[]> download(JiaoliuUser user, long id) {
    byte[] bytes = pdf.render(form(user, id));
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline()
            .filename("交流轮岗审批表-" + id + ".pdf", StandardCharsets.UTF_8).build().toString())
        .body(bytes);
  }

  ApprovalForm form(JiaoliuUser user, long id) {
    ApplicationDetails.Details d = details.of(user, id);
    RotationApplication a = d.application();
    List<ApprovalForm.Opinion> opinions = d.opinions().stream()
        .map(o -> new ApprovalForm.Opinion(msg("step." + o.step()),
            o.decision() == null ? "" : msg("decision." + o.decision()), withOpinionsAsked(o), o.signerName(), o.at(),
            o.signer() == null ? null : signatures.signatureOf(o.signer()).orElse(null), sealOf(a, o.step())))
        .toList();
    OffsetDateTime asOf = Stream.concat(Stream.of(a.updatedAt()), opinions.stream().map(ApprovalForm.Opinion::at))
        .filter(Objects::nonNull).max(Comparator.naturalOrder()).orElse(a.createdAt());
    String subsidy = jdbc.sql("select monthly_subsidy from assignment where application_id = :id").param("id", id)
        .query(Integer.class).optional().map(amount -> messages.getMessage("application.subsidyAmount",
            new Object[] {amount}, ZH)).orElse("");
    String ineligible = a.ineligibleReasons() == null ? "" : Arrays.stream(a.ineligibleReasons().split(","))
        .map(String::strip).filter(r -> !r.isEmpty()).map(r -> msg("eligibility." + r)).collect(Collectors.joining("；"));
    List<ApprovalForm.Revision> revisions = d.audit().stream().filter(e -> "REVISION_APPLIED".equals(e.action()))
        .map(e -> new ApprovalForm.Revision(e.at(), changes(e.detail()))).toList();
    return new ApprovalForm(a.id(), a.teacherName(), roster.byUsername(a.teacherUsername()).map(Roster.Teacher::staffNumber).orElse(""),
        d.homeSchoolName(), d.targetSchoolName(),
        d.batchName(), msg("direction." + a.direction()), msg("post." + a.post()), a.subject(),
        a.periodStart() + " 至 " + a.periodEnd(), a.yearsOfService(), a.reasons(), msg("status." + a.status()),
        subsidy, ineligible, a.createdAt(), opinions, revisions, asOf, attachments(id));
  }

  /** The seal of the school whose opinion a step is: the dispatching school's, the receiving school's. */
  private byte[] sealOf(RotationApplication a, String step) {
    String school = ApplicationProcess.TASK_SIGN_OPINION.equals(step) ? a.homeSchoolCode()
        : ApplicationProcess.TASK_ACCEPT_TEACHER.equals(step) ? a.targetSchoolCode() : null;
    return school == null ? null : signatures.sealOf(school).orElse(null);
  }

  /** 附件：证明.pdf（120 KB）、照片.jpg（2.1 MB）, or nothing. */
  private String attachments(long id) {
    List<CaseFiles.Attachment> files = caseFiles.attachments(ApplicationService.SUBJECT, id);
    return files.isEmpty() ? "" : messages.getMessage("approvalForm.attachments", new Object[] {files.stream()
        .map(f -> f.fileName() + "（" + f.size() + "）").collect(Collectors.joining("、"))}, ZH);
  }

  /** The step's comment, then each opinion its holder asked for: 征求意见（李明）：…. */
  private String withOpinionsAsked(ApplicationDetails.Opinion o) {
    StringBuilder text = new StringBuilder(o.comment() == null ? "" : o.comment());
    for (var asked : o.consulted()) {
      if (asked.answered()) {
        text.append(text.isEmpty() ? "" : "\n").append(messages.getMessage("approvalForm.opinionAsked",
            new Object[] {asked.consulteeName(), asked.opinion()}, ZH));
      }
    }
    return text.toString();
  }

  /** A revision's stored changes ({@link RevisionChanges}) in words: 接收学校：A → B；学科：数学 → 物理. */
  private String changes(String detail) {
    if (detail == null || detail.isBlank()) {
      return "";
    }
    return Arrays.stream(detail.split("\n")).map(RevisionChanges.Change::parse).map(c -> {
      String label = msg("approvalForm.revised." + c.field());
      return switch (c.field()) {
        case "reasons" -> label;
        case "target" -> label + "：" + school(c.before()) + RevisionChanges.ARROW + school(c.after());
        case "period" -> label + "：" + c.before().replace("/", " 至 ") + RevisionChanges.ARROW
            + c.after().replace("/", " 至 ");
        case "post" -> label + "：" + msg("post." + c.before()) + RevisionChanges.ARROW + msg("post." + c.after());
        default -> label + "：" + c.before() + RevisionChanges.ARROW + c.after();
      };
    }).collect(Collectors.joining("；"));
  }

  private String school(String code) {
    return directory.schoolNames(List.of(code)).getOrDefault(code, code);
  }

  private String msg(String key) {
    return messages.getMessage(key, null, key, ZH);
  }
}
