package cn.jiaoliu.app.tasklist;

import cn.jiaoliu.app.forms.FormSubmission;
import cn.jiaoliu.app.security.AllowedRoles;
import cn.jiaoliu.app.security.JiaoliuUser;
import cn.jiaoliu.app.security.Role;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The inbox over REST, for bearer-token clients. */
@RestController
@RequestMapping("/api/tasks")
class TaskApiController {

  private final TaskService tasks;
  private final MessageSource messages;
  private final ObjectMapper json;
  private final ClaimRelease claims;
  private final TaskForms forms;

  TaskApiController(TaskService tasks, MessageSource messages, ObjectMapper json, ClaimRelease claims,
      TaskForms forms) {
    this.forms = forms;
    this.tasks = tasks;
    this.claims = claims;
    this.messages = messages;
    this.json = json;
  }

  /**
   * The user's open (or done) tasks, with the same filters as the inbox page, a page at a time
   * ({@code page} from 1, {@code size} up to 500): how many match in all is in {@code X-Total-Count}.
   */
  @GetMapping
  ResponseEntity<List<TaskDto>> list(JiaoliuUser user, @RequestParam(defaultValue = "open") String view,
      @RequestParam(required = false) Long batch, @RequestParam(required = false) String school,
      @RequestParam(required = false) String direction, @RequestParam(required = false) String step,
      @RequestParam(defaultValue = "false") boolean overdue, @RequestParam(required = false) String q,
      @RequestParam(defaultValue = "1") int page, @RequestParam(defaultValue = "200") int size, Locale locale) {
    if ("done".equals(view)) {
      List<TaskView> done = tasks.done(user);
      return ResponseEntity.ok().header("X-Total-Count", Integer.toString(done.size()))
          .body(done.stream().map(t -> dto(t, locale)).toList());
    }
    TaskService.InboxPage found = tasks.openPage(user, InboxFilter.of(batch, school, direction, step, overdue, q), page,
        Math.min(Math.max(size, 1), 500));
    return ResponseEntity.ok().header("X-Total-Count", Long.toString(found.total()))
        .body(found.tasks().stream().map(t -> dto(t, locale)).toList());
  }

  @GetMapping("/{id}")
  TaskDto get(JiaoliuUser user, @PathVariable long id, Locale locale) {
    return dto(tasks.get(user, id), locale);
  }

  @PostMapping("/{id}/claim")
  TaskDto claim(JiaoliuUser user, @PathVariable long id, Locale locale) {
    return dto(tasks.claim(user, id), locale);
  }

  @PostMapping("/{id}/unclaim")
  TaskDto unclaim(JiaoliuUser user, @PathVariable long id, Locale locale) {
    return dto(tasks.unclaim(user, id), locale);
  }

  /** An administrator releases whoever's claim it is. */
  @AllowedRoles(Role.ADMIN)
  @PostMapping("/{id}/release")
  TaskDto release(JiaoliuUser user, @PathVariable long id, Locale locale) {
    return dto(claims.release(user, id), locale);
  }

  @PostMapping("/{id}/complete")
  ResponseEntity<Map<String, String>> complete(
      JiaoliuUser user, @PathVariable long id, @RequestBody(required = false) Map<String, Object> fields) {
    var result = tasks.complete(user, id, FormSubmission.ofJson(fields == null ? Map.of() : fields));
    HttpStatus status = result == TaskService.CompletionResult.COMPLETED ? HttpStatus.OK : HttpStatus.ACCEPTED;
    return ResponseEntity.status(status).body(Map.of("result", result.name()));
  }

  private TaskDto dto(TaskView t, Locale locale) {
    return new TaskDto(
        t.id(),
        messages.getMessage(t.nameKey(), null, t.elementId(), locale),
        t.bpmnProcessId(),
        t.elementId(),
        t.formKey(),
        t.status(),
        t.claimedBy(),
        t.dueAt(),
        t.createdAt(),
        t.closedAt(),
        t.completedBy(),
        t.subjectType(),
        t.subjectId(),
        String.valueOf(t.processInstanceKey()),
        shown(t));
  }

  /** What the task's form shows of its variables (a Camunda Form's task: what its form reads). */
  private JsonNode shown(TaskView t) {
    JsonNode all = read(t.variables());
    if (all == null || !all.isObject()) {
      return all;
    }
    Map<String, Object> variables = json.convertValue(all, new TypeReference<Map<String, Object>>() {});
    return json.valueToTree(forms.shownVariables(t, variables));
  }

  private JsonNode read(String variables) {
    try {
      return json.readTree(variables);
    } catch (Exception e) {
      return null;
    }
  }

  record TaskDto(
      long id,
      String name,
      String processId,
      String elementId,
      String formKey,
      TaskStatus status,
      String claimedBy,
      OffsetDateTime dueAt,
      OffsetDateTime createdAt,
      OffsetDateTime closedAt,
      String completedBy,
      String subjectType,
      Long subjectId,
      String processInstanceKey,
      JsonNode variables) {}
}
