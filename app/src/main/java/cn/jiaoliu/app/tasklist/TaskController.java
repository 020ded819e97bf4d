package cn.jiaoliu.app.tasklist;

import cn.jiaoliu.app.export.Headings;
import cn.jiaoliu.app.export.Table;
import cn.jiaoliu.app.export.TableExport;
import cn.jiaoliu.app.forms.CamundaForms;
import cn.jiaoliu.app.forms.FormSchema;
import cn.jiaoliu.app.forms.FormSubmission;
import cn.jiaoliu.app.programme.Batches;
import cn.jiaoliu.app.programme.SchoolDirectory;
import cn.jiaoliu.app.security.JiaoliuUser;
import cn.jiaoliu.app.user.UserDirectory;
import cn.jiaoliu.app.web.UserFacingException;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
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
  private final InboxRows rows;
  private final SchoolDirectory directory;
  private final Batches batches;
  private final UserDirectory users;
  private final TaskPageOperations operations;
  private final CamundaForms camundaForms;

  TaskController(TaskService tasks, TaskSubjects subjects, TaskForms forms, Clock clock,
      TableExport export, MessageSource messages, Headings headings, InboxRows rows, SchoolDirectory directory,
      Batches batches, UserDirectory users, TaskPageOperations operations, CamundaForms camundaForms) {
    this.operations = operations;
    this.camundaForms = camundaForms;
    this.users = users;
    this.headings = headings;
    this.rows = rows;
    this.directory = directory;
    this.batches = batches;
    this.export = export;
    this.messages = messages;
    this.tasks = tasks;
    this.subjects = subjects;
    this.forms = forms;
    this.clock = clock;
  }

  /** Rows per page of the inbox. */
  static final int PAGE_SIZE = 50;
  /** The most rows an export holds; more is refused with a message rather than cut silently. */
  static final int EXPORT_LIMIT = 10_000;

  @GetMapping("/tasks")
  String list(JiaoliuUser user, @RequestParam(defaultValue = "open") String view,
      @RequestParam(required = false) Long batch, @RequestParam(required = false) String school,
      @RequestParam(required = false) String direction, @RequestParam(required = false) String step,
      @RequestParam(defaultValue = "false") boolean overdue, @RequestParam(required = false) String q,
      @RequestParam(defaultValue = "1") int page, Model model) {
    boolean done = "done".equals(view);
    InboxFilter filter = InboxFilter.of(batch, school, direction, step, overdue, q);
    model.addAttribute("view", done ? "done" : "open");
    model.addAttribute("filter", filter);
    if (done) {
      model.addAttribute("rows", rows.of(tasks.done(user)));
    } else {
      TaskService.InboxPage found = tasks.openPage(user, filter, page, PAGE_SIZE);
      model.addAttribute("rows", rows.of(found.tasks()));
      model.addAttribute("paging", found);
      TaskQueries.FilterChoices choices = tasks.filterChoices(user);
      model.addAttribute("schoolChoices", directory.schoolNames(choices.schoolCodes()).entrySet().stream()
          .sorted(Map.Entry.comparingByValue()).toList());
      model.addAttribute("batchChoices", choices.batchIds().stream().map(batches::batch).flatMap(Optional::stream)
          .sorted(Comparator.comparing(Batches.Batch::opensOn).reversed()).toList());
    }
    model.addAttribute("counts", tasks.counts(user));
    model.addAttribute("now", OffsetDateTime.now(clock));
    return "tasks/list";
  }

  /** The inbox as the user sees it (same view and filters, every page), as XLSX or CSV with Chinese headers. */
  @GetMapping("/tasks/export")
  ResponseEntity<byte[]> export(JiaoliuUser user, @RequestParam(defaultValue = "open") String view,
      @RequestParam(required = false) Long batch, @RequestParam(required = false) String school,
      @RequestParam(required = false) String direction, @RequestParam(required = false) String step,
      @RequestParam(defaultValue = "false") boolean overdue, @RequestParam(required = false) String q,
      @RequestParam(defaultValue = "xlsx") String format) {
    boolean done = "done".equals(view);
    List<TaskView> found;
    if (done) {
      found = tasks.done(user);
    } else {
      TaskService.InboxPage all = tasks.openPage(user, InboxFilter.of(batch, school, direction, step, overdue, q), 1,
          EXPORT_LIMIT);
      if (all.total() > EXPORT_LIMIT) {
        throw new UserFacingException(HttpStatus.BAD_REQUEST, "tasks.exportTooMany", EXPORT_LIMIT);
      }
      found = all.tasks();
    }
    return export.download(table(rows.of(found), done), done ? "tasks-done" : "tasks-open", format);
  }

  private Table table(List<InboxRows.Row> rows, boolean done) {
    Locale zh = Locale.SIMPLIFIED_CHINESE;
    return headings.table(done ? "doneTasks" : "openTasks", rows.stream().map(r -> {
          TaskView t = r.task();
          var subject = r.subject();
          var summary = r.summary();
          Object when = done ? t.closedAt() : t.dueAt();
          Object holder = done ? messages.getMessage("task.status." + t.status(), null, zh)
              : r.holderName() != null ? r.holderName() : messages.getMessage("tasks.unclaimed", null, zh);
          List<Object> row = new ArrayList<>(List.of(t.id(), messages.getMessage(t.nameKey(), null, t.nameKey(), zh),
              messages.getMessage(subject.messageKey(), subject.args(), subject.messageKey(), zh)));
          row.add(summary == null || summary.person() == null ? "" : summary.person());
          row.add(summary == null || summary.homeSchool() == null ? "" : summary.homeSchool());
          row.add(summary == null || summary.targetSchool() == null ? "" : summary.targetSchool());
          row.add(summary == null || summary.directionKey() == null ? ""
              : messages.getMessage(summary.directionKey(), null, zh));
          row.add(summary == null || summary.subject() == null ? "" : summary.subject());
          row.add(summary == null || summary.yearsOfService() == null ? "" : summary.yearsOfService());
          row.add(summary == null || summary.submittedAt() == null ? "" : summary.submittedAt());
          row.add(when == null ? "" : when);
          row.add(holder);
          row.add(!done && r.overdue());
          return row;
        }).toList());
  }

  /** Completes several tasks with one decision; each is checked, recorded and audited on its own. */
  @PostMapping("/tasks/bulk-complete")
  String bulkComplete(JiaoliuUser user, @RequestParam(name = "taskId", required = false) List<Long> ids,
      @RequestParam Map<String, String> params, RedirectAttributes redirect) {
    if (ids == null || ids.isEmpty()) {
      redirect.addFlashAttribute("bulkError", "tasks.bulkNoneSelected");
      return "redirect:/tasks";
    }
    Map<String, String> fields = new HashMap<>(params);
    fields.remove("_csrf");
    fields.remove("taskId");
    int done = 0;
    List<String> failures = new ArrayList<>();
    for (Long id : ids) {
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
    if (task.status() == TaskStatus.OPEN) {
      forms.formModel(task, user).forEach((k, v) -> {
        if (!model.containsAttribute(k)) {
          model.addAttribute(k, v);
        }
      });
    }
    boolean mayAct = tasks.mayAct(user, task);
    model.addAttribute("mayAct", mayAct);
    operations.addTo(model, user, task, mayAct);
    model.addAttribute("claimedByName", task.claimedBy() == null ? null
        : users.find(task.claimedBy()).map(UserDirectory.KnownUser::displayName).orElse(task.claimedBy()));
    model.addAttribute("now", OffsetDateTime.now(clock));
    if (!model.containsAttribute("fields")) {
      model.addAttribute("fields", Map.of());
    }
    if (!model.containsAttribute("fieldErrors")) {
      model.addAttribute("fieldErrors", Map.of());
    }
    if (model.getAttribute("camundaForm") instanceof FormSchema form) {
      // a modelled process's Camunda Form: prefilled from the task's variables, or what was just sent
      @SuppressWarnings("unchecked")
      Map<String, Object[]> args = (Map<String, Object[]>) model.getAttribute("fieldErrorArgs");
      @SuppressWarnings("unchecked")
      Map<String, String> errors = (Map<String, String>) model.getAttribute("fieldErrors");
      @SuppressWarnings("unchecked")
      Map<String, Object> context = (Map<String, Object>) model.getAttribute("camundaFormContext");
      model.addAttribute("camundaFormView", camundaForms.view(form, context == null ? Map.of() : context,
          (FormSubmission) model.getAttribute("submission"), errors, args == null ? Map.of() : args,
          LocaleContextHolder.getLocale()));
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
    Map<String, List<String>> all = new LinkedHashMap<>(params);
    all.remove("_csrf");
    FormSubmission submission = new FormSubmission(all);
    try {
      var result = tasks.complete(user, id, submission);
      redirect.addFlashAttribute("notice",
          result == TaskService.CompletionResult.COMPLETED ? "task.completed" : "task.queued");
      return "redirect:/tasks";
    } catch (UserFacingException e) {
      if (e.fieldErrors().isEmpty()) {
        throw e;
      }
      response.setStatus(HttpStatus.BAD_REQUEST.value());
      model.addAttribute("fields", fields);
      model.addAttribute("submission", submission);
      model.addAttribute("fieldErrors", e.fieldErrors());
      model.addAttribute("fieldErrorArgs", e.fieldErrorArgs());
      return show(user, id, model);
    }
  }
}
