package cn.jiaoliu.app.demo;

import cn.jiaoliu.app.application.ApplicationService;
import cn.jiaoliu.app.programme.SchoolDirectory;
import cn.jiaoliu.app.security.JiaoliuUser;
import cn.jiaoliu.app.tasklist.InboxFilter;
import cn.jiaoliu.app.tasklist.TaskService;
import cn.jiaoliu.app.tasklist.TaskView;
import cn.jiaoliu.app.user.UserDirectory;
import cn.jiaoliu.app.web.UserFacingException;
import cn.jiaoliu.processes.application.ApplicationProcess;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The demo's morning (./run.sh only: {@code jiaoliu.demo.cases=true}): sixty teachers of the demo
 * school apply through the same service as the form, and the demo gives the two principals'
 * opinions, so that the teaching office finds two pages of applications waiting for its approval.
 * Idempotent: each teacher's application has a fixed request token, so a restart adds nothing; only
 * the demo's own applications are ever signed on a principal's behalf.
 */
@Component
@ConditionalOnProperty(name = "jiaoliu.demo.cases", havingValue = "true")
class DemoCases {

  private static final Logger log = LoggerFactory.getLogger(DemoCases.class);
  private static final Pattern VARIABLE = Pattern.compile("\"applicationId\"\\s*:\\s*(\\d+)");

  private final ApplicationService applications;
  private final TaskService tasks;
  private final SchoolDirectory directory;
  private final List<String[]> teachers = new ArrayList<>();
  private final List<JiaoliuUser> principals = new ArrayList<>();
  private final Set<Long> ours = ConcurrentHashMap.newKeySet();
  private final List<JiaoliuUser> colleagues = new ArrayList<>();
  private final UserDirectory users;
  private volatile boolean colleaguesKnown;

  DemoCases(ApplicationService applications, TaskService tasks, SchoolDirectory directory, UserDirectory users) {
    this.users = users;
    this.applications = applications;
    this.tasks = tasks;
    this.directory = directory;
    for (String line : lines()) {
      String[] f = line.strip().split("\\s+");
      if (f.length == 4 && f[0].equals("principal")) {
        principals.add(user(f[1], f[2], "principal", f[3]));
      } else if (f.length == 5 && f[0].equals("colleague")) {
        colleagues.add(user(f[1], f[2], f[3], f[4].equals("-") ? "" : f[4]));
      } else if (f.length == 5 && f[0].equals("teacher")) {
        teachers.add(f);
      }
    }
  }

  /** Every few seconds: the teachers' applications (once), then the principals' opinions on them. */
  @Scheduled(fixedDelayString = "PT10S", initialDelayString = "PT15S")
  void morning() {
    if (!colleaguesKnown) {
      colleagues.forEach(c -> users.seen(c, c.username() + "@demo.jiaoliu.invalid", Instant.now()));
      colleaguesKnown = true;
    }
    if (ours.size() < teachers.size()) {
      apply();
    }
    for (JiaoliuUser principal : principals) {
      for (TaskView task : tasks.open(principal, InboxFilter.NONE)) {
        Long id = applicationOf(task);
        if (id == null || !ours.contains(id)) {
          continue; // a real teacher's case: never signed by the demo
        }
        String decision = ApplicationProcess.TASK_ACCEPT_TEACHER.equals(task.elementId()) ? ApplicationProcess.ACCEPT
            : ApplicationProcess.TASK_SIGN_OPINION.equals(task.elementId()) ? ApplicationProcess.APPROVE : null;
        if (decision == null) {
          continue;
        }
        try {
          tasks.complete(principal, task.id(), Map.of("decision", decision, "comment", ""));
        } catch (UserFacingException e) {
          log.debug("demo could not complete task {}: {}", task.id(), e.messageKey());
        }
      }
    }
  }

  private void apply() {
    var batch = directory.openBatches("LC").stream().findFirst().orElse(null);
    if (batch == null) {
      return;
    }
    for (String[] t : teachers) {
      JiaoliuUser teacher = user(t[1], t[2], "teacher", "LC-U01");
      try {
        ours.add(applications.submit(teacher, Map.of("requestToken", "demo-case-" + t[1], "batchId",
            Long.toString(batch.id()), "direction", "URBAN_TO_RURAL", "targetSchoolCode", "LC-R01", "post", "TEACHER",
            "subject", t[3], "periodStart", batch.periodStarts().toString(), "periodEnd", batch.periodEnds().toString(),
            "yearsOfService", t[4], "reasons", t[3])).id());
      } catch (UserFacingException e) {
        log.warn("demo application of {} refused: {}", t[1], e.messageKey());
        return;
      }
    }
    log.info("demo: {} applications of the demo's teachers are in", ours.size());
  }

  private static Long applicationOf(TaskView task) {
    Matcher m = VARIABLE.matcher(task.variables() == null ? "" : task.variables());
    return m.find() ? Long.valueOf(m.group(1)) : null;
  }

  private static JiaoliuUser user(String username, String name, String role, String school) {
    return JiaoliuUser.fromClaims(Map.of(JiaoliuUser.CLAIM_USERNAME, username, "name", name,
        JiaoliuUser.CLAIM_ROLES, List.of(role), JiaoliuUser.CLAIM_SCHOOL, school, JiaoliuUser.CLAIM_DISTRICT, "LC"));
  }

  private static List<String> lines() {
    try (InputStream in = DemoCases.class.getResourceAsStream("/demo/cases.txt")) {
      return in == null ? List.of() : new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
          .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
