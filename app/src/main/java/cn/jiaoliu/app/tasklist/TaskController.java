package cn.jiaoliu.app.tasklist;

import cn.jiaoliu.app.security.JiaoliuUser;
import cn.jiaoliu.app.web.UserFacingException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Map;
import org.springframework.http.HttpStatus;
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
  private final Clock clock;

  TaskController(TaskService tasks, Clock clock) {
    this.tasks = tasks;
    this.clock = clock;
  }

  @GetMapping("/tasks")
  String list(JiaoliuUser user, @RequestParam(defaultValue = "open") String view, Model model) {
    boolean done = "done".equals(view);
    model.addAttribute("view", done ? "done" : "open");
    model.addAttribute("tasks", done ? tasks.done(user) : tasks.open(user));
    model.addAttribute("openCount", tasks.countOpen(user));
    model.addAttribute("now", OffsetDateTime.now(clock));
    return "tasks/list";
  }

  @GetMapping("/tasks/{id}")
  String show(JiaoliuUser user, @PathVariable long id, Model model) {
    model.addAttribute("task", tasks.get(user, id));
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
      Model model, RedirectAttributes redirect, jakarta.servlet.http.HttpServletResponse response) {
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
