package cn.jiaoliu.app.tasklist;

import cn.jiaoliu.app.security.AllowedRoles;
import cn.jiaoliu.app.security.JiaoliuUser;
import cn.jiaoliu.app.security.Role;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The approval operations over REST: the same services, checks and audit as the pages. */
@RestController
class TaskOperationsApiController {

  private final Urging urging;
  private final Handover handover;
  private final Consultations consultations;
  private final Recalls recalls;
  private final CaseCopies copies;
  private final Delegations delegations;

  TaskOperationsApiController(Urging urging, Handover handover, Consultations consultations, Recalls recalls,
      CaseCopies copies, Delegations delegations) {
    this.urging = urging;
    this.handover = handover;
    this.consultations = consultations;
    this.recalls = recalls;
    this.copies = copies;
    this.delegations = delegations;
  }

  record TransferRequest(String to, String reason) {}

  record ConsultRequest(List<String> consultees, String question, boolean waits) {}

  record AnswerRequest(String opinion) {}

  record CopyRequest(List<String> people, List<String> groups, String note) {}

  record DelegationRequest(String deputy, LocalDate startsOn, LocalDate endsOn, String reason) {}

  @PostMapping("/api/tasks/{id}/urge")
  Map<String, Object> urge(JiaoliuUser user, @PathVariable long id) {
    return Map.of("urged", urging.urge(user, id));
  }

  @PostMapping("/api/tasks/{id}/transfer")
  Map<String, Object> transfer(JiaoliuUser user, @PathVariable long id, @RequestBody TransferRequest body) {
    TaskView task = handover.transfer(user, id, body.to(), body.reason());
    return Map.of("id", task.id(), "transferredTo", body.to());
  }

  @PostMapping("/api/tasks/{id}/consultations")
  List<Consultations.Consultation> consult(JiaoliuUser user, @PathVariable long id, @RequestBody ConsultRequest body) {
    return consultations.ask(user, id, body.consultees(), body.question(), body.waits());
  }

  @PostMapping("/api/tasks/{id}/recall")
  Map<String, Object> recall(JiaoliuUser user, @PathVariable long id) {
    recalls.recall(user, id);
    return Map.of("recalled", id);
  }

  @GetMapping("/api/consultations")
  List<Consultations.Consultation> asked(JiaoliuUser user) {
    return consultations.askedOf(user.username());
  }

  @PostMapping("/api/consultations/{id}/answer")
  Consultations.Consultation answer(JiaoliuUser user, @PathVariable long id, @RequestBody AnswerRequest body) {
    return consultations.answer(user, id, body.opinion());
  }

  @GetMapping("/api/copies")
  List<CaseCopies.CaseCopy> copies(JiaoliuUser user) {
    return copies.received(user.username());
  }

  @PostMapping("/api/cases/{type}/{id}/copies")
  Map<String, Object> copy(JiaoliuUser user, @PathVariable String type, @PathVariable long id,
      @RequestBody CopyRequest body) {
    return Map.of("copied", copies.copy(user, type, id, body.people(), body.groups(), body.note()));
  }

  @AllowedRoles({Role.PRINCIPAL, Role.TEACHING_OFFICE})
  @GetMapping("/api/delegations")
  List<Delegations.Delegation> delegations(JiaoliuUser user) {
    return delegations.of(user.username());
  }

  @AllowedRoles({Role.PRINCIPAL, Role.TEACHING_OFFICE})
  @PostMapping("/api/delegations")
  Delegations.Delegation delegate(JiaoliuUser user, @RequestBody DelegationRequest body) {
    return delegations.create(user, body.deputy(), body.startsOn(), body.endsOn(), body.reason());
  }

  @AllowedRoles({Role.PRINCIPAL, Role.TEACHING_OFFICE})
  @PostMapping("/api/delegations/{id}/end")
  Map<String, Object> end(JiaoliuUser user, @PathVariable long id) {
    delegations.end(user, id);
    return Map.of("ended", id);
  }
}
