package cn.jiaoliu.app.tasklist;

import cn.jiaoliu.app.export.Headings;
import cn.jiaoliu.app.export.Table;
import cn.jiaoliu.app.export.TableExport;
import cn.jiaoliu.app.security.JiaoliuUser;
import cn.jiaoliu.app.web.UserFacingException;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The tasklist pages: 待办 / 已办 and one task with its form. */
@Controller
class TaskController {

  private final TaskService tasks;
  private final TaskSubjects subjects;
  private final TaskForms forms;
  private final Clock clock;

  private final TableExport export;
  private final MessageSource messages;

  private final Headings headings;

  TaskController(TaskService tasks, TaskSubjects subjects, TaskForms forms, Clock clock,
      TableExport export, MessageSource messages, Headings headings) {
    this.headings = headings;
    this.export = export;
    this.messages = messages;
    this.tasks = tasks;
    this.subjects = subjects;
    this.forms = forms;
    this.clock = clock;
  }

  @GetMapping("/tasks")
  String list(JiaoliuUser user, @RequestParam(defaultValue = "open") String view,
      @RequestParam(required = false) Long batch, @RequestParam(required = false) String school,
      @RequestParam(required = false) String direction, @RequestParam(required = false) String step,
      @RequestParam(defaultValue = "false") boolean overdue, Model model) {
    boolean done = "done".equals(view);
    InboxFilter filter = InboxFilter.of(batch, school, direction, step, overdue);
    model.addAttribute("view", done ? "done" : "open");
    model.addAttribute("filter", filter);
    model.addAttribute("tasks", visible(user, done, filter));
    model.addAttribute("counts", tasks.counts(user));
    model.addAttribute("now", OffsetDateTime.now(clock));
    return "tasks/list";
  }

  /** The inbox as the user sees it (same view and filters), as XLSX or CSV with Chinese headers. */
  @GetMapping("/tasks/export")
  ResponseEntity<byte[]> export(JiaoliuUser user, @RequestParam(defaultValue = "open") String view,
      @RequestParam(required = false) Long batch, @RequestParam(required = false) String school,
      @RequestParam(required = false) String direction, @RequestParam(required = false) String step,
      @RequestParam(defaultValue = "false") boolean overdue, @RequestParam(defaultValue = "xlsx") String format) {
    boolean done = "done".equals(view);
    List<TaskView> rows = visible(user, done, InboxFilter.of(batch, school, direction, step, overdue));
    return export.download(table(rows, done), done ? "tasks-done" : "tasks-open", format);
  }

  private List<TaskView> visible(JiaoliuUser user, boolean done, InboxFilter filter) {
    return done ? tasks.done(user) : tasks.open(user, filter);
  }

  private Table table(List<TaskView> rows, boolean done) {
    Locale zh = Locale.SIMPLIFIED_CHINESE;
    OffsetDateTime now = OffsetDateTime.now(clock);
    return headings.table(done ? "doneTasks" : "openTasks", rows.stream().map(t -> {
          var subject = subjects.of(t);
          Object when = done ? t.closedAt() : t.dueAt();
          Object holder = done ? messages.getMessage("task.status." + t.status(), null, zh)
              : t.claimedBy() != null ? t.claimedBy() : messages.getMessage("tasks.unclaimed", null, zh);
          return List.<Object>of(t.id(), messages.getMessage(t.nameKey(), null, t.nameKey(), zh),
              messages.getMessage(subject.messageKey(), subject.args(), subject.messageKey(), zh),
              when == null ? "" : when, holder, !done && t.overdue(now));
        }).toList());
  }

  /** Completes several tasks with one decision; each is checked, recorded and audited on its own. */
  @PostMapping("/tasks/bulk-complete")
  String bulkComplete(JiaoliuUser user, @RequestParam(name = "taskId", required = false) List<Long> ids,
      @RequestParam Map<String, String> params, RedirectAttributes redirect) {
    Map<String, String> fields = new HashMap<>(params);
    fields.remove("_csrf");
    fields.remove("taskId");
    int done = 0;
    List<String> failures = new ArrayList<>();
    for (Long id : ids == null ? List.<Long>of() : ids) {
      try {
        tasks.complete(user, id, fields);
        done++;
      } catch (UserFacingException e) {
        failures.add("#" + id);
      }
    }
    redirect.addFlashAttribute("bulkDone", done);
    redirect.addFlashAttribute("bulkFailed", String.join(", ", failures));
    return "redirect:/tasks";
  }

  @GetMapping("/tasks/{id}")
  String show(JiaoliuUser user, @PathVariable long id, Model model) {
    TaskView task = tasks.get(user, id);
    model.addAttribute("task", task);
    TaskSubjectProvider.Panel panel = subjects.panelOf(user, task);
    model.addAttribute("panelTemplate", panel == null ? null : panel.template());
    model.addAttribute("panel", panel == null ? null : panel.model());
    if (task.status() == TaskStatus.OPEN && task.formKey() != null) {
      forms.formModel(task, user).forEach((k, v) -> {
        if (!model.containsAttribute(k)) {
          model.addAttribute(k, v);
        }
      });
    }
    model.addAttribute("mayAct", tasks.mayAct(user, task));
    model.addAttribute("now", OffsetDateTime.now(clock));
    if (!model.containsAttribute("fields")) {
      model.addAttribute("fields", Map.of());
    }
    if (!model.containsAttribute("fieldErrors")) {
      model.addAttribute("fieldErrors", Map.of());
    }
    return "tasks/detail";
  }

  @PostMapping("/tasks/{id}/claim")
  String claim(JiaoliuUser user, @PathVariable long id) {
    tasks.claim(user, id);
    return "redirect:/tasks/" + id;
  }

  @PostMapping("/tasks/{id}/unclaim")
  String unclaim(JiaoliuUser user, @PathVariable long id) {
    tasks.unclaim(user, id);
    return "redirect:/tasks/" + id;
  }

  @PostMapping("/tasks/{id}/complete")
  String complete(JiaoliuUser user, @PathVariable long id, @RequestParam MultiValueMap<String, String> params,
      Model model, RedirectAttributes redirect, HttpServletResponse response) {
    Map<String, String> fields = params.toSingleValueMap();
    fields.remove("_csrf");
    try {
      var result = tasks.complete(user, id, fields);
      redirect.addFlashAttribute("notice",
          result == TaskService.CompletionResult.COMPLETED ? "task.completed" : "task.queued");
      return "redirect:/tasks";
    } catch (UserFacingException e) {
      if (e.fieldErrors().isEmpty()) {
        throw e;
      }
      response.setStatus(HttpStatus.BAD_REQUEST.value());
      model.addAttribute("fields", fields);
      model.addAttribute("fieldErrors", e.fieldErrors());
      return show(user, id, model);
    }
  }
}
